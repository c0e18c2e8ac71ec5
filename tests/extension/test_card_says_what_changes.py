"""The card says what changes: the flagged phrase, and for each rewrite the words it replaces and what goes
in their place ("Calm down → I can hear…"), or, for the sentence a structure check inserts, where it goes
("Insert before “…”: …"), with the curated bank, whose structure checks make such suggestions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from .helpers import ROOT, Service, running_service, set_settings, type_draft

DRAFT = "Your parcel is on its way. Calm down."
CUSTOMER = "Third time I ask, where is my parcel?!"  # textarea.html's customer message


@pytest.fixture(scope="module")
def curated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    with running_service(tmp_path_factory.mktemp("curated-home"), ROOT / "phrasebank") as running:
        yield running


def analysis(service: Service) -> dict[str, Any]:
    response = requests.post(
        f"{service.url}/v1/analyze",
        json={"text": DRAFT, "customer_message": CUSTOMER},
        headers={"Authorization": f"Bearer {service.key}"},
        timeout=10,
    )
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


def card_for(page: Any, rule: str) -> Any:
    page.locator(f"replycoach-ui .marker[data-rc-rule='{rule}']").first.click()
    card = page.locator(f"replycoach-ui .card[data-rc-rule='{rule}']")
    card.wait_for()
    return card


def test_each_rewrite_says_what_it_changes(page: Any, pages_url: str, worker: Any, curated: Service) -> None:
    set_settings(worker, serverUrl=curated.url, apiKey=curated.key)
    flags = {flag["rule_id"]: flag for flag in analysis(curated)["flags"]}
    calm, opening = flags["dismissive.calm-down"], flags["structure.acknowledge-feeling"]
    assert {suggestion["scope"] for suggestion in opening["suggestions"]} == {"insert"}

    page.goto(f"{pages_url}/textarea.html")
    type_draft(page, "#reply", DRAFT)
    page.locator("replycoach-ui .marker[data-rc-rule='dismissive.calm-down']").wait_for(timeout=10000)

    card = card_for(page, "dismissive.calm-down")
    assert card.locator(".phrase").inner_text() == "“Calm down”"
    buttons = card.locator("[data-rc-action='apply']")
    assert buttons.all_inner_texts() == [f"Calm down → {item['text']}" for item in calm["suggestions"]]
    assert [buttons.nth(i).get_attribute("aria-label") for i in range(buttons.count())] == [
        f"Replace “Calm down” with “{item['text']}”" for item in calm["suggestions"]
    ]
    page.keyboard.press("Escape")

    card = card_for(page, "structure.acknowledge-feeling")
    assert card.locator(".phrase").inner_text() == f"“{opening['text']}”"
    assert card.locator("[data-rc-action='apply']").all_inner_texts() == [
        f"Insert before “{opening['text']}”: {item['text'].strip()}" for item in opening["suggestions"]
    ]

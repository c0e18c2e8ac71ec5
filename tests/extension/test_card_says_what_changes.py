"""The card says what changes: the flagged phrase, and for each rewrite the words it replaces and what goes
in their place ("Calm down → I can hear…"), or, for the sentence a structure check inserts, where it goes
("Insert before “…”: …"), with the curated bank, whose structure checks make such suggestions; in Chromium
and Firefox."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from . import firefox
from .helpers import ROOT, Service, running_service, set_settings, type_draft
from .views import as_function

DRAFT = "Your parcel is on its way. Calm down."
CUSTOMER = "Third time I ask, where is my parcel?!"  # textarea.html's customer message
CALM, OPENING = "dismissive.calm-down", "structure.acknowledge-feeling"

# What the open card of rule arguments[0] says: its phrase, and for each rewrite button its text, its
# aria-label (null for none: named by its text) and the sentence a screen reader hears as its description
# ('' for none); null while no card of that rule is open.
CARD_WORDS = """
for (const host of document.querySelectorAll('replycoach-ui')) {
  const card = host.shadowRoot && host.shadowRoot.querySelector(`.card[data-rc-rule='${arguments[0]}']`);
  if (!card) continue;
  return { phrase: card.querySelector('.phrase').innerText,
    buttons: [...card.querySelectorAll("[data-rc-action='apply']")]
      .map((button) => [button.innerText, button.getAttribute('aria-label'),
        (button.getAttribute('aria-describedby') || '').split(' ').filter(Boolean)
          .map((id) => host.shadowRoot.getElementById(id).textContent).join(' ')]) };
}
return null;
"""
Words = dict[str, Any]


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


def check_cards(service: Service, card_words: Callable[[str], Words], close: Callable[[], None]) -> None:
    """Open each flag's card (`card_words(rule)` clicks its underline and reads what the card says; `close`
    closes it) and check what it says."""
    flags = {flag["rule_id"]: flag for flag in analysis(service)["flags"]}
    calm, opening = flags[CALM], flags[OPENING]
    assert {suggestion["scope"] for suggestion in opening["suggestions"]} == {"insert"}

    words = card_words(CALM)
    assert words["phrase"] == "“Calm down”"
    # Named by the words shown (a voice-control user says them), described as a sentence.
    assert words["buttons"] == [
        [f"Calm down → {item['text']}", None, f"Replace “Calm down” with “{item['text']}”"]
        for item in calm["suggestions"]
    ]
    close()

    words = card_words(OPENING)
    assert words["phrase"] == f"“{opening['text']}”"
    assert words["buttons"] == [
        [f"Insert before “{opening['text']}”: {item['text'].strip()}", None, ""]
        for item in opening["suggestions"]
    ]


def test_each_rewrite_says_what_it_changes(page: Any, pages_url: str, worker: Any, curated: Service) -> None:
    set_settings(worker, serverUrl=curated.url, apiKey=curated.key)
    page.goto(f"{pages_url}/textarea.html")
    type_draft(page, "#reply", DRAFT)
    page.locator(f"replycoach-ui .marker[data-rc-rule='{CALM}']").wait_for(timeout=10000)

    def card_words(rule: str) -> Words:
        page.locator(f"replycoach-ui .marker[data-rc-rule='{rule}']").first.click()
        page.locator(f"replycoach-ui .card[data-rc-rule='{rule}']").wait_for()
        words: Words = page.evaluate(as_function(CARD_WORDS), [rule])
        return words

    check_cards(curated, card_words, lambda: page.keyboard.press("Escape"))


def test_each_rewrite_says_what_it_changes_in_firefox(
    tab: Any, pages_url: str, curated: Service, firefox_settings: Callable[..., None]
) -> None:
    firefox_settings(serverUrl=curated.url, apiKey=curated.key)
    tab.navigate(f"{pages_url}/textarea.html")
    firefox.find(tab, "#reply").click()
    firefox.type_text(tab, DRAFT)

    def marker(rule: str) -> Any:
        return firefox.wait_until(
            lambda: firefox.overlay(tab, f".marker[data-rc-rule='{rule}']"),
            10,
            lambda: f"no marker for {rule}",
        )

    def card_words(rule: str) -> Words:
        marker(rule).click()
        words: Words = firefox.wait_until(
            lambda: tab.execute_script(CARD_WORDS, script_args=[rule]), 5, lambda: f"no card for {rule}"
        )
        return words

    marker(CALM)
    check_cards(curated, card_words, lambda: firefox.press(tab, firefox.ESCAPE))

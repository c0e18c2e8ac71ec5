"""The Insights view: the counts of a service of its own (analyses and agents' actions sent over HTTP), its
three charts drawn, the noisy rule listed with a working edit link, and the screenshot the README shows
(test-artifacts/admin/insights.png; written to docs/images/ too with REPLYCOACH_UPDATE_SCREENSHOTS=1)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from replycoach.store.db import connect
from replycoach.store.insights import InsightStore, Tally

from .helpers import ROOT, Service, eventually, running_service, screenshot, sign_in

COLD = "Please calm down. You'll have to wait 24 hours."  # dismissive.calm-down, blame.have-to-wait
REFUSAL = "Unfortunately we can't refund the order."  # negative-framing.unfortunately-we-cant
README_IMAGE = ROOT / "docs" / "images" / "admin-insights.png"


@pytest.fixture
def own(tmp_path: Path) -> Iterator[Service]:
    """A service of the test's own, so that every count on the page is one this test made."""
    with running_service(tmp_path / "home") as running:
        yield running


def _send(service: Service, rule_id: str, action: str, times: int) -> None:
    body = {"events": [{"rule_id": rule_id, "action": action}] * times}
    response = service.call("POST", "/v1/events", key=service.agent_key, json=body)
    assert response.status_code == 202, response.text


def _analyze(service: Service, text: str, times: int) -> None:
    for _ in range(times):
        response = service.call("POST", "/v1/analyze", key=service.agent_key, json={"text": text})
        assert response.status_code == 200, response.text


def _counted(service: Service, analyzed: int) -> bool:
    """Whether both workers have written their counts (the page then shows them all)."""
    days = service.call("GET", "/v1/insights?days=1").json()["days"]
    return bool(days[-1]["analyzed"] == analyzed)


def _cells(row: Any) -> list[str]:
    return [cell.inner_text() for cell in row.locator("th, td").all()]


def _charts_drawn(page: Page) -> None:
    for name in ("daily", "top-rules", "acceptance"):
        image = page.locator(f"img[data-chart='{name}']")
        expect(image).to_have_attribute("src", re.compile(r"^blob:"))
        page.wait_for_function(
            "img => img.complete && img.naturalWidth === 900 && img.naturalHeight === 360",
            arg=image.element_handle(),
        )


def test_insights_show_the_counts_charts_and_noisy_rules(signed_out: Page, own: Service) -> None:
    _analyze(own, COLD, 6)
    _analyze(own, REFUSAL, 2)
    _analyze(own, "Thanks, the refund is on its way.", 1)
    _send(own, "blame.have-to-wait", "dismissed", 3)
    _send(own, "blame.have-to-wait", "muted", 2)
    _send(own, "blame.have-to-wait", "applied", 1)
    _send(own, "dismissive.calm-down", "applied", 4)
    _send(own, "dismissive.calm-down", "dismissed", 1)
    _send(own, "negative-framing.unfortunately-we-cant", "dismissed", 1)
    _send(own, "negative-framing.unfortunately-we-cant", "applied", 1)
    eventually(lambda: _counted(own, 9), within=10, what="both workers' counts written")

    sign_in(signed_out, own.url, own.lead_key)
    page = signed_out
    page.get_by_role("link", name="Insights").click()
    expect(page.get_by_role("heading", name="Insights", exact=True)).to_be_visible()
    expect(page.locator("#insights-summary")).to_have_text(
        "In the last 30 days: 9 drafts checked, 8 with a warning (89%), 14 flags raised."
    )
    _charts_drawn(page)

    noisy = page.locator("#noisy tbody tr")
    expect(noisy).to_have_count(1)
    assert _cells(noisy.first) == ["blame.have-to-wait", "6", "1", "3", "2", "17% (1 of 6)", "Edit"]
    rules = page.locator("#insight-rules tbody tr")
    expect(rules).to_have_count(3)
    assert [_cells(row) for row in rules.all()] == [
        ["blame.have-to-wait", "6", "1", "3", "2", "17% (1 of 6)"],
        ["dismissive.calm-down", "6", "4", "1", "0", "80% (4 of 5)"],
        ["negative-framing.unfortunately-we-cant", "2", "1", "1", "0", "50% (1 of 2)"],
    ]
    page.get_by_text("Per day, as a table").click()
    today = datetime.now(UTC).date().isoformat()
    assert _cells(page.locator("#insight-days tbody tr").first) == [today, "9", "8", "14"]
    expect(page.locator("#insight-days tbody tr")).to_have_count(30)

    page.get_by_label("Period").select_option("7")
    expect(page.locator("#insights-summary")).to_have_text(
        "In the last 7 days: 9 drafts checked, 8 with a warning (89%), 14 flags raised."
    )
    expect(page.locator("#insight-days tbody tr")).to_have_count(7)
    _charts_drawn(page)

    page.get_by_role("link", name="Edit blame.have-to-wait").click()
    expect(page.locator("#f-id")).to_have_value("blame.have-to-wait")
    expect(page).to_have_url(f"{own.url}/admin#/entry/blame.have-to-wait")


def test_no_noisy_rule_and_nothing_counted(signed_out: Page, own: Service) -> None:
    sign_in(signed_out, own.url, own.lead_key)
    signed_out.get_by_role("link", name="Insights").click()
    expect(signed_out.locator("#insights-summary")).to_have_text(
        "In the last 30 days: 0 drafts checked, 0 with a warning, 0 flags raised."
    )
    expect(signed_out.locator("#noisy-none")).to_have_text(
        "No rule is dismissed or muted more often than applied."
    )
    _charts_drawn(signed_out)


# Two weeks of a team's work before today, for the README's screenshot: earlier days can only come from the
# database (the service files counts under the day they happen), so they are added there, through the store.
HISTORY = [(38, 14), (41, 17), (12, 4), (9, 2), (44, 15), (47, 13), (40, 12)] * 2
RULE_SHARES = {
    "blame.have-to-wait": (5, 1, 3, 1),
    "dismissive.calm-down": (4, 3, 1, 0),
    "negative-framing.unfortunately-we-cant": (3, 2, 0, 0),
    "refusal.we-cant": (2, 1, 0, 0),
    "sympathy.sorry-to-hear": (6, 0, 2, 2),
}


def test_screenshot_for_the_readme(signed_out: Page, own: Service) -> None:
    home = own.log.parent
    store = InsightStore(connect(f"sqlite:///{home / 'replycoach.db'}"))
    tally = Tally()
    today = datetime.now(UTC).date()
    for back, (analyzed, warned) in enumerate(HISTORY, start=1):
        day = today - timedelta(days=back)
        for n in range(analyzed):
            tally.analysis(day, [], n < warned)
        for rule, (fired, applied, dismissed, muted) in RULE_SHARES.items():
            tally.rules[(day, rule)] = [fired + back % 3, applied, dismissed, muted]
    store.add(tally)
    _analyze(own, COLD, 3)
    _analyze(own, REFUSAL, 2)
    _send(own, "dismissive.calm-down", "applied", 2)
    eventually(lambda: _counted(own, 5), within=10, what="both workers' counts written")

    sign_in(signed_out, own.url, own.lead_key)
    signed_out.get_by_role("link", name="Insights").click()
    signed_out.get_by_label("Period").select_option("30")
    _charts_drawn(signed_out)
    noisy = [_cells(row)[0] for row in signed_out.locator("#noisy tbody tr").all()]
    assert noisy == ["sympathy.sorry-to-hear", "blame.have-to-wait"]
    screenshot(signed_out, "insights")
    if os.environ.get("REPLYCOACH_UPDATE_SCREENSHOTS"):
        # Only when asked: the dates on it change every day, and a test run should not change the docs.
        signed_out.screenshot(path=str(README_IMAGE), full_page=True)

"""What the agent does with flags reaches the service's insights: applying a rewrite, dismissing a flag and
muting a rule in the textarea page are each counted once, by rule (the service keeps no text)."""

from __future__ import annotations

import time
from typing import Any

import requests
from serving import create_key

from .helpers import Service, marker, type_draft

DRAFT = "Calm down, the parcel is on its way. You'll have to wait 24 hours. Unfortunately we can't refund it."
APPLIED, DISMISSED, MUTED = (
    "dismissive.calm-down",
    "blame.have-to-wait",
    "negative-framing.unfortunately-we-cant",
)
# The extension sends a batch 2 s after the first action; the service writes its counts every 2 s.
WITHIN = 15.0


def _lead_key(service: Service) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_key(service.env, 'lead', 'insight tests')}"}


def _counts(service: Service, lead: dict[str, str]) -> dict[str, tuple[int, int, int]]:
    response = requests.get(f"{service.url}/v1/insights?days=1", headers=lead, timeout=10)
    assert response.status_code == 200, response.text
    return {r["rule_id"]: (r["applied"], r["dismissed"], r["muted"]) for r in response.json()["rules"]}


def _settled(service: Service, lead: dict[str, str]) -> dict[str, tuple[int, int, int]]:
    """The counts once earlier tests' actions have all arrived (unchanged for longer than they can take)."""
    counts, since = _counts(service, lead), time.monotonic()
    while time.monotonic() - since < 5:
        time.sleep(0.5)
        now = _counts(service, lead)
        if now != counts:
            counts, since = now, time.monotonic()
    return counts


def _open(page: Any, rule: str) -> Any:
    marker(page, rule).click()
    card = page.locator("replycoach-ui .card")
    card.wait_for()
    return card


def test_apply_dismiss_and_mute_are_counted_by_the_service(
    page: Any, pages_url: str, configured: Service, worker: Any
) -> None:
    lead = _lead_key(configured)
    before = _settled(configured, lead)
    page.goto(f"{pages_url}/textarea.html")
    type_draft(page, "#reply", DRAFT)
    for rule in (APPLIED, DISMISSED, MUTED):
        marker(page, rule).wait_for(timeout=10000)

    _open(page, APPLIED).locator("[data-rc-action='apply']").first.click()
    page.wait_for_function("() => !document.querySelector('#reply').value.startsWith('Calm down')")
    marker(page, DISMISSED).wait_for(timeout=10000)
    _open(page, DISMISSED).locator("[data-rc-action='dismiss']").click()
    marker(page, DISMISSED).wait_for(state="detached")
    _open(page, MUTED).locator("[data-rc-action='mute']").click()
    marker(page, MUTED).wait_for(state="detached")
    assert worker.evaluate("() => chrome.storage.local.get('mutedRules')") == {"mutedRules": [MUTED]}

    def added() -> dict[str, tuple[int, ...]]:
        now = _counts(configured, lead)
        return {
            rule: tuple(n - b for n, b in zip(counts, before.get(rule, (0, 0, 0)), strict=True))
            for rule, counts in now.items()
            if counts != before.get(rule, (0, 0, 0))
        }

    expected = {APPLIED: (1, 0, 0), DISMISSED: (0, 1, 0), MUTED: (0, 0, 1)}
    deadline = time.monotonic() + WITHIN
    while (now := added()) != expected:
        assert time.monotonic() < deadline, f"counted {now}, expected {expected}"
        time.sleep(0.3)
    # Nothing more arrives later: each action was sent once.
    time.sleep(3)
    assert added() == expected

"""What the agent does with flags reaches the service's insights: applying a rewrite, dismissing a flag and
muting a rule in the textarea page are each counted once, by rule (the service keeps no text)."""

from __future__ import annotations

import time
from typing import Any

from .helpers import Service, marker, open_card, type_draft
from .insights import APPLIED, DISMISSED, DRAFT, MUTED, WITHIN, counts, lead_key, settled


def test_apply_dismiss_and_mute_are_counted_by_the_service(
    page: Any, pages_url: str, configured: Service, worker: Any
) -> None:
    lead = lead_key(configured)
    before = settled(configured, lead)
    page.goto(f"{pages_url}/textarea.html")
    type_draft(page, "#reply", DRAFT)
    for rule in (APPLIED, DISMISSED, MUTED):
        marker(page, rule).wait_for(timeout=10000)

    open_card(page, APPLIED).locator("[data-rc-action='apply']").first.click()
    page.wait_for_function("() => !document.querySelector('#reply').value.startsWith('Calm down')")
    marker(page, DISMISSED).wait_for(timeout=10000)
    open_card(page, DISMISSED).locator("[data-rc-action='dismiss']").click()
    marker(page, DISMISSED).wait_for(state="detached")
    open_card(page, MUTED).locator("[data-rc-action='mute']").click()
    marker(page, MUTED).wait_for(state="detached")
    assert worker.evaluate("() => chrome.storage.local.get('mutedRules')") == {"mutedRules": [MUTED]}

    def added() -> dict[str, tuple[int, ...]]:
        now = counts(configured, lead)
        return {
            rule: tuple(n - b for n, b in zip(totals, before.get(rule, (0, 0, 0)), strict=True))
            for rule, totals in now.items()
            if totals != before.get(rule, (0, 0, 0))
        }

    expected = {APPLIED: (1, 0, 0), DISMISSED: (0, 1, 0), MUTED: (0, 0, 1)}
    deadline = time.monotonic() + WITHIN
    while (now := added()) != expected:
        assert time.monotonic() < deadline, f"counted {now}, expected {expected}"
        time.sleep(0.3)
    # Nothing more arrives later: each action was sent once.
    time.sleep(3)
    assert added() == expected

"""What the service's insights count of the agent's actions on flags, for the tests that check the extension
sends them (test_insight_events.py, test_share_toggle.py, test_firefox.py)."""

from __future__ import annotations

import time

import requests

from .helpers import INSIGHTS_FLUSH_S, Service

# A draft of the textarea page with one flag per action: applied, dismissed and muted.
DRAFT = "Calm down, the parcel is on its way. You'll have to wait 24 hours. Unfortunately we can't refund it."
APPLIED, DISMISSED, MUTED = (
    "dismissive.calm-down",
    "blame.have-to-wait",
    "negative-framing.unfortunately-we-cant",
)
# The extension sends a batch 2 s after the first action; the test service writes its counts every
# INSIGHTS_FLUSH_S (0.25 s).
WITHIN = 15.0
# Longer than the extension's batch window (2 s, BATCH_DELAY_MS in events.js) plus the service's time between
# writes of its counts, with room for a busy machine: a batch sent would be counted by then.
QUIET = 2.0 + INSIGHTS_FLUSH_S + 3.0

Counts = dict[str, tuple[int, int, int]]


def lead_key(service: Service) -> dict[str, str]:
    """Headers with a lead's key (made with the CLI): insights are a lead's to read."""
    return {"Authorization": f"Bearer {service.create_key('lead', 'insight tests')}"}


def counts(service: Service, lead: dict[str, str]) -> Counts:
    """Today's (applied, dismissed, muted) counts, by rule."""
    response = requests.get(f"{service.url}/v1/insights?days=1", headers=lead, timeout=10)
    assert response.status_code == 200, response.text
    return {r["rule_id"]: (r["applied"], r["dismissed"], r["muted"]) for r in response.json()["rules"]}


def settled(service: Service, lead: dict[str, str]) -> Counts:
    """The counts once earlier tests' actions have all arrived (unchanged for longer than a batch and a write
    of the counts take)."""
    now, since = counts(service, lead), time.monotonic()
    while time.monotonic() - since < 2.0 + INSIGHTS_FLUSH_S + 1.0:
        time.sleep(0.5)
        latest = counts(service, lead)
        if latest != now:
            now, since = latest, time.monotonic()
    return now

"""A lead's listings, events about a rule and rewrites of a flag see the bank in the database, whichever
worker saved the change: two apps over one database stand for the service's two workers, the second one's
polling switched off."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MakeApp, make_entry
from flask import Flask
from replycoach.web import live

VOCABULARY_BANK = Path(__file__).parents[1] / "banks" / "vocabulary"


def _headers(app: Flask, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {app.extensions['replycoach.keys'].create(role, 'Lee')[1]}"}


@pytest.fixture
def workers(make_app: MakeApp, monkeypatch: pytest.MonkeyPatch) -> tuple[Flask, Flask]:
    saving, listing = make_app(BANK_DIR=str(VOCABULARY_BANK)), make_app(BANK_DIR=str(VOCABULARY_BANK))
    # The listing worker has just polled and will not poll again: only a read of the database shows a change.
    monkeypatch.setattr(live, "POLL_SECONDS", 3600.0)
    polled = listing.test_client().post(
        "/v1/analyze", json={"text": "Hi."}, headers=_headers(listing, "agent")
    )
    assert polled.status_code == 200
    return saving, listing


# The listing, its list's key, and a new item of it with the field that names it.
LISTINGS = {
    "vocabulary": (
        "families",
        {"family": "gizmo-thing", "note": "Small parts.", "phrases": ["gizmo"]},
        "family",
    ),
    "entries": ("entries", make_entry(id="dismissive.listed-at-once"), "id"),
}


@pytest.mark.parametrize("listing_name", LISTINGS)
def test_what_one_worker_saved_is_listed_by_the_other(
    workers: tuple[Flask, Flask], listing_name: str
) -> None:
    saving, listing = workers
    key, item, name = LISTINGS[listing_name]
    url = f"/v1/phrasebank/{listing_name}"
    lead = _headers(saving, "lead")
    agent = listing.test_client()
    before = agent.get(url, headers=lead).json
    assert saving.test_client().post(url, json=item, headers=lead).status_code == 201

    after = agent.get(url, headers=lead).json
    assert [x[name] for x in after[key]] == [x[name] for x in before[key]] + [item[name]]
    saved = saving.test_client().get(url, headers=lead).json
    assert after["revision"] == saved["revision"] != before["revision"]


def test_events_for_a_rule_saved_by_one_worker_are_counted_by_the_other(workers: tuple[Flask, Flask]) -> None:
    saving, listing = workers
    lead = _headers(saving, "lead")
    agent = listing.test_client()
    entry = make_entry(id="dismissive.counted-at-once")
    assert saving.test_client().post("/v1/phrasebank/entries", json=entry, headers=lead).status_code == 201

    sent = agent.post(
        "/v1/events", json={"events": [{"rule_id": entry["id"], "action": "applied"}]}, headers=lead
    )
    assert (sent.status_code, sent.json) == (202, {"accepted": 1, "counted": True})
    rules = agent.get("/v1/insights?days=1", headers=lead).json["rules"]
    assert [(r["rule_id"], r["in_bank"], r["applied"]) for r in rules] == [(entry["id"], True, 1)]
    # A rule in no bank is still refused, after the database was asked.
    unknown = agent.post(
        "/v1/events", json={"events": [{"rule_id": "made.up", "action": "muted"}]}, headers=lead
    )
    assert unknown.status_code == 422
    assert unknown.json["error"]["details"] == {
        "events[0].rule_id": ["No rule 'made.up' in the phrase bank in service."]
    }


def test_a_rewrite_of_a_flag_found_by_one_worker_is_applied_by_the_other(
    workers: tuple[Flask, Flask],
) -> None:
    saving, listing = workers
    lead = _headers(saving, "lead")
    entry = make_entry(id="dismissive.rewritten-at-once")
    assert saving.test_client().post("/v1/phrasebank/entries", json=entry, headers=lead).status_code == 201
    draft = "Please just relax, it ships today."
    flags = saving.test_client().post("/v1/analyze", json={"text": draft}, headers=lead).json["flags"]
    assert [f["id"] for f in flags] == ["dismissive.rewritten-at-once@7"]

    done = listing.test_client().post(
        "/v1/rewrite", json={"text": draft, "apply": [flags[0]["id"]]}, headers=lead
    )
    assert done.status_code == 200
    assert done.json["text"] == "Please I can see why this is stressful, it ships today."

"""A newer curated bank is offered as a reviewable update: leads take the changes they want, keep the rest."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import BASIC_BANK, MakeApp, make_entry
from flask import Flask
from flask.testing import FlaskClient
from replycoach import load_bank

from .helpers import error
from .test_api_curation import NO_WORRIES, NO_WORRIES_SHOWN

UPDATE = "/v1/phrasebank/curated-update"
ENTRIES = "/v1/phrasebank/entries"
RELAX = make_entry()  # an entry the team writes itself: no curated bank has it


def _headers(app: Flask, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {app.extensions['replycoach.keys'].create(role, f'test {role}')[1]}"}


def _read(bank: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((bank / "entries.yml").read_text(encoding="utf-8"))
    return data


def _write(bank: Path, data: dict[str, Any]) -> None:
    (bank / "entries.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def _raw(bank: Path, entry_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(e for e in _read(bank)["entries"] if e["id"] == entry_id)
    return copy.deepcopy(found)


def _shown(client: FlaskClient, headers: dict[str, str], entry_id: str) -> dict[str, Any]:
    response = client.get(f"{ENTRIES}/{entry_id}", headers=headers)
    assert response.status_code == 200, response.json
    shown: dict[str, Any] = response.json
    return shown


def _put(client: FlaskClient, headers: dict[str, str], raw: dict[str, Any]) -> None:
    etag = client.get(f"{ENTRIES}/{raw['id']}", headers=headers).headers["ETag"]
    response = client.put(f"{ENTRIES}/{raw['id']}", json=raw, headers={**headers, "If-Match": etag})
    assert response.status_code == 200, response.json


def _ids(client: FlaskClient, headers: dict[str, str]) -> list[str]:
    return [e["id"] for e in client.get(ENTRIES, headers=headers).json["entries"]]


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    """A copy of the small test bank, standing in for the curated bank a release ships."""
    folder = tmp_path / "bank"
    shutil.copytree(BASIC_BANK, folder)
    return folder


@pytest.fixture
def seeded(make_app: MakeApp, bank: Path) -> Flask:
    """The service as first started: its database seeded from the curated bank."""
    return make_app(BANK_DIR=str(bank))


def _release(bank: Path) -> None:
    """A newer curated bank: one message edited, one why edited, one entry removed, one added."""
    data = _read(bank)
    entries = {e["id"]: e for e in data["entries"]}
    entries["blame.have-to-wait"]["message"] = "Tells the customer to wait."
    entries["refusal.we-cant"]["why"] = "A no with no way forward ends the conversation."
    data["entries"] = [e for e in data["entries"] if e["id"] != "dismissive.calm-down"] + [NO_WORRIES]
    _write(bank, data)


class Upgrade:
    """A database seeded from the old curated bank, edited by the team, then run with the newer one."""

    def __init__(self, make_app: MakeApp, bank: Path, seeded: Flask) -> None:
        old = seeded.test_client()
        lead = _headers(seeded, "lead")
        self.old_revision = load_bank(bank).revision
        self.before = {e["id"]: e for e in old.get(ENTRIES, headers=lead).json["entries"]}
        ours = _raw(bank, "refusal.we-cant")
        ours["message"] = "A no, and nothing after it."
        _put(old, lead, ours)
        assert old.post(ENTRIES, json=RELAX, headers=lead).status_code == 201
        self.ours_we_cant = _shown(old, lead, "refusal.we-cant")
        _release(bank)
        self.new_revision = load_bank(bank).revision
        self.app = make_app(BANK_DIR=str(bank))
        self.client = self.app.test_client()
        self.lead = _headers(self.app, "lead")

    def review(self) -> dict[str, Any]:
        """The expected GET body while the update waits."""
        we_cant_curated = {
            **self.before["refusal.we-cant"],
            "why": "A no with no way forward ends the conversation.",
        }
        return {
            "pending": True,
            "revision": self.new_revision,
            "taken": self.old_revision,
            "changes": [
                {
                    "id": "blame.have-to-wait",
                    "change": "changed",
                    "edited_here": False,
                    "base": self.before["blame.have-to-wait"],
                    "current": self.before["blame.have-to-wait"],
                    "curated": {
                        **self.before["blame.have-to-wait"],
                        "message": "Tells the customer to wait.",
                    },
                },
                {
                    "id": "refusal.we-cant",
                    "change": "changed",
                    "edited_here": True,
                    "base": self.before["refusal.we-cant"],
                    "current": self.ours_we_cant,
                    "curated": we_cant_curated,
                },
                {
                    "id": "dismissive.no-worries",
                    "change": "added",
                    "edited_here": False,
                    "base": None,
                    "current": None,
                    "curated": NO_WORRIES_SHOWN,
                },
                {
                    "id": "dismissive.calm-down",
                    "change": "removed",
                    "edited_here": False,
                    "base": self.before["dismissive.calm-down"],
                    "current": self.before["dismissive.calm-down"],
                    "curated": None,
                },
            ],
        }


@pytest.fixture
def upgrade(make_app: MakeApp, bank: Path, seeded: Flask) -> Upgrade:
    """The service restarted with a newer curated bank, over a database the team has edited."""
    return Upgrade(make_app, bank, seeded)


def test_a_fresh_database_has_no_update_waiting(seeded: Flask, bank: Path) -> None:
    response = seeded.test_client().get(UPDATE, headers=_headers(seeded, "lead"))
    assert response.status_code == 200
    revision = load_bank(bank).revision
    assert response.json == {"pending": False, "revision": revision, "taken": revision, "changes": []}


def test_the_review_lists_each_upstream_change_and_whether_it_was_edited_here(upgrade: Upgrade) -> None:
    response = upgrade.client.get(UPDATE, headers=upgrade.lead)
    assert response.status_code == 200
    assert response.json == upgrade.review()
    # Nothing is applied until a lead takes it.
    assert upgrade.client.get("/health").json["bank"]["curated_update"] == upgrade.new_revision
    assert _shown(upgrade.client, upgrade.lead, "refusal.we-cant") == upgrade.ours_we_cant


def test_taking_some_changes_applies_exactly_those_and_keeps_ours_for_the_rest(upgrade: Upgrade) -> None:
    client, lead = upgrade.client, upgrade.lead
    body = {"revision": upgrade.new_revision, "take": ["dismissive.no-worries", "blame.have-to-wait"]}
    response = client.post(UPDATE, json=body, headers=lead)
    assert response.status_code == 200
    assert response.json == {
        "revision": upgrade.new_revision,
        "taken": ["blame.have-to-wait", "dismissive.no-worries"],
        "kept": ["refusal.we-cant", "dismissive.calm-down"],
    }
    assert _shown(client, lead, "blame.have-to-wait")["message"] == "Tells the customer to wait."
    assert _shown(client, lead, "dismissive.no-worries") == NO_WORRIES_SHOWN
    assert _shown(client, lead, "refusal.we-cant") == upgrade.ours_we_cant
    assert _shown(client, lead, "dismissive.calm-down") == upgrade.before["dismissive.calm-down"]
    # The taken entry changed in place, the new one follows its curated neighbour, the team's own stays last.
    assert _ids(client, lead) == [
        "blame.have-to-wait",
        "dismissive.calm-down",
        "refusal.we-cant",
        "negative-framing.unfortunately-we-cant",
        "sympathy.sorry-to-hear",
        "toxic-positivity.have-a-great-day",
        "dismissive.no-worries",
        "dismissive.relax",
    ]
    assert client.get("/health").json["bank"]["curated_update"] is None
    assert client.get(UPDATE, headers=lead).json == {
        "pending": False,
        "revision": upgrade.new_revision,
        "taken": upgrade.new_revision,
        "changes": [],
    }
    again = client.post(UPDATE, json=body, headers=lead)
    assert again.status_code == 409
    assert again.json == error(
        "stale_update",
        f"The curated bank {upgrade.new_revision} has already been taken in; no update is pending.",
    )


def test_taking_nothing_keeps_the_bank_and_marks_the_update_reviewed(upgrade: Upgrade) -> None:
    client, lead = upgrade.client, upgrade.lead
    ids = _ids(client, lead)
    response = client.post(UPDATE, json={"revision": upgrade.new_revision, "take": []}, headers=lead)
    assert response.status_code == 200
    assert response.json == {
        "revision": upgrade.new_revision,
        "taken": [],
        "kept": ["blame.have-to-wait", "refusal.we-cant", "dismissive.no-worries", "dismissive.calm-down"],
    }
    assert _ids(client, lead) == ids
    assert client.get("/health").json["bank"]["curated_update"] is None


def test_declined_changes_are_not_offered_again_by_the_next_release(
    upgrade: Upgrade, make_app: MakeApp, bank: Path
) -> None:
    body = {"revision": upgrade.new_revision, "take": ["blame.have-to-wait"]}
    assert upgrade.client.post(UPDATE, json=body, headers=upgrade.lead).status_code == 200
    data = _read(bank)
    data["entries"][3]["message"] = "Sounds like pity."  # sympathy.sorry-to-hear
    _write(bank, data)
    later = make_app(BANK_DIR=str(bank))
    review = later.test_client().get(UPDATE, headers=upgrade.lead).json
    assert review["pending"] is True
    assert [(c["id"], c["change"], c["edited_here"]) for c in review["changes"]] == [
        ("sympathy.sorry-to-hear", "changed", False)
    ]


def test_a_stale_revision_is_409_and_changes_nothing(upgrade: Upgrade) -> None:
    response = upgrade.client.post(
        UPDATE, json={"revision": upgrade.old_revision, "take": ["blame.have-to-wait"]}, headers=upgrade.lead
    )
    assert response.status_code == 409
    assert response.json == error(
        "stale_update",
        f"The curated update on offer is {upgrade.new_revision}, not {upgrade.old_revision}; "
        "GET /v1/phrasebank/curated-update and review it again.",
    )
    assert upgrade.client.get(UPDATE, headers=upgrade.lead).json == upgrade.review()


def test_taking_an_id_that_is_not_a_pending_change_is_422_and_changes_nothing(upgrade: Upgrade) -> None:
    body = {"revision": upgrade.new_revision, "take": ["blame.have-to-wait", "dismissive.relax", "nope.gone"]}
    response = upgrade.client.post(UPDATE, json=body, headers=upgrade.lead)
    assert response.status_code == 422
    assert response.json == error(
        "unknown_change",
        "'dismissive.relax', 'nope.gone' are not a pending change of the curated update (pending: "
        "blame.have-to-wait, refusal.we-cant, dismissive.no-worries, dismissive.calm-down); "
        "GET /v1/phrasebank/curated-update lists them.",
        {"ids": ["dismissive.relax", "nope.gone"]},
    )
    assert upgrade.client.get(UPDATE, headers=upgrade.lead).json == upgrade.review()
    assert upgrade.client.get("/health").json["bank"]["curated_update"] == upgrade.new_revision


def test_a_body_without_take_is_422(upgrade: Upgrade) -> None:
    response = upgrade.client.post(UPDATE, json={"revision": upgrade.new_revision}, headers=upgrade.lead)
    assert response.status_code == 422
    assert response.json == error(
        "invalid_request",
        "The request body does not fit the schema: take: Missing data for required field.",
        {"take": ["Missing data for required field."]},
    )


def test_agent_keys_may_not_review(upgrade: Upgrade) -> None:
    agent = _headers(upgrade.app, "agent")
    message = "This needs a lead key or a more trusted one; this key's role is agent."
    got = upgrade.client.get(UPDATE, headers=agent)
    assert (got.status_code, got.json) == (403, error("forbidden", message))
    posted = upgrade.client.post(UPDATE, json={"revision": upgrade.new_revision, "take": []}, headers=agent)
    assert (posted.status_code, posted.json) == (403, error("forbidden", message))
    assert upgrade.client.get("/health").json["bank"]["curated_update"] == upgrade.new_revision


OK_NO_WORRIES = make_entry(
    id="dismissive.ok-no-worries",
    patterns=["ok no worries"],
    examples={
        "flag": [
            {"text": "Ok no worries, bye.", "flagged": "Ok no worries"},
            {"text": "Well ok no worries.", "flagged": "ok no worries"},
        ],
        "pass": ["Ok, we worry too.", "No problem at all."],
    },
)


def test_a_taken_change_that_would_break_the_bank_is_422_and_changes_nothing(
    make_app: MakeApp, bank: Path, seeded: Flask
) -> None:
    lead = _headers(seeded, "lead")
    # The team's entry matches a longer phrase than the curated addition, so it wins one of its examples.
    assert seeded.test_client().post(ENTRIES, json=OK_NO_WORRIES, headers=lead).status_code == 201
    data = _read(bank)
    data["entries"].append(NO_WORRIES)
    _write(bank, data)
    app = make_app(BANK_DIR=str(bank))
    client = app.test_client()
    before = client.get(UPDATE, headers=lead).json
    assert [(c["id"], c["change"], c["edited_here"]) for c in before["changes"]] == [
        ("dismissive.no-worries", "added", False)
    ]
    body = {"revision": before["revision"], "take": ["dismissive.no-worries"]}
    response = client.post(UPDATE, json=body, headers=lead)
    assert response.status_code == 422
    assert response.json["error"]["code"] == "invalid_entry"
    assert response.json["error"]["details"] == {
        "problems": [
            {
                "entry": "dismissive.no-worries",
                "field": "examples.flag[1]",
                "message": "'no worries' is not flagged: dismissive.ok-no-worries ('Ok no worries') wins the "
                "overlap (a warning over a suggestion, then the longer match); "
                "narrow the other entry, or make this one a warning",
            }
        ]
    }
    assert client.get(f"{ENTRIES}/dismissive.no-worries", headers=lead).status_code == 404
    assert client.get(UPDATE, headers=lead).json == before
    assert client.get("/health").json["bank"]["curated_update"] == before["revision"]


def test_an_addition_the_team_already_made_is_edited_here_and_taking_it_replaces_ours_in_place(
    make_app: MakeApp, bank: Path, seeded: Flask
) -> None:
    lead = _headers(seeded, "lead")
    ours = {**NO_WORRIES, "message": "Our own words about worries."}
    old = seeded.test_client()
    assert old.post(ENTRIES, json=ours, headers=lead).status_code == 201
    assert old.post(ENTRIES, json=RELAX, headers=lead).status_code == 201
    ours_shown = _shown(old, lead, "dismissive.no-worries")
    data = _read(bank)
    data["entries"].insert(0, NO_WORRIES)
    _write(bank, data)
    client = make_app(BANK_DIR=str(bank)).test_client()
    review = client.get(UPDATE, headers=lead).json
    assert review["changes"] == [
        {
            "id": "dismissive.no-worries",
            "change": "added",
            "edited_here": True,
            "base": None,
            "current": ours_shown,
            "curated": NO_WORRIES_SHOWN,
        }
    ]
    body = {"revision": review["revision"], "take": ["dismissive.no-worries"]}
    assert client.post(UPDATE, json=body, headers=lead).status_code == 200
    assert _shown(client, lead, "dismissive.no-worries") == NO_WORRIES_SHOWN
    assert _ids(client, lead)[-2:] == ["dismissive.no-worries", "dismissive.relax"]


def test_taking_a_removal_deletes_ours_with_history(upgrade: Upgrade) -> None:
    body = {"revision": upgrade.new_revision, "take": ["dismissive.calm-down"]}
    assert upgrade.client.post(UPDATE, json=body, headers=upgrade.lead).status_code == 200
    gone = upgrade.client.get(f"{ENTRIES}/dismissive.calm-down", headers=upgrade.lead)
    assert gone.status_code == 404
    history = upgrade.client.get(f"{ENTRIES}/dismissive.calm-down/history", headers=upgrade.lead).json
    assert [r["action"] for r in history["revisions"]] == ["import", "delete"]


def test_the_review_is_in_the_openapi_document(client: FlaskClient) -> None:
    paths = client.get("/v1/openapi.json").json["paths"]
    assert sorted(paths[UPDATE]) == ["get", "post"]

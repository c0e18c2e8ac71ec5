"""Leads curate the bank over HTTP: validated, versioned writes with ETags, history, rollback, preview."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from conftest import NO_WORRIES
from flask import Flask
from flask.testing import FlaskClient

from .helpers import error

ENTRIES = "/v1/phrasebank/entries"
# How GET shows NO_WORRIES: `unless` always a list, `words` an object, `when` null, every example an object.
NO_WORRIES_SHOWN = {
    **NO_WORRIES,
    "enabled": True,
    "unless": [],
    "words": {},
    "quiet_when": [],
    "warning_with": [],
    "when": None,
    "examples": {
        "flag": NO_WORRIES["examples"]["flag"],  # type: ignore[index]
        "pass": [{"text": "We worry about it too."}, {"text": "No worry at all."}],
    },
}
ORDER = [
    "id",
    "category",
    "severity",
    "enabled",
    "patterns",
    "unless",
    "words",
    "quiet_when",
    "warning_with",
    "when",
    "message",
    "why",
    "rewrites",
    "examples",
]


def _shown(entry: dict[str, Any]) -> dict[str, Any]:
    return {key: entry[key] for key in ORDER}


def _create(client: FlaskClient, lead: dict[str, str]) -> str:
    response = client.post(ENTRIES, json=NO_WORRIES, headers=lead)
    assert response.status_code == 201, response.json
    return str(response.headers["ETag"])


def _flags(client: FlaskClient, headers: dict[str, str], text: str) -> list[str]:
    response = client.post("/v1/analyze", json={"text": text}, headers=headers)
    return [flag["rule_id"] for flag in response.json["flags"]]


def test_create_is_201_with_etag_and_location_and_live_at_once(
    client: FlaskClient, lead: dict[str, str]
) -> None:
    assert _flags(client, lead, "No worries, done.") == []
    response = client.post(ENTRIES, json=NO_WORRIES, headers=lead)
    assert response.status_code == 201
    assert response.json == _shown(NO_WORRIES_SHOWN)
    assert response.headers["ETag"] == '"dismissive.no-worries@1"'
    assert response.headers["Location"] == f"{ENTRIES}/dismissive.no-worries"
    assert _flags(client, lead, "No worries, done.") == ["dismissive.no-worries"]
    listed = client.get(ENTRIES, headers=lead).json["entries"]
    assert listed[-1]["id"] == "dismissive.no-worries"


def test_every_get_of_an_entry_carries_its_etag(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.get(f"{ENTRIES}/blame.have-to-wait", headers=auth)
    assert (response.status_code, response.headers["ETag"]) == (200, '"blame.have-to-wait@1"')


def test_create_an_existing_id_is_409(client: FlaskClient, lead: dict[str, str]) -> None:
    _create(client, lead)
    response = client.post(ENTRIES, json=NO_WORRIES, headers=lead)
    assert response.status_code == 409
    assert response.json == error(
        "entry_exists",
        "The bank already has an entry 'dismissive.no-worries'; "
        "PUT /v1/phrasebank/entries/dismissive.no-worries changes it.",
    )


@pytest.mark.parametrize(
    ("change", "problems"),
    [
        (
            {"severity": "loud"},
            [
                {
                    "entry": "dismissive.no-worries",
                    "field": "severity",
                    "message": "must be warning or suggestion",
                }
            ],
        ),
        (
            {"colour": "red"},
            [
                {
                    "entry": "dismissive.no-worries",
                    "field": "colour",
                    "message": "unknown field; check its spelling "
                    "(see phrasebank/README.md for the fields an entry has)",
                }
            ],
        ),
        (
            {"patterns": ["no (?=worries)"]},
            None,  # RE2 refuses lookahead: the loader's own message, checked below
        ),
        (
            {"examples": {**NO_WORRIES["examples"], "pass": ["No worries here.", "No worry at all."]}},  # type: ignore[dict-item]
            [
                {
                    "entry": "dismissive.no-worries",
                    "field": "examples.pass[0]",
                    "message": "flagged at 'No worries' but must pass; "
                    "narrow the pattern or add an `unless` exception",
                }
            ],
        ),
    ],
)
def test_an_invalid_entry_is_422_naming_the_problem_and_changes_nothing(
    client: FlaskClient, lead: dict[str, str], change: dict[str, Any], problems: list[dict[str, str]] | None
) -> None:
    before = client.get(ENTRIES, headers=lead).json
    response = client.post(ENTRIES, json={**NO_WORRIES, **change}, headers=lead)
    assert response.status_code == 422
    body = response.json["error"]
    assert body["code"] == "invalid_entry"
    if problems is None:
        assert [p["field"] for p in body["details"]["problems"]] == ["patterns[0]"]
    else:
        assert body["details"] == {"problems": problems}
        first = problems[0]
        assert body["message"] == (
            "The change would make the phrase bank invalid, so nothing changed: "
            f"{first['entry']}: {first['field']}: {first['message']}"
        )
    assert client.get(ENTRIES, headers=lead).json == before


def test_a_failing_flag_example_is_named(client: FlaskClient, lead: dict[str, str]) -> None:
    broken = copy.deepcopy(NO_WORRIES)
    broken["examples"]["flag"][1] = {"text": "Ok no problem then.", "flagged": "no problem"}  # type: ignore[index]
    response = client.post(ENTRIES, json=broken, headers=lead)
    assert response.status_code == 422
    assert response.json["error"]["details"] == {
        "problems": [
            {
                "entry": "dismissive.no-worries",
                "field": "examples.flag[1]",
                "message": "'no problem' is not flagged: no pattern matches it here "
                "(check the pattern, an `unless` exception, and word boundaries)",
            }
        ]
    }


def test_a_body_that_is_not_an_object_is_422(client: FlaskClient, lead: dict[str, str]) -> None:
    response = client.post(ENTRIES, json=["dismissive.no-worries"], headers=lead)
    assert response.status_code == 422
    assert response.json["error"]["code"] == "invalid_request"


def test_put_with_the_current_etag_changes_the_entry(client: FlaskClient, lead: dict[str, str]) -> None:
    etag = _create(client, lead)
    changed = {**NO_WORRIES, "severity": "warning"}
    response = client.put(
        f"{ENTRIES}/dismissive.no-worries", json=changed, headers={**lead, "If-Match": etag}
    )
    assert response.status_code == 200
    assert response.json["severity"] == "warning"
    assert response.headers["ETag"] == '"dismissive.no-worries@2"'
    got = client.get(f"{ENTRIES}/dismissive.no-worries", headers=lead)
    assert (got.json["severity"], got.headers["ETag"]) == ("warning", '"dismissive.no-worries@2"')


def test_an_entry_as_get_shows_it_can_be_put_back(client: FlaskClient, lead: dict[str, str]) -> None:
    got = client.get(f"{ENTRIES}/toxic-positivity.have-a-great-day", headers=lead)
    headers = {**lead, "If-Match": got.headers["ETag"]}
    response = client.put(f"{ENTRIES}/toxic-positivity.have-a-great-day", json=got.json, headers=headers)
    assert (response.status_code, response.json) == (200, got.json)


def test_putting_an_entry_back_unchanged_changes_nothing(client: FlaskClient, lead: dict[str, str]) -> None:
    path = f"{ENTRIES}/toxic-positivity.have-a-great-day"
    got = client.get(path, headers=lead)
    before = (
        client.get(ENTRIES, headers=lead).json["revision"],
        client.get(f"{path}/history", headers=lead).json,
        client.get("/v1/phrasebank/audit", headers=lead).json,
    )
    for etag in (got.headers["ETag"], "*"):
        response = client.put(path, json=got.json, headers={**lead, "If-Match": etag})
        assert (response.status_code, response.headers["ETag"]) == (200, got.headers["ETag"])
    after = (
        client.get(ENTRIES, headers=lead).json["revision"],
        client.get(f"{path}/history", headers=lead).json,
        client.get("/v1/phrasebank/audit", headers=lead).json,
    )
    assert after == before
    # A stale ETag is still refused, changed or not.
    stale = client.put(
        path, json=got.json, headers={**lead, "If-Match": '"toxic-positivity.have-a-great-day@9"'}
    )
    assert stale.status_code == 412


@pytest.mark.parametrize("method", ["put", "delete"])
def test_a_stale_etag_is_412_and_a_missing_one_428(
    client: FlaskClient, lead: dict[str, str], method: str
) -> None:
    etag = _create(client, lead)
    path = f"{ENTRIES}/dismissive.no-worries"
    client.put(path, json={**NO_WORRIES, "severity": "warning"}, headers={**lead, "If-Match": etag})
    send = getattr(client, method)
    body = {"json": {**NO_WORRIES, "why": "Stale."}} if method == "put" else {}
    stale = send(path, headers={**lead, "If-Match": etag}, **body)
    assert stale.status_code == 412
    assert stale.json == error(
        "precondition_failed",
        "Entry 'dismissive.no-worries' has changed since you read it (now \"dismissive.no-worries@2\"); "
        "GET it again and redo the change on the new version.",
    )
    missing = send(path, headers=lead, **body)
    assert missing.status_code == 428
    assert missing.json == error(
        "precondition_required",
        "Send the entry's ETag (from GET /v1/phrasebank/entries/<id>) in an If-Match header, "
        "so a change never overwrites one you have not seen.",
    )
    current = client.get(path, headers=lead)
    assert (current.json["why"], current.json["severity"]) == (NO_WORRIES["why"], "warning")


def test_a_write_with_bad_fields_and_a_bad_pattern_lists_both(
    client: FlaskClient, lead: dict[str, str]
) -> None:
    body = {**NO_WORRIES, "severity": "loud", "patterns": ["no worries", "no (?<=w)orries"]}
    response = client.post(ENTRIES, json=body, headers=lead)
    assert response.status_code == 422
    assert [
        (p["field"], p["message"].split(";")[0]) for p in response.json["error"]["details"]["problems"]
    ] == [
        ("severity", "must be warning or suggestion"),
        ("patterns[1]", "RE2 cannot compile 'no (?<=w)orries' (invalid perl operator: (?<=)"),
    ]
    checked = client.post("/v1/phrasebank/validate", json={"entry": body}, headers=lead).json
    assert [p["field"] for p in checked["problems"]] == ["severity", "patterns[1]"]


def test_put_cannot_rename_an_entry(client: FlaskClient, lead: dict[str, str]) -> None:
    etag = _create(client, lead)
    renamed = {**NO_WORRIES, "id": "dismissive.no-worry"}
    response = client.put(
        f"{ENTRIES}/dismissive.no-worries", json=renamed, headers={**lead, "If-Match": etag}
    )
    assert response.status_code == 422
    assert response.json["error"]["details"] == {
        "problems": [
            {
                "entry": "dismissive.no-worries",
                "field": "id",
                "message": "must stay 'dismissive.no-worries'; to rename an entry, create a new one",
            }
        ]
    }


def test_writes_to_an_unknown_entry_are_404(client: FlaskClient, lead: dict[str, str]) -> None:
    headers = {**lead, "If-Match": '"no.such-entry@1"'}
    message = "No phrase bank entry has the id 'dismissive.nope'."
    for response in (
        client.put(
            f"{ENTRIES}/dismissive.nope", json={**NO_WORRIES, "id": "dismissive.nope"}, headers=headers
        ),
        client.delete(f"{ENTRIES}/dismissive.nope", headers=headers),
        client.get(f"{ENTRIES}/dismissive.nope/history", headers=lead),
        client.post(f"{ENTRIES}/dismissive.nope/rollback", json={"revision": 1}, headers=headers),
    ):
        assert (response.status_code, response.json) == (404, error("not_found", message))


def test_delete_takes_the_entry_out_of_service(client: FlaskClient, lead: dict[str, str]) -> None:
    etag = client.get(f"{ENTRIES}/dismissive.calm-down", headers=lead).headers["ETag"]
    assert _flags(client, lead, "Please calm down.") == ["dismissive.calm-down"]
    response = client.delete(f"{ENTRIES}/dismissive.calm-down", headers={**lead, "If-Match": etag})
    assert (response.status_code, response.data) == (204, b"")
    assert _flags(client, lead, "Please calm down.") == []
    assert client.get(f"{ENTRIES}/dismissive.calm-down", headers=lead).status_code == 404
    history = client.get(f"{ENTRIES}/dismissive.calm-down/history", headers=lead).json["revisions"]
    assert [(r["revision"], r["action"]) for r in history] == [(1, "import"), (2, "delete")]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", ENTRIES),
        ("put", f"{ENTRIES}/dismissive.calm-down"),
        ("delete", f"{ENTRIES}/dismissive.calm-down"),
        ("post", f"{ENTRIES}/dismissive.calm-down/rollback"),
        ("post", "/v1/phrasebank/preview"),
        ("get", "/v1/phrasebank/audit"),
    ],
)
def test_agents_may_not_write_preview_or_read_the_audit_log(
    client: FlaskClient, auth: dict[str, str], method: str, path: str
) -> None:
    response = getattr(client, method)(path, json={}, headers={**auth, "If-Match": '"x@1"'})
    assert response.status_code == 403
    assert response.json == error(
        "forbidden", "This needs a lead key or a more trusted one; this key's role is agent."
    )


def test_history_and_rollback_restore_an_old_version_as_a_new_revision(
    client: FlaskClient, lead: dict[str, str], auth: dict[str, str], app: Flask
) -> None:
    path = f"{ENTRIES}/dismissive.no-worries"
    etag = _create(client, lead)
    etag = client.put(
        path, json={**NO_WORRIES, "why": "Second."}, headers={**lead, "If-Match": etag}
    ).headers["ETag"]
    rolled = client.post(f"{path}/rollback", json={"revision": 1}, headers={**lead, "If-Match": etag})
    assert rolled.status_code == 200
    assert rolled.json == _shown(NO_WORRIES_SHOWN)
    assert rolled.headers["ETag"] == '"dismissive.no-worries@3"'
    history = client.get(f"{path}/history", headers=auth)
    assert history.status_code == 200
    revisions = history.json["revisions"]
    assert [
        (r["revision"], r["action"], r["restored"], r["author"], r["entry"]["why"]) for r in revisions
    ] == [
        (1, "create", None, "test lead", "Their worry is why they wrote."),
        (2, "update", None, "test lead", "Second."),
        (3, "rollback", 1, "test lead", "Their worry is why they wrote."),
    ]
    audit = client.get("/v1/phrasebank/audit", headers=lead).json["changes"]
    assert [(c["revision"], c["action"], c["restored"]) for c in audit[:3]] == [
        (3, "rollback", 1),
        (2, "update", None),
        (1, "create", None),
    ]
    assert revisions[0]["entry"] == _shown(NO_WORRIES_SHOWN)
    assert revisions[0]["at"].endswith("+00:00")


def test_the_audit_log_pages_and_filters(client: FlaskClient, lead: dict[str, str]) -> None:
    etag = _create(client, lead)
    for i in range(3):
        etag = client.put(
            f"{ENTRIES}/dismissive.no-worries",
            json={**NO_WORRIES, "why": f"Why {i}."},
            headers={**lead, "If-Match": etag},
        ).headers["ETag"]
    page = client.get("/v1/phrasebank/audit?limit=2&offset=1&entry=dismissive.no-worries", headers=lead).json
    assert (page["total"], page["offset"], page["limit"]) == (4, 1, 2)
    assert [(c["revision"], c["action"]) for c in page["changes"]] == [(3, "update"), (2, "update")]
    created = client.get("/v1/phrasebank/audit?action=create&author=test%20lead", headers=lead).json
    assert [(c["entry_id"], c["revision"]) for c in created["changes"]] == [("dismissive.no-worries", 1)]
    assert client.get("/v1/phrasebank/audit?author=nobody", headers=lead).json["total"] == 0
    wrong = client.get("/v1/phrasebank/audit?action=erase&limit=0", headers=lead)
    assert (wrong.status_code, sorted(wrong.json["error"]["details"])) == (
        422,
        ["query.action", "query.limit"],
    )


def test_rollback_to_an_unknown_revision_is_404(client: FlaskClient, lead: dict[str, str]) -> None:
    etag = _create(client, lead)
    response = client.post(
        f"{ENTRIES}/dismissive.no-worries/rollback", json={"revision": 9}, headers={**lead, "If-Match": etag}
    )
    assert (response.status_code, response.json) == (
        404,
        error(
            "not_found",
            "Entry 'dismissive.no-worries' has no revision 9; its history lists the revisions it has.",
        ),
    )


def test_rollback_needs_a_revision_number(client: FlaskClient, lead: dict[str, str]) -> None:
    etag = _create(client, lead)
    response = client.post(
        f"{ENTRIES}/dismissive.no-worries/rollback",
        json={"revision": "1"},
        headers={**lead, "If-Match": etag},
    )
    assert response.status_code == 422
    assert response.json["error"]["details"] == {"revision": ["Not a valid integer."]}


def test_the_audit_log_lists_every_change_newest_first(client: FlaskClient, lead: dict[str, str]) -> None:
    etag = _create(client, lead)
    client.delete(f"{ENTRIES}/dismissive.no-worries", headers={**lead, "If-Match": etag})
    response = client.get("/v1/phrasebank/audit", headers=lead)
    assert response.status_code == 200
    changes = response.json["changes"]
    assert [
        (c["entry_id"], c["revision"], c["action"], c["author"], c["bank_revision"]) for c in changes[:2]
    ] == [
        ("dismissive.no-worries", 2, "delete", "test lead", 3),
        ("dismissive.no-worries", 1, "create", "test lead", 2),
    ]
    assert {(c["action"], c["author"], c["bank_revision"]) for c in changes[2:]} == {
        ("import", "curated bank", 1)
    }
    assert len(changes) == 2 + 6


def test_preview_shows_where_a_candidate_fires_over_given_texts(
    client: FlaskClient, lead: dict[str, str]
) -> None:
    texts = ["No worries, it's fixed.", "Thanks for waiting.", "ok no worries, and no worries again"]
    response = client.post("/v1/phrasebank/preview", json={"entry": NO_WORRIES, "texts": texts}, headers=lead)
    assert response.status_code == 200
    assert response.json == {
        "sample_size": 3,
        "total": 2,
        "offset": 0,
        "limit": 200,
        "matches": [
            {
                "index": 0,
                "text": texts[0],
                "spans": [{"start": 0, "end": 10, "text": "No worries"}],
                "shadowed": [],
            },
            {
                "index": 2,
                "text": texts[2],
                "spans": [
                    {"start": 3, "end": 13, "text": "no worries"},
                    {"start": 19, "end": 29, "text": "no worries"},
                ],
                "shadowed": [],
            },
        ],
    }
    assert _flags(client, lead, texts[0]) == []  # a preview changes nothing


def test_preview_uses_the_stored_samples_by_default(
    client: FlaskClient, lead: dict[str, str], app: Flask
) -> None:
    app.extensions["replycoach.samples"].add(["Hi, no worries.", "Thanks!"])
    response = client.post("/v1/phrasebank/preview", json={"entry": NO_WORRIES}, headers=lead)
    assert response.json == {
        "sample_size": 2,
        "total": 1,
        "offset": 0,
        "limit": 200,
        "matches": [
            {
                "index": 0,
                "text": "Hi, no worries.",
                "spans": [{"start": 4, "end": 14, "text": "no worries"}],
                "shadowed": [],
            }
        ],
    }


def test_preview_pages_through_matches_and_says_which_entry_shadows_one(
    client: FlaskClient, lead: dict[str, str]
) -> None:
    texts = [f"No worries {i}." for i in range(5)] + ["Calm down, no worries."]
    body = {"entry": {**NO_WORRIES, "patterns": ["no worries", "calm down, no"]}, "texts": texts}
    page = client.post("/v1/phrasebank/preview", json={**body, "limit": 2, "offset": 1}, headers=lead).json
    assert (page["sample_size"], page["total"], page["offset"], page["limit"]) == (6, 6, 1, 2)
    assert [m["index"] for m in page["matches"]] == [1, 2]
    last = client.post("/v1/phrasebank/preview", json={**body, "offset": 5}, headers=lead).json
    [shadowed] = last["matches"]
    # The candidate's "calm down, no" is longer than the bank's "Calm down", but the bank's is a warning and
    # the candidate a suggestion: a suggestion never hides a warning. Its own "no worries" stands.
    assert [s["text"] for s in shadowed["spans"]] == ["no worries"]
    assert shadowed["shadowed"] == [
        {"start": 0, "end": 13, "text": "Calm down, no", "by": "dismissive.calm-down"}
    ]
    short = {"entry": {**NO_WORRIES, "patterns": ["no worries", "calm"]}, "texts": ["Calm down, no worries."]}
    [match] = client.post("/v1/phrasebank/preview", json=short, headers=lead).json["matches"]
    assert match["spans"] == [{"start": 11, "end": 21, "text": "no worries"}]
    assert match["shadowed"] == [{"start": 0, "end": 4, "text": "Calm", "by": "dismissive.calm-down"}]


def test_preview_of_an_invalid_entry_is_422(client: FlaskClient, lead: dict[str, str]) -> None:
    response = client.post(
        "/v1/phrasebank/preview", json={"entry": {**NO_WORRIES, "rewrites": []}, "texts": ["x"]}, headers=lead
    )
    assert response.status_code == 422
    assert response.json["error"]["details"] == {
        "problems": [
            {"entry": "dismissive.no-worries", "field": "rewrites", "message": "needs at least 2 rewrites"}
        ]
    }


def test_preview_text_over_the_limit_is_413(make_app: Callable[..., Flask]) -> None:
    app = make_app(MAX_DRAFT_CHARS=10)
    lead = {"Authorization": f"Bearer {app.extensions['replycoach.keys'].create('lead')[1]}"}
    response = app.test_client().post(
        "/v1/phrasebank/preview", json={"entry": NO_WORRIES, "texts": ["ok", "x" * 11]}, headers=lead
    )
    assert response.status_code == 413
    assert response.json["error"]["details"] == {"field": "texts[1]", "length": 11, "limit": 10}


def test_a_curated_entry_with_a_customer_tried_condition_round_trips(make_app: Callable[..., Flask]) -> None:
    app = make_app(BANK_DIR=None)
    client = app.test_client()
    lead = {"Authorization": f"Bearer {app.extensions['replycoach.keys'].create('lead')[1]}"}
    path = f"{ENTRIES}/repeat-ask.asks-what-they-tried"
    got = client.get(path, headers=lead)
    assert "customer_tried" in got.json["when"]
    response = client.put(path, json=got.json, headers={**lead, "If-Match": got.headers["ETag"]})
    assert (response.status_code, response.json) == (200, got.json)

"""Disabling and enabling entries (PUT with `enabled`), listing by state, and POST /v1/phrasebank/validate."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import NO_WORRIES
from flask.testing import FlaskClient
from replycoach.bank.cost import DRAFT_CHARS, Cost
from replycoach.engine.compiled import Bank

from .helpers import error

ENTRIES = "/v1/phrasebank/entries"
CALM = f"{ENTRIES}/dismissive.calm-down"
VALIDATE = "/v1/phrasebank/validate"


def _flags(client: FlaskClient, headers: dict[str, str], text: str) -> list[str]:
    response = client.post("/v1/analyze", json={"text": text}, headers=headers)
    return [flag["rule_id"] for flag in response.json["flags"]]


def _ids(client: FlaskClient, headers: dict[str, str], query: str = "") -> list[str]:
    response = client.get(f"{ENTRIES}{query}", headers=headers)
    assert response.status_code == 200, response.json
    return [entry["id"] for entry in response.json["entries"]]


def _set_enabled(client: FlaskClient, lead: dict[str, str], enabled: bool) -> Any:
    current = client.get(CALM, headers=lead)
    body = {**current.json, "enabled": enabled}
    return client.put(CALM, json=body, headers={**lead, "If-Match": current.headers["ETag"]})


def test_a_disabled_entry_stays_in_the_bank_but_stops_flagging(
    client: FlaskClient, lead: dict[str, str]
) -> None:
    assert _flags(client, lead, "Please calm down.") == ["dismissive.calm-down"]
    every = _ids(client, lead)

    response = _set_enabled(client, lead, False)
    assert response.status_code == 200
    assert response.json["enabled"] is False
    assert response.headers["ETag"] == '"dismissive.calm-down@2"'
    assert _flags(client, lead, "Please calm down.") == []
    assert _ids(client, lead) == [i for i in every if i != "dismissive.calm-down"]
    assert _ids(client, lead, "?state=disabled") == ["dismissive.calm-down"]
    assert _ids(client, lead, "?state=all") == every
    assert client.get(CALM, headers=lead).json["enabled"] is False
    history = client.get(f"{CALM}/history", headers=lead).json["revisions"]
    assert [(r["action"], r["entry"]["enabled"]) for r in history] == [("import", True), ("update", False)]

    response = _set_enabled(client, lead, True)
    assert (response.status_code, response.json["enabled"]) == (200, True)
    assert _flags(client, lead, "Please calm down.") == ["dismissive.calm-down"]
    assert _ids(client, lead, "?state=disabled") == []


def test_rolling_back_to_before_the_disable_enables_again(client: FlaskClient, lead: dict[str, str]) -> None:
    etag = _set_enabled(client, lead, False).headers["ETag"]
    response = client.post(f"{CALM}/rollback", json={"revision": 1}, headers={**lead, "If-Match": etag})
    assert (response.status_code, response.json["enabled"]) == (200, True)
    assert _flags(client, lead, "Please calm down.") == ["dismissive.calm-down"]


def test_an_agent_key_cannot_disable(client: FlaskClient, auth: dict[str, str]) -> None:
    assert _set_enabled(client, auth, False).status_code == 403
    assert _flags(client, auth, "Please calm down.") == ["dismissive.calm-down"]


def test_enabled_must_be_a_boolean(client: FlaskClient, lead: dict[str, str]) -> None:
    current = client.get(CALM, headers=lead)
    body = {**current.json, "enabled": "no"}
    response = client.put(CALM, json=body, headers={**lead, "If-Match": current.headers["ETag"]})
    assert response.status_code == 422
    assert response.json["error"]["details"]["problems"] == [
        {"entry": "dismissive.calm-down", "field": "enabled", "message": "Not a valid boolean."}
    ]


def test_an_unknown_state_is_422(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.get(f"{ENTRIES}?state=off", headers=auth)
    assert response.status_code == 422
    assert response.json == error(
        "invalid_request",
        "The request query string does not fit the schema: "
        "query.state: Must be one of: enabled, disabled, all.",
        {"query.state": ["Must be one of: enabled, disabled, all."]},
    )


def _rewritten(example: int, rewrite: int, text: str) -> dict[str, Any]:
    return {"example": example, "rewrite": rewrite, "text": text, "ok": True, "warnings": [], "grammar": []}


def test_validate_refuses_a_rewrite_that_still_warns_naming_the_example(
    client: FlaskClient, lead: dict[str, str]
) -> None:
    rewrites = [{"text": "Calm down, it is handled", "scope": "phrase"}, NO_WORRIES["rewrites"][1]]
    response = client.post(VALIDATE, json={"entry": {**NO_WORRIES, "rewrites": rewrites}}, headers=lead)
    assert response.status_code == 200
    body = response.json
    assert body["valid"] is False
    assert body["problems"] == [
        {
            "entry": "dismissive.no-worries",
            "field": "rewrites[0]",
            "message": 'applied to examples.flag[0] it gives "Calm down, it is handled, it\'s fixed.", '
            "which still gets a warning in the rewritten words (dismissive.calm-down: 'Calm down'); "
            "reword the rewrite",
        },
        {
            "entry": "dismissive.no-worries",
            "field": "rewrites[0]",
            "message": "applied to examples.flag[1] it gives 'Ok calm down, it is handled then.', "
            "which still gets a warning in the rewritten words (dismissive.calm-down: 'calm down'); "
            "reword the rewrite",
        },
    ]
    assert [(r["rewrite"], r["ok"], r["warnings"]) for r in body["rewritten"]] == [
        (0, False, ["dismissive.calm-down: 'Calm down'"]),
        (1, True, []),
        (0, False, ["dismissive.calm-down: 'calm down'"]),
        (1, True, []),
    ]
    # A save is refused the same way.
    saved = client.post(f"{ENTRIES}", json={**NO_WORRIES, "rewrites": rewrites}, headers=lead)
    assert saved.status_code == 422
    assert saved.json["error"]["details"]["problems"] == body["problems"]


def test_validate_a_good_entry_runs_its_examples(client: FlaskClient, lead: dict[str, str]) -> None:
    response = client.post(VALIDATE, json={"entry": NO_WORRIES}, headers=lead)
    assert response.status_code == 200
    assert response.json == {
        "valid": True,
        "problems": [],
        "examples": [
            {
                "kind": "flag",
                "index": 0,
                "text": "No worries, it's fixed.",
                "flagged": "No worries",
                "customer": None,
                "ok": True,
                "detail": "",
            },
            {
                "kind": "flag",
                "index": 1,
                "text": "Ok no worries then.",
                "flagged": "no worries",
                "customer": None,
                "ok": True,
                "detail": "",
            },
            {
                "kind": "pass",
                "index": 0,
                "text": "We worry about it too.",
                "flagged": None,
                "customer": None,
                "ok": True,
                "detail": "",
            },
            {
                "kind": "pass",
                "index": 1,
                "text": "No worry at all.",
                "flagged": None,
                "customer": None,
                "ok": True,
                "detail": "",
            },
        ],
        # Each rewrite applied to each flag example: the sentences a lead would get.
        "rewritten": [
            _rewritten(0, 0, "I understand why this worried you, it's fixed."),
            _rewritten(0, 1, "I'm glad you told us, it's fixed."),
            _rewritten(1, 0, "Ok I understand why this worried you then."),
            _rewritten(1, 1, "Ok I'm glad you told us then."),
        ],
    }
    # Nothing was saved.
    assert client.get(f"{ENTRIES}/dismissive.no-worries", headers=lead).status_code == 404


def test_validate_reports_a_pattern_re2_refuses(client: FlaskClient, lead: dict[str, str]) -> None:
    entry = {**NO_WORRIES, "patterns": ["(?<=oh )no worries"]}
    response = client.post(VALIDATE, json={"entry": entry}, headers=lead)
    assert response.status_code == 200
    assert response.json["valid"] is False
    assert response.json["examples"] == []
    [problem] = response.json["problems"]
    assert (problem["entry"], problem["field"]) == ("dismissive.no-worries", "patterns[0]")
    assert "invalid perl operator: (?<" in problem["message"]


def test_validate_reports_missing_fields_and_still_runs_the_examples(
    client: FlaskClient, lead: dict[str, str]
) -> None:
    entry = {key: value for key, value in NO_WORRIES.items() if key != "why"}
    response = client.post(VALIDATE, json={"entry": entry}, headers=lead)
    body = response.json
    assert body["valid"] is False
    assert body["problems"] == [
        {"entry": "dismissive.no-worries", "field": "why", "message": "missing; this field is required"}
    ]
    assert [(e["kind"], e["index"], e["text"], e["ok"]) for e in body["examples"]] == [
        ("flag", 0, "No worries, it's fixed.", True),
        ("flag", 1, "Ok no worries then.", True),
        ("pass", 0, "We worry about it too.", True),
        ("pass", 1, "No worry at all.", True),
    ]


def test_validate_reports_a_missing_message_a_bare_rewrite_and_a_failing_example_at_once(
    client: FlaskClient, lead: dict[str, str]
) -> None:
    entry = {key: value for key, value in NO_WORRIES.items() if key != "message"}
    entry["rewrites"] = ["I understand why this worried you", "I'm glad you told us"]
    entry["examples"] = {
        **NO_WORRIES["examples"],
        "flag": [
            {"text": "No worries, it's fixed.", "flagged": "No worries"},
            {"text": "Not to worry, done.", "flagged": "Not to worry"},
        ],
    }
    body = client.post(VALIDATE, json={"entry": entry}, headers=lead).json
    assert body["valid"] is False
    assert [p["field"] for p in body["problems"]] == [
        "message",
        "rewrites[0]",
        "rewrites[1]",
        "examples.flag[1]",
    ]
    assert body["problems"][3]["message"].startswith("'Not to worry' is not flagged: no pattern matches it")
    assert [(e["kind"], e["ok"]) for e in body["examples"]] == [
        ("flag", True),
        ("flag", False),
        ("pass", True),
        ("pass", True),
    ]


def test_validate_runs_no_examples_while_what_they_test_is_wrong(
    client: FlaskClient, lead: dict[str, str]
) -> None:
    entry = {key: value for key, value in NO_WORRIES.items() if key != "why"}
    entry["severity"] = "loud"
    body = client.post(VALIDATE, json={"entry": entry}, headers=lead).json
    assert [p["field"] for p in body["problems"]] == ["severity", "why"]
    assert body["examples"] == []


def test_validate_shows_a_failing_example_with_why(client: FlaskClient, lead: dict[str, str]) -> None:
    entry = {
        **NO_WORRIES,
        "examples": {
            "flag": [
                {"text": "No worries, it's fixed.", "flagged": "No worries"},
                {"text": "Not to worry, done.", "flagged": "Not to worry"},
            ],
            "pass": ["We worry about it too.", "Honestly, no worries."],
        },
    }
    response = client.post(VALIDATE, json={"entry": entry}, headers=lead)
    body = response.json
    assert body["valid"] is False
    assert [(e["kind"], e["index"], e["ok"]) for e in body["examples"]] == [
        ("flag", 0, True),
        ("flag", 1, False),
        ("pass", 0, True),
        ("pass", 1, False),
    ]
    assert body["examples"][1]["detail"] == (
        "no pattern matches it here (check the pattern, an `unless` exception, and word boundaries)"
    )
    assert body["examples"][3]["detail"] == (
        "flagged at 'no worries' but must pass; narrow the pattern or add an `unless` exception"
    )
    assert body["problems"] == [
        {
            "entry": "dismissive.no-worries",
            "field": "examples.flag[1]",
            "message": "'Not to worry' is not flagged: " + body["examples"][1]["detail"],
        },
        {
            "entry": "dismissive.no-worries",
            "field": "examples.pass[1]",
            "message": body["examples"][3]["detail"],
        },
    ]


def test_validate_names_another_entry_whose_example_it_would_break(
    client: FlaskClient, lead: dict[str, str]
) -> None:
    greedy = {
        **NO_WORRIES,
        "id": "dismissive.calm-down-and",
        # A warning, as the entry it would break: between two warnings the longer match wins.
        "severity": "warning",
        "patterns": ["please calm down and send"],
        "examples": {
            "flag": [
                {"text": "Please calm down and send it.", "flagged": "Please calm down and send"},
                {"text": "please calm down and send the file", "flagged": "please calm down and send"},
            ],
            "pass": ["Calm is good.", "Send it."],
        },
    }
    body = client.post(VALIDATE, json={"entry": greedy}, headers=lead).json
    assert body["valid"] is False
    assert all(example["ok"] for example in body["examples"])
    assert [(p["entry"], p["field"]) for p in body["problems"]] == [
        ("dismissive.calm-down", "examples.flag[0]")
    ]
    # A save finds the same problem and changes nothing.
    response = client.post(ENTRIES, json=greedy, headers=lead)
    assert response.status_code == 422
    assert response.json["error"]["details"]["problems"] == body["problems"]


def test_a_disabled_candidate_runs_its_examples_without_being_invalid(
    client: FlaskClient, lead: dict[str, str]
) -> None:
    entry = {**NO_WORRIES, "enabled": False, "patterns": ["no worrie"]}
    body = client.post(VALIDATE, json={"entry": entry}, headers=lead).json
    assert body["valid"] is True
    assert [e["ok"] for e in body["examples"]] == [False, False, True, True]


def test_validate_needs_a_lead_key_and_an_entry(
    client: FlaskClient, lead: dict[str, str], auth: dict[str, str]
) -> None:
    assert client.post(VALIDATE, json={"entry": NO_WORRIES}, headers=auth).status_code == 403
    response = client.post(VALIDATE, json={}, headers=lead)
    assert response.status_code == 422
    assert response.json == error(
        "invalid_request",
        "The request body does not fit the schema: entry: Missing data for required field.",
        {"entry": ["Missing data for required field."]},
    )


def test_disabling_is_never_refused_as_slower_but_a_pattern_change_is_measured(
    client: FlaskClient, lead: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A machine so busy that every measure makes the changed bank look three times slower.
    measured: list[int] = []

    def busy(current: Bank, candidate: Bank, progress: Any = None) -> Cost:
        measured.append(len(candidate))
        return Cost(0.1, 0.3, DRAFT_CHARS)

    monkeypatch.setattr("replycoach.store.bank.compare", busy)
    response = _set_enabled(client, lead, False)
    assert (response.status_code, response.json["enabled"], measured) == (200, False, [])
    assert _flags(client, lead, "Please calm down.") == []

    current = client.get(CALM, headers=lead)
    body = {**current.json, "enabled": True, "patterns": [*current.json["patterns"], "kindly calm down"]}
    response = client.put(CALM, json=body, headers={**lead, "If-Match": current.headers["ETag"]})
    assert response.status_code == 422
    [problem] = response.json["error"]["details"]["problems"]
    assert problem["entry"] == "dismissive.calm-down"
    assert problem["message"].startswith("makes the analysis of a long draft (20,000 characters")
    assert measured
    assert _flags(client, lead, "Please calm down.") == []

"""POST /v1/phrasebank/explain: why the live bank's entries flag a draft or stay quiet on it (lead keys)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import NO_WORRIES, MakeApp
from flask.testing import FlaskClient
from replycoach.web.resources.explain import ExplanationSchema

from .helpers import error

EXPLAIN = "/v1/phrasebank/explain"
WE_CANT = "we can't (?P<action>\\w+(?: \\w+){0,3})"
UNFORTUNATELY = "unfortunately,? we can't (?P<action>\\w+(?: \\w+){0,3})"


def _pattern(index: int, pattern: str, matches: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "index": index,
        "pattern": pattern,
        "view": "surface",
        "matched": bool(matches),
        "matches": matches,
        "near_miss": None,
    }


def test_a_lead_sees_what_flags_and_what_lost_the_overlap(client: FlaskClient, lead: dict[str, str]) -> None:
    text = "Unfortunately, we can't refund this order."
    response = client.post(EXPLAIN, json={"text": text}, headers=lead)
    assert response.status_code == 200
    body = response.json
    assert ExplanationSchema().validate(body) == {}
    assert (body["text"], body["canonical"], body["core"]) == (
        text,
        "Unfortunately, we can not refund this order.",
        "Unfortunately, we can not refund this order.",
    )
    assert body["tokens"][:4] == [
        {"text": "Unfortunately", "lemma": "unfortunately", "start": 0, "end": 13},
        {"text": ",", "lemma": ",", "start": 13, "end": 14},
        {"text": "we", "lemma": "we", "start": 15, "end": 17},
        {"text": "can", "lemma": "can", "start": 18, "end": 23},
    ]
    assert body["customer"] == {"mood": None, "polarity": None, "reasons": []}
    winner = {"text": "Unfortunately, we can't refund this order", "start": 0, "end": 41}
    assert body["entries"] == [
        {
            "id": "negative-framing.unfortunately-we-cant",
            "status": "flags",
            "flagged": [winner],
            "patterns": [
                _pattern(
                    0,
                    UNFORTUNATELY,
                    [{**winner, "slots": {"action": "refund this order"}, "stands": True, "quiet": []}],
                )
            ],
        },
        {
            "id": "refusal.we-cant",
            "status": "quiet",
            "flagged": [],
            "patterns": [
                _pattern(
                    0,
                    WE_CANT,
                    [
                        {
                            "text": "we can't refund this order",
                            "start": 15,
                            "end": 41,
                            "slots": {"action": "refund this order"},
                            "stands": False,
                            "quiet": [
                                {
                                    "kind": "overlap",
                                    "label": "overlap: negative-framing.unfortunately-we-cant won",
                                    "pattern": None,
                                    **winner,
                                    "detail": "as severe: the longer match is kept",
                                }
                            ],
                        }
                    ],
                ),
                _pattern(1, "we cannot (?P<action>\\w+(?: \\w+){0,3})", []),
            ],
        },
    ]


def test_one_entry_with_the_customers_message(client: FlaskClient, lead: dict[str, str]) -> None:
    body = {"text": "Done. Have a great day!", "entry_id": "toxic-positivity.have-a-great-day"}
    quiet = client.post(EXPLAIN, json=body, headers=lead).json
    [entry] = quiet["entries"]
    assert (entry["id"], entry["status"]) == ("toxic-positivity.have-a-great-day", "quiet")
    assert entry["patterns"][0]["matches"][0]["quiet"] == [
        {
            "kind": "when",
            "label": "when: customer mood",
            "pattern": None,
            "text": None,
            "start": None,
            "end": None,
            "detail": "it fires when the customer is upset; no customer message was given",
        }
    ]
    upset = {**body, "customer_message": "This is ridiculous!!! Third time I've asked."}
    flags = client.post(EXPLAIN, json=upset, headers=lead).json
    assert flags["customer"]["mood"] == "upset"
    assert flags["entries"][0]["status"] == "flags"
    assert flags["entries"][0]["flagged"] == [{"text": "Have a great day!", "start": 6, "end": 23}]
    nothing = client.post(EXPLAIN, json={"text": "Thanks!", "entry_id": "refusal.we-cant"}, headers=lead).json
    assert [(e["id"], e["status"]) for e in nothing["entries"]] == [("refusal.we-cant", "no-match")]
    assert (
        client.post(EXPLAIN, json={"text": "Thanks!", "customer_message": None}, headers=lead).json["entries"]
        == []
    )


def test_an_entry_just_saved_is_explained_at_once(client: FlaskClient, lead: dict[str, str]) -> None:
    assert client.post("/v1/phrasebank/entries", json=NO_WORRIES, headers=lead).status_code == 201
    body = {"text": "No worries, it's fixed.", "entry_id": "dismissive.no-worries"}
    response = client.post(EXPLAIN, json=body, headers=lead)
    assert response.status_code == 200
    assert response.json["entries"][0]["flagged"] == [{"text": "No worries", "start": 0, "end": 10}]


def test_an_unknown_entry_is_404_naming_close_ids(client: FlaskClient, lead: dict[str, str]) -> None:
    response = client.post(EXPLAIN, json={"text": "We can't.", "entry_id": "refusal.we-cnt"}, headers=lead)
    assert (response.status_code, response.json) == (
        404,
        error("not_found", "no entry of the bank has the id 'refusal.we-cnt'; did you mean refusal.we-cant?"),
    )


@pytest.mark.parametrize(
    ("body", "details"),
    [
        ({}, {"text": ["Missing data for required field."]}),
        ({"text": 3}, {"text": ["Not a valid string."]}),
        ({"text": "Hi", "entry_id": ["refusal.we-cant"]}, {"entry_id": ["Not a valid string."]}),
        ({"text": "Hi", "customer_message": {}}, {"customer_message": ["Not a valid string."]}),
        ({"text": "Hi", "entry": "refusal.we-cant"}, {"entry": ["Not a valid mapping type."]}),
        ({"text": "Hi", "entries": []}, {"entries": ["Unknown field."]}),
    ],
)
def test_bad_fields_are_422(
    client: FlaskClient, lead: dict[str, str], body: dict[str, Any], details: dict[str, list[str]]
) -> None:
    response = client.post(EXPLAIN, json=body, headers=lead)
    assert response.status_code == 422
    assert response.json["error"]["code"] == "invalid_request"
    assert response.json["error"]["details"] == details


WE_WONT = "we won't (?P<action>\\w+(?: \\w+){0,3})"


def test_a_candidate_entry_flags_where_the_saved_one_does_not(
    client: FlaskClient, lead: dict[str, str]
) -> None:
    saved = client.get("/v1/phrasebank/entries/refusal.we-cant", headers=lead).json
    text = "We won't refund it. We can't wait!"
    before = client.post(EXPLAIN, json={"text": text, "entry_id": "refusal.we-cant"}, headers=lead).json
    assert before["entries"][0]["status"] == "quiet"  # "We can't wait" is its unless[0]
    # The edits a lead has not saved: one more pattern, and no exception for "wait".
    edited = {**saved, "patterns": [*saved["patterns"], WE_WONT], "unless": ["we can't thank"]}
    response = client.post(EXPLAIN, json={"text": text, "entry": edited}, headers=lead)
    assert response.status_code == 200
    body = response.json
    assert ExplanationSchema().validate(body) == {}
    assert body["canonical"] == "We will not refund it. We can not wait!"
    [entry] = body["entries"]
    assert (entry["id"], entry["status"]) == ("refusal.we-cant", "flags")
    assert entry["flagged"] == [
        {"text": "We won't refund it", "start": 0, "end": 18},
        {"text": "We can't wait", "start": 20, "end": 33},
    ]
    assert [(p["index"], p["pattern"], p["matched"]) for p in entry["patterns"]] == [
        (0, WE_CANT, True),
        (1, "we cannot (?P<action>\\w+(?: \\w+){0,3})", False),
        (2, WE_WONT, True),
    ]
    assert entry["patterns"][2]["matches"] == [
        {**entry["flagged"][0], "slots": {"action": "refund it"}, "stands": True, "quiet": []}
    ]
    # Nothing was saved: the bank in service explains as before, and the entry is as it was.
    again = client.post(EXPLAIN, json={"text": text, "entry_id": "refusal.we-cant"}, headers=lead).json
    assert again == before
    assert client.get("/v1/phrasebank/entries/refusal.we-cant", headers=lead).json == saved


def test_a_new_or_disabled_candidate_is_explained_as_it_would_fire(
    client: FlaskClient, lead: dict[str, str]
) -> None:
    text = "No worries, it's fixed."
    for candidate in (NO_WORRIES, {**NO_WORRIES, "enabled": False}):
        response = client.post(EXPLAIN, json={"text": text, "entry": candidate}, headers=lead)
        assert response.status_code == 200
        [entry] = response.json["entries"]
        assert (entry["id"], entry["status"]) == ("dismissive.no-worries", "flags")
        assert entry["flagged"] == [{"text": "No worries", "start": 0, "end": 10}]
    assert client.get("/v1/phrasebank/entries/dismissive.no-worries", headers=lead).status_code == 404


def test_an_invalid_candidate_is_422_with_every_problem(client: FlaskClient, lead: dict[str, str]) -> None:
    broken = {**NO_WORRIES, "rewrites": [], "patterns": ["no (worries"]}
    response = client.post(EXPLAIN, json={"text": "No worries.", "entry": broken}, headers=lead)
    rewrites = {"entry": "dismissive.no-worries", "field": "rewrites", "message": "needs at least 2 rewrites"}
    pattern = {
        "entry": "dismissive.no-worries",
        "field": "patterns[0]",
        "message": "`(` is never closed: add `)` after the words it holds (at column 4)",
    }
    assert (response.status_code, response.json) == (
        422,
        error(
            "invalid_entry",
            "The change would make the phrase bank invalid, so nothing changed: "
            f"dismissive.no-worries: rewrites: {rewrites['message']}; "
            f"dismissive.no-worries: patterns[0]: {pattern['message']}",
            {"problems": [rewrites, pattern]},
        ),
    )


def test_entry_and_entry_id_together_are_422(client: FlaskClient, lead: dict[str, str]) -> None:
    body = {"text": "No worries.", "entry": NO_WORRIES, "entry_id": "refusal.we-cant"}
    response = client.post(EXPLAIN, json=body, headers=lead)
    both = "Give entry (a candidate entry) or entry_id (a saved entry's id), not both."
    assert (response.status_code, response.json) == (
        422,
        error(
            "invalid_request",
            f"The request body does not fit the schema: entry: {both}; entry_id: {both}",
            {"entry": [both], "entry_id": [both]},
        ),
    )
    # Either one alone, or a null beside the other, is fine.
    for alone in ({**body, "entry_id": None}, {**body, "entry": None}):
        assert client.post(EXPLAIN, json=alone, headers=lead).status_code == 200


def test_a_draft_over_the_limit_is_413(make_app: MakeApp) -> None:
    app = make_app(MAX_DRAFT_CHARS=10)
    secret = app.extensions["replycoach.keys"].create("lead", "lead")[1]
    response = app.test_client().post(
        EXPLAIN,
        json={"text": "Hi", "customer_message": "x" * 11},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 413
    assert response.json["error"]["details"] == {"field": "customer_message", "length": 11, "limit": 10}


def test_no_key_is_401_and_an_agent_key_403(client: FlaskClient, auth: dict[str, str]) -> None:
    no_key = client.post(EXPLAIN, json={"text": "We can't."})
    assert no_key.status_code == 401
    assert no_key.json["error"]["code"] == "unauthorized"
    agent = client.post(EXPLAIN, json={"text": "We can't."}, headers=auth)
    assert (agent.status_code, agent.json) == (
        403,
        error("forbidden", "This needs a lead key or a more trusted one; this key's role is agent."),
    )


def test_the_operation_is_documented(client: FlaskClient) -> None:
    spec = client.get("/v1/openapi.json").json
    operation = spec["paths"][EXPLAIN]["post"]
    assert {"200", "401", "403", "404", "413", "422"} <= set(operation["responses"])
    request = spec["components"]["schemas"]["ExplainRequest"]
    assert request["required"] == ["text"]
    assert request["properties"]["text"]["maxLength"] == 20_000
    assert "candidate entry" in request["properties"]["entry"]["description"]
    assert "Not with `entry_id`" in request["properties"]["entry"]["description"]

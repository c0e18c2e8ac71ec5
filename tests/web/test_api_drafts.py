"""POST /v1/analyze, /v1/analyze/batch and /v1/rewrite: results and every error, with exact bodies."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import MakeApp
from flask.testing import FlaskClient
from replycoach import Engine
from replycoach.web.resources.drafts import AnalysisSchema, BatchResponseSchema, RewriteResponseSchema

from .helpers import error

DRAFT = "Please calm down. You'll have to wait 24 hours."
UPSET = "This is ridiculous!!! Third time I've asked for my refund."
SCHEMA_MESSAGE = "The request body does not fit the schema: "
OFF = {"status": "off", "backend": "off"}


def test_analyze_returns_the_engines_flags_and_score(
    client: FlaskClient, auth: dict[str, str], basic: Engine
) -> None:
    response = client.post("/v1/analyze", json={"text": DRAFT}, headers=auth)
    assert response.status_code == 200
    assert response.json == {**basic.analyze(DRAFT).to_dict(), "grammar": OFF}
    assert [f["id"] for f in response.json["flags"]] == ["dismissive.calm-down@0", "blame.have-to-wait@18"]
    assert response.json["flags"][1]["suggestions"][0] == {
        "text": "I'll make sure you hear from me within 24 hours",
        "start": 18,
        "end": 46,
        "start_utf16": 18,
        "end_utf16": 46,
        "scope": "phrase",
    }
    assert response.json["score"] == 70


def test_analyze_uses_the_customer_message(client: FlaskClient, auth: dict[str, str]) -> None:
    draft = {"text": "Refund sent. Have a great day!", "grammar": False}
    calm = client.post("/v1/analyze", json=draft, headers=auth).json
    upset = client.post("/v1/analyze", json={**draft, "customer_message": UPSET}, headers=auth).json
    assert (calm["flags"], calm["score"], calm["tone"]["customer"]["mood"]) == ([], 100, None)
    assert [f["rule_id"] for f in upset["flags"]] == ["toxic-positivity.have-a-great-day"]
    assert upset["tone"]["customer"]["mood"] == "upset"


def test_analyze_accepts_null_customer_message_and_the_grammar_switch(
    client: FlaskClient, auth: dict[str, str]
) -> None:
    body = {"text": "All fixed.", "customer_message": None, "grammar": True}
    response = client.post("/v1/analyze", json=body, headers=auth)
    assert response.status_code == 200
    assert (response.json["flags"], response.json["score"]) == ([], 100)


def test_analyze_counts_utf16_offsets_for_javascript(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.post("/v1/analyze", json={"text": "😀 Please calm down."}, headers=auth)
    flag = response.json["flags"][0]
    assert (flag["start"], flag["end"], flag["start_utf16"], flag["end_utf16"]) == (2, 18, 3, 19)


ENDPOINTS = ["/v1/analyze", "/v1/rewrite", "/v1/analyze/batch"]
VALID = {
    "/v1/analyze": {"text": DRAFT},
    "/v1/rewrite": {"text": DRAFT, "apply": "all"},
    "/v1/analyze/batch": {"drafts": [{"text": DRAFT}]},
}


@pytest.mark.parametrize("path", ENDPOINTS)
def test_no_key_is_401_with_a_bearer_challenge(client: FlaskClient, path: str) -> None:
    response = client.post(path, json=VALID[path])
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="replycoach"'
    assert response.json == error(
        "unauthorized",
        "Send an API key as 'Authorization: Bearer <key>'; "
        "`replycoach keys create --role agent --name NAME` makes one.",
    )


@pytest.mark.parametrize("header", ["Bearer rc_wrong", "Basic dXNlcjpwYXNz", "Bearer ", "rc_wrong"])
def test_a_wrong_key_is_401(client: FlaskClient, header: str) -> None:
    response = client.post("/v1/analyze", json={"text": DRAFT}, headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json["error"]["code"] == "unauthorized"


def test_a_wrong_key_says_so(client: FlaskClient) -> None:
    response = client.post("/v1/analyze", json={"text": DRAFT}, headers={"Authorization": "Bearer rc_x"})
    assert response.json == error(
        "unauthorized", "This API key is not valid (mistyped or revoked); ask an admin for a new one."
    )


def test_the_key_is_checked_before_the_body(client: FlaskClient) -> None:
    response = client.post("/v1/analyze", data="{not json", content_type="application/json")
    assert response.status_code == 401


@pytest.mark.parametrize("path", ENDPOINTS)
def test_malformed_json_is_400(client: FlaskClient, auth: dict[str, str], path: str) -> None:
    response = client.post(path, data='{"text": ', content_type="application/json", headers=auth)
    assert response.status_code == 400
    assert response.json == error(
        "malformed_json",
        "The request body is not valid JSON: Expecting value: line 1 column 10 (char 9).",
    )


def test_an_empty_body_is_400(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.post("/v1/analyze", data="", content_type="application/json", headers=auth)
    assert response.status_code == 400
    assert response.json == error("malformed_json", "The request body is empty; send a JSON object.")


def test_a_body_that_is_not_utf8_is_400(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.post(
        "/v1/analyze", data=b'{"text": "\xff"}', content_type="application/json", headers=auth
    )
    assert response.status_code == 400
    assert response.json == error("malformed_json", "The request body is not UTF-8 text.")


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize(
    ("content_type", "shown"),
    [("text/plain", "text/plain"), (None, "missing"), ("application/xml", "application/xml")],
)
def test_a_body_that_is_not_json_is_415(
    client: FlaskClient, auth: dict[str, str], path: str, content_type: str | None, shown: str
) -> None:
    response = client.post(path, data='{"text": "hi"}', content_type=content_type, headers=auth)
    assert response.status_code == 415
    assert response.json == error(
        "unsupported_media_type",
        "Send the body as JSON with 'Content-Type: application/json'"
        f" (this request's Content-Type is {shown}).",
    )


def test_json_with_a_charset_is_json(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.post(
        "/v1/analyze", data='{"text": "Hi"}', content_type="application/json; charset=utf-8", headers=auth
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("path", "body", "details"),
    [
        ("/v1/analyze", {"text": 5}, {"text": ["Not a valid string."]}),
        ("/v1/analyze", {}, {"text": ["Missing data for required field."]}),
        ("/v1/analyze", {"text": "Hi", "txet": "Hi"}, {"txet": ["Unknown field."]}),
        ("/v1/analyze", {"text": "Hi", "customer_message": 1}, {"customer_message": ["Not a valid string."]}),
        ("/v1/analyze", {"text": "Hi", "grammar": "maybe"}, {"grammar": ["Not a valid boolean."]}),
        ("/v1/analyze", {"text": "Hi", "grammar": 1}, {"grammar": ["Not a valid boolean."]}),
        ("/v1/analyze", ["Hi"], {"body": ["Invalid input type."]}),
        ("/v1/rewrite", {"text": "Hi"}, {"apply": ["Missing data for required field."]}),
        (
            "/v1/rewrite",
            {"text": "Hi", "apply": "some"},
            {"apply": ['Must be "all" or a list of flag ids (strings).']},
        ),
        (
            "/v1/rewrite",
            {"text": "Hi", "apply": [1]},
            {"apply": ['Must be "all" or a list of flag ids (strings).']},
        ),
        ("/v1/analyze/batch", {"drafts": []}, {"drafts": ["Length must be between 1 and 100."]}),
        (
            "/v1/analyze/batch",
            {"drafts": [{"text": "Hi"}] * 101},
            {"drafts": ["Length must be between 1 and 100."]},
        ),
        (
            "/v1/analyze/batch",
            {"drafts": [{"text": "Hi"}, {"text": None}, {"txt": "Hi"}]},
            {
                "drafts[1].text": ["Field may not be null."],
                "drafts[2].text": ["Missing data for required field."],
                "drafts[2].txt": ["Unknown field."],
            },
        ),
    ],
)
def test_schema_violations_are_422_with_per_field_messages(
    client: FlaskClient, auth: dict[str, str], path: str, body: Any, details: dict[str, list[str]]
) -> None:
    response = client.post(path, json=body, headers=auth)
    assert response.status_code == 422
    summary = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in details.items())
    assert response.json == error("invalid_request", SCHEMA_MESSAGE + summary, details)


def test_the_422_message_reads_well(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.post("/v1/analyze", json={"text": 5, "extra": 1}, headers=auth)
    assert response.json["error"]["message"] == (
        "The request body does not fit the schema: text: Not a valid string.; extra: Unknown field."
    )


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/v1/analyze", {"text": "x" * 101}, "text"),
        ("/v1/analyze", {"text": "Hi", "customer_message": "x" * 101}, "customer_message"),
        ("/v1/rewrite", {"text": "x" * 101, "apply": "all"}, "text"),
        ("/v1/analyze/batch", {"drafts": [{"text": "Hi"}, {"text": "x" * 101}]}, "drafts[1].text"),
        (
            "/v1/analyze/batch",
            {"drafts": [{"text": "Hi", "customer_message": "x" * 101}]},
            "drafts[0].customer_message",
        ),
    ],
)
def test_a_draft_over_the_limit_is_413(
    make_app: MakeApp, key_for: Any, path: str, body: dict[str, Any], field: str
) -> None:
    app = make_app(MAX_DRAFT_CHARS=100)
    secret = app.extensions["replycoach.keys"].create("agent")[1]
    response = app.test_client().post(path, json=body, headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 413
    assert response.json == error(
        "draft_too_long",
        f"{field} is 101 characters long; the limit is 100. Shorten it or split it into several parts.",
        {"field": field, "length": 101, "limit": 100},
    )


def test_the_default_draft_limit_is_20000_characters(client: FlaskClient, auth: dict[str, str]) -> None:
    assert client.post("/v1/analyze", json={"text": "x" * 20_000}, headers=auth).status_code == 200
    response = client.post("/v1/analyze", json={"text": "x" * 20_001}, headers=auth)
    assert response.status_code == 413
    assert response.json["error"]["details"] == {"field": "text", "length": 20_001, "limit": 20_000}


def test_a_body_over_the_limit_is_413(make_app: MakeApp) -> None:
    app = make_app(MAX_BODY_BYTES=1000)
    secret = app.extensions["replycoach.keys"].create("agent")[1]
    response = app.test_client().post(
        "/v1/analyze", json={"text": "x" * 2000}, headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status_code == 413
    assert response.json == error(
        "body_too_large",
        "The request body is larger than the service accepts (1,000 bytes); send fewer or shorter drafts.",
    )


def test_batch_returns_one_analysis_per_draft_in_order(
    client: FlaskClient, auth: dict[str, str], basic: Engine
) -> None:
    drafts = [
        {"text": DRAFT},
        {"text": "All fixed."},
        {"text": "Refund sent. Have a great day!", "customer_message": UPSET},
    ]
    response = client.post("/v1/analyze/batch", json={"drafts": drafts}, headers=auth)
    assert response.status_code == 200
    assert response.json == {
        "results": [
            {**basic.analyze(d["text"], d.get("customer_message")).to_dict(), "grammar": OFF} for d in drafts
        ]
    }
    assert [r["score"] for r in response.json["results"]] == [70, 100, 85]


def test_batch_takes_100_drafts(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.post("/v1/analyze/batch", json={"drafts": [{"text": DRAFT}] * 100}, headers=auth)
    assert response.status_code == 200
    assert len(response.json["results"]) == 100


def test_rewrite_all(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.post("/v1/rewrite", json={"text": DRAFT, "apply": "all"}, headers=auth)
    assert response.status_code == 200
    assert response.json == {
        "text": "I can tell how stressful this is, and I want to fix it alongside you. "
        "I'll make sure you hear from me within 24 hours.",
        "applied": [
            {
                "id": "dismissive.calm-down@0",
                "rule_id": "dismissive.calm-down",
                "from": "Please calm down",
                "to": "I can tell how stressful this is, and I want to fix it alongside you",
            },
            {
                "id": "blame.have-to-wait@18",
                "rule_id": "blame.have-to-wait",
                "from": "You'll have to wait 24 hours",
                "to": "I'll make sure you hear from me within 24 hours",
            },
        ],
        "skipped": [],
    }


def test_rewrite_chosen_flags_only(client: FlaskClient, auth: dict[str, str]) -> None:
    body = {"text": DRAFT, "apply": ["blame.have-to-wait@18"]}
    response = client.post("/v1/rewrite", json=body, headers=auth)
    assert response.status_code == 200
    assert response.json["text"] == "Please calm down. I'll make sure you hear from me within 24 hours."
    assert [a["id"] for a in response.json["applied"]] == ["blame.have-to-wait@18"]


def test_rewrite_an_unknown_flag_is_422(client: FlaskClient, auth: dict[str, str]) -> None:
    body = {"text": DRAFT, "apply": ["blame.have-to-wait@18", "nope@3"]}
    response = client.post("/v1/rewrite", json=body, headers=auth)
    assert response.status_code == 422
    assert response.json == error(
        "unknown_flag",
        "no flag with id 'nope@3' in this draft; analyze the same text again and use the ids it returns",
        {"flag_ids": ["nope@3"]},
    )


@pytest.mark.parametrize("path", ENDPOINTS)
def test_get_is_405_with_allow(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 405
    assert response.headers["Allow"] == "OPTIONS, POST"
    assert response.json == error("method_not_allowed", "GET is not allowed here; use OPTIONS, POST.")


def test_answers_are_sent_as_their_documented_schemas_would_dump_them(
    client: FlaskClient, auth: dict[str, str]
) -> None:
    """The views encode their results once, without a schema dump; what they send must still be exactly
    what the documented response schemas describe (no field more or less, the same types)."""
    one = {"text": DRAFT, "customer_message": UPSET}
    analysis = client.post("/v1/analyze", json=one, headers=auth).json
    batch = client.post("/v1/analyze/batch", json={"drafts": [one, {"text": "Thanks!"}]}, headers=auth).json
    rewritten = client.post("/v1/rewrite", json={**one, "apply": "all"}, headers=auth).json
    assert analysis["flags"] and analysis["tone"]["customer"]["mood"] == "upset"
    for schema, body in (
        (AnalysisSchema(), analysis),
        (BatchResponseSchema(), batch),
        (RewriteResponseSchema(), rewritten),
    ):
        assert schema.dump(body) == body
        assert isinstance(body, dict) and schema.validate(body) == {}

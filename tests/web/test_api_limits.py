"""Rate limits per key (429), CORS for listed origins only, and JSON for unexpected failures (500)."""

from __future__ import annotations

import json
import logging

import pytest
from conftest import MakeApp
from flask import Flask
from replycoach.errors import ApiError, ConfigError

from .helpers import error


def _secret(app: Flask, role: str = "agent") -> str:
    return str(app.extensions["replycoach.keys"].create(role)[1])


def test_a_key_over_its_rate_gets_429(make_app: MakeApp) -> None:
    app = make_app(RATE_LIMIT="2 per minute")
    client = app.test_client()
    first = {"Authorization": f"Bearer {_secret(app)}"}
    other = {"Authorization": f"Bearer {_secret(app)}"}
    for _ in range(2):
        ok = client.post("/v1/analyze", json={"text": "Hi"}, headers=first)
        # Retry-After only on the refusal; the rate headers on every answer.
        assert (ok.status_code, "Retry-After" in ok.headers, ok.headers["X-RateLimit-Limit"]) == (
            200,
            False,
            "2",
        )
    response = client.post("/v1/analyze", json={"text": "Hi"}, headers=first)
    assert response.status_code == 429
    assert response.json == error(
        "rate_limited", "This key has made too many requests (2 per 1 minute); wait and retry."
    )
    assert 0 < int(response.headers["Retry-After"]) <= 60
    assert response.headers["X-RateLimit-Limit"] == "2"
    # Limits are per key: another key, and calls without a key, are not held back.
    assert client.post("/v1/analyze", json={"text": "Hi"}, headers=other).status_code == 200
    assert client.get("/health").status_code == 200
    assert client.post("/v1/analyze", json={"text": "Hi"}).status_code == 401


def test_a_bad_rate_limit_setting_is_refused(make_app: MakeApp) -> None:
    with pytest.raises(ConfigError, match="RATE_LIMIT"):
        make_app(RATE_LIMIT="lots")


ORIGIN = "chrome-extension://abcdefghijklmnop"


def test_cors_preflight_for_a_listed_origin(make_app: MakeApp) -> None:
    client = make_app(CORS_ORIGINS=[ORIGIN, "https://desk.example.com"]).test_client()
    response = client.options(
        "/v1/analyze",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert set(response.headers["Access-Control-Allow-Headers"].lower().split(", ")) == {
        "authorization",
        "content-type",
    }
    assert "POST" in response.headers["Access-Control-Allow-Methods"]


def test_cors_headers_on_calls_from_a_listed_origin(make_app: MakeApp) -> None:
    app = make_app(CORS_ORIGINS=[ORIGIN])
    headers = {"Origin": ORIGIN, "Authorization": f"Bearer {_secret(app)}"}
    response = app.test_client().post("/v1/analyze", json={"text": "Hi"}, headers=headers)
    assert response.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "X-Request-ID" in response.headers["Access-Control-Expose-Headers"]


@pytest.mark.parametrize("origins", [[], [ORIGIN]])
def test_no_cors_headers_for_other_origins(make_app: MakeApp, origins: list[str]) -> None:
    client = make_app(CORS_ORIGINS=origins).test_client()
    response = client.options(
        "/v1/analyze",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "Access-Control-Allow-Origin" not in response.headers


def test_an_unexpected_failure_is_500_logged_with_a_request_id_and_no_text(
    app: Flask, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("internal detail /srv/secret.py")

    monkeypatch.setattr(app.extensions["replycoach.engine"].engine, "analyze", broken)
    headers = {"Authorization": f"Bearer {_secret(app)}"}
    with caplog.at_level(logging.INFO):
        response = app.test_client().post("/v1/analyze", json={"text": "My private draft"}, headers=headers)
    request_id = response.headers["X-Request-ID"]
    assert response.status_code == 500
    assert response.json == error(
        "internal_error",
        f"Something went wrong on our side; quote request id {request_id} when you report it.",
        {"request_id": request_id},
    )
    (logged,) = [r for r in caplog.records if r.name == "replycoach.web"]
    assert json.loads(logged.getMessage()) == {
        "event": "error",
        "request_id": request_id,
        "error": "RuntimeError",
    }
    assert logged.exc_info is not None
    assert all("My private draft" not in r.getMessage() for r in caplog.records)


def test_access_log_has_one_structured_line_per_request_and_no_text(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    headers = {"Authorization": f"Bearer {_secret(app)}"}
    body = {"text": "Please calm down, Mrs Jones.", "customer_message": "My card 4111 was charged twice"}
    with caplog.at_level(logging.INFO, logger="replycoach.access"):
        response = app.test_client().post("/v1/analyze", json=body, headers=headers)
    (line,) = [r.getMessage() for r in caplog.records if r.name == "replycoach.access"]
    record = json.loads(line)
    assert record.pop("ms") >= 0
    assert record == {
        "event": "request",
        "request_id": response.headers["X-Request-ID"],
        "method": "POST",
        "path": "/v1/analyze",
        "status": 200,
        "key_id": 1,
        "bytes_in": len(json.dumps(body)),
    }
    assert "Jones" not in caplog.text and "4111" not in caplog.text


def test_api_errors_keep_their_headers(app: Flask) -> None:
    @app.get("/v1/test/teapot")
    def teapot() -> None:
        """Refuse, with a header."""
        raise ApiError(418, "teapot", "No coffee here.", {"brew": "tea"}, {"X-Brew": "tea"})

    response = app.test_client().get("/v1/test/teapot")
    assert (response.status_code, response.headers["X-Brew"]) == (418, "tea")
    assert response.json == error("teapot", "No coffee here.", {"brew": "tea"})

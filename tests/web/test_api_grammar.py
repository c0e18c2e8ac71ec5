"""The grammar pass over HTTP: merged flags, the `grammar` status, /health, settings, `replycoach serve`."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from conftest import BASIC_BANK, MakeApp
from fake_languagetool import FakeLanguageTool, running
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, settings
from replycoach import Engine
from replycoach.errors import ConfigError
from replycoach.settings import load_settings
from replycoach.web.resources.drafts import FlagSchema, SuggestionSchema

SCRIPT = str(Path(sys.executable).parent / "replycoach")
DRAFT = "😀 Please calm down, I recieve teh order today."
URL_OK = {"status": "ok", "backend": "url"}


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _spelling(text: str, start: int, utf16_shift: int, suggestions: list[str]) -> dict[str, Any]:
    span = {
        "start": start,
        "end": start + len(text),
        "start_utf16": start + utf16_shift,
        "end_utf16": start + len(text) + utf16_shift,
    }
    return {
        "id": f"lt.MORFOLOGIK_RULE_EN_US@{start}",
        "rule_id": "lt.MORFOLOGIK_RULE_EN_US",
        "category": "grammar",
        "severity": "warning",
        "text": text,
        **span,
        "message": "Possible spelling mistake found.",
        "why": "Possible spelling mistake",
        "suggestions": [{"text": s, **span, "scope": "phrase"} for s in suggestions],
    }


@pytest.fixture
def fake() -> Iterator[FakeLanguageTool]:
    """A fake LanguageTool server on a free port of 127.0.0.1."""
    with running() as server:
        yield server


@pytest.fixture
def grammar_app(make_app: MakeApp, fake: FakeLanguageTool) -> Flask:
    """An app whose grammar backend is the fake server."""
    return make_app(LANGUAGETOOL_URL=fake.url)


@pytest.fixture
def agent(grammar_app: Flask) -> tuple[FlaskClient, dict[str, str]]:
    """A client of the grammar app and an agent key's headers."""
    secret = grammar_app.extensions["replycoach.keys"].create("agent", "test")[1]
    return grammar_app.test_client(), {"Authorization": f"Bearer {secret}"}


def test_analyze_merges_grammar_flags_by_default(
    agent: tuple[FlaskClient, dict[str, str]], basic: Engine
) -> None:
    client, auth = agent
    response = client.post("/v1/analyze", json={"text": DRAFT}, headers=auth)
    assert response.status_code == 200
    bank = basic.analyze(DRAFT).to_dict()
    assert response.json == {
        "flags": [
            bank["flags"][0],
            _spelling("recieve", 22, 1, ["receive"]),
            _spelling("teh", 30, 1, ["the", "ten", "tea"]),
        ],
        "truncated": False,
        "score": bank["score"],
        "tone": bank["tone"],
        "grammar": URL_OK,
    }
    assert bank["flags"][0]["id"] == "dismissive.calm-down@2"
    # The bank's flags and the grammar pass's have one shape: the fields the API documents.
    documented = set(FlagSchema().fields)
    assert [set(flag) for flag in response.json["flags"]] == [documented] * 3
    assert [set(s) for f in response.json["flags"] for s in f["suggestions"][:1]] == [
        set(SuggestionSchema().fields)
    ] * 3


def test_bank_flags_win_over_grammar_flags_they_overlap(
    agent: tuple[FlaskClient, dict[str, str]], fake: FakeLanguageTool
) -> None:
    client, auth = agent
    text = "Sadly we can't recieve teh parcel, teh end."
    response = client.post("/v1/analyze", json={"text": text}, headers=auth)
    assert [(f["id"], f["text"]) for f in response.json["flags"]] == [
        ("refusal.we-cant@6", "we can't recieve teh parcel"),
        ("lt.MORFOLOGIK_RULE_EN_US@35", "teh"),
    ]
    assert fake.checks == 1


def test_grammar_false_skips_the_pass(
    agent: tuple[FlaskClient, dict[str, str]], fake: FakeLanguageTool
) -> None:
    client, auth = agent
    response = client.post("/v1/analyze", json={"text": DRAFT, "grammar": False}, headers=auth)
    assert response.json["grammar"] == {"status": "off", "backend": "url"}
    assert [f["category"] for f in response.json["flags"]] == ["dismissive"]
    assert fake.checks == 0


@pytest.mark.parametrize("grammar", [True, None])
def test_grammar_without_a_backend_is_off(client: FlaskClient, auth: dict[str, str], grammar: Any) -> None:
    response = client.post("/v1/analyze", json={"text": "teh", "grammar": grammar}, headers=auth)
    assert (response.json["flags"], response.json["grammar"]) == ([], {"status": "off", "backend": "off"})


def test_batch_checks_grammar_per_draft(
    agent: tuple[FlaskClient, dict[str, str]], fake: FakeLanguageTool
) -> None:
    client, auth = agent
    body = {"drafts": [{"text": "teh"}, {"text": "All good."}]}
    results = client.post("/v1/analyze/batch", json=body, headers=auth).json["results"]
    assert [[f["id"] for f in r["flags"]] for r in results] == [["lt.MORFOLOGIK_RULE_EN_US@0"], []]
    assert [r["grammar"] for r in results] == [URL_OK, URL_OK]
    off = client.post("/v1/analyze/batch", json={**body, "grammar": False}, headers=auth).json["results"]
    assert [r["grammar"]["status"] for r in off] == ["off", "off"]
    assert fake.checks == 2


def test_a_batch_stops_checking_grammar_when_its_budget_is_spent(
    agent: tuple[FlaskClient, dict[str, str]], fake: FakeLanguageTool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("replycoach.web.grammar.BATCH_BUDGET_SECONDS", 0)
    client, auth = agent
    body = {"drafts": [{"text": "teh"}, {"text": "teh"}, {"text": "teh"}]}
    results = client.post("/v1/analyze/batch", json=body, headers=auth).json["results"]
    assert [r["grammar"]["status"] for r in results] == ["ok", "unavailable", "unavailable"]
    assert [len(r["flags"]) for r in results] == [1, 0, 0]
    assert fake.checks == 1


def test_a_down_server_leaves_the_bank_flags_and_is_not_asked_again(make_app: MakeApp, basic: Engine) -> None:
    app = make_app(LANGUAGETOOL_URL=f"http://127.0.0.1:{_closed_port()}", GRAMMAR_BACKOFF=60)
    secret = app.extensions["replycoach.keys"].create("agent", "test")[1]
    client, auth = app.test_client(), {"Authorization": f"Bearer {secret}"}
    response = client.post("/v1/analyze", json={"text": DRAFT}, headers=auth)
    assert response.status_code == 200
    assert response.json == {
        **basic.analyze(DRAFT).to_dict(),
        "grammar": {"status": "unavailable", "backend": "url"},
    }
    health = client.get("/health").json["grammar"]
    assert health == {
        "status": "unavailable",
        "backend": "url",
        "detail": "cannot connect; not asking again for 60 s",
    }


def test_a_slow_server_answers_within_the_timeout_then_backs_off(
    make_app: MakeApp, fake: FakeLanguageTool
) -> None:
    app = make_app(LANGUAGETOOL_URL=fake.url, GRAMMAR_TIMEOUT=0.3)
    secret = app.extensions["replycoach.keys"].create("agent", "test")[1]
    client, auth = app.test_client(), {"Authorization": f"Bearer {secret}"}
    fake.delay = 30
    started = time.monotonic()
    first = client.post("/v1/analyze", json={"text": DRAFT}, headers=auth)
    assert time.monotonic() - started < 5  # the 0.3 s timeout, not the server's 30 s
    assert first.json["grammar"] == {"status": "unavailable", "backend": "url"}
    assert [f["category"] for f in first.json["flags"]] == ["dismissive"]
    for _ in range(3):
        later = client.post("/v1/analyze", json={"text": DRAFT}, headers=auth)
        assert later.json["grammar"] == {"status": "unavailable", "backend": "url"}
    assert fake.checks == 1


def test_health_reports_the_backend_and_whether_it_answers(
    grammar_app: Flask, fake: FakeLanguageTool
) -> None:
    client = grammar_app.test_client()
    assert client.get("/health").json["grammar"] == {"status": "ok", "backend": "url", "detail": None}
    fake.status = 503  # for /v2/check; the fake's /v2/languages keeps answering, so a check fails first
    token = grammar_app.extensions["replycoach.keys"].create("agent", "t")[1]
    client.post("/v1/analyze", json={"text": "teh"}, headers={"Authorization": f"Bearer {token}"})
    assert client.get("/health").json["grammar"] == {
        "status": "unavailable",
        "backend": "url",
        "detail": "the server answered HTTP 503; not asking again for 30 s",
    }


def test_the_openapi_document_describes_the_grammar_status(client: FlaskClient) -> None:
    components = client.get("/v1/openapi.json").json["components"]["schemas"]
    assert components["Analysis"]["properties"]["grammar"] == {"$ref": "#/components/schemas/Grammar"}
    assert components["Grammar"]["properties"]["status"]["enum"] == ["ok", "unavailable", "off"]
    assert components["Grammar"]["properties"]["backend"]["enum"] == ["off", "url", "local"]
    assert components["AnalyzeRequest"]["properties"]["grammar"]["nullable"] is True
    assert "grammar" in components["BatchRequest"]["properties"]


@pytest.fixture
def grammar_api_schema(make_app: MakeApp, fake: FakeLanguageTool) -> Any:
    """The OpenAPI document of an app whose grammar backend is the fake server, with an agent key."""
    app = make_app(LANGUAGETOOL_URL=fake.url, RATE_LIMIT="100000 per minute", MAX_DRAFT_CHARS=2000)
    secret = app.extensions["replycoach.keys"].create("agent")[1]
    schema = schemathesis.openapi.from_wsgi("/v1/openapi.json", app)
    schema.config.headers = {"Authorization": f"Bearer {secret}"}
    checks = schema.config.checks
    checks.negative_data_rejection.expected_statuses = [
        *checks.negative_data_rejection.expected_statuses,
        "413",
    ]
    return schema


# Only the endpoints that run the grammar pass; test_api_schemathesis.py covers the others.
grammar_schema = schemathesis.pytest.from_fixture("grammar_api_schema").include(path_regex="^/v1/analyze")


@grammar_schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_answers_with_grammar_flags_fit_the_openapi_document(case: Any) -> None:
    case.call_and_validate()


def test_settings_name_the_server_and_tune_the_pass(tmp_path: Path) -> None:
    env = {
        "REPLYCOACH_HOME": str(tmp_path),
        "LANGUAGETOOL_URL": "http://lt.internal:8081",
        "REPLYCOACH_GRAMMAR_TIMEOUT": "0.5",
        "REPLYCOACH_GRAMMAR_BACKOFF": "10",
        "REPLYCOACH_GRAMMAR_LANGUAGE": "en-GB",
    }
    loaded = load_settings(environ=env)
    assert {k: loaded[k] for k in loaded if "GRAMMAR" in k or "LANGUAGETOOL" in k} == {
        "LANGUAGETOOL_URL": "http://lt.internal:8081",
        "GRAMMAR_BACKEND": "url",
        "GRAMMAR_TIMEOUT": 0.5,
        "GRAMMAR_BACKOFF": 10.0,
        "GRAMMAR_LANGUAGE": "en-GB",
    }
    (tmp_path / "config.toml").write_text(
        'languagetool_url = "https://lt.example.com/v2"\n', encoding="utf-8"
    )
    assert load_settings(environ={"REPLYCOACH_HOME": str(tmp_path)})["GRAMMAR_BACKEND"] == "url"
    # An empty variable wins over the file, as every variable does: it switches the grammar pass off.
    assert load_settings(environ={**env, "LANGUAGETOOL_URL": ""})["GRAMMAR_BACKEND"] == "off"
    off = {"REPLYCOACH_HOME": str(tmp_path), "REPLYCOACH_GRAMMAR_BACKEND": "off"}
    assert load_settings(environ=off)["GRAMMAR_BACKEND"] == "off"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"LANGUAGETOOL_URL": "lt.internal:8081"},
            "LANGUAGETOOL_URL: 'lt.internal:8081' is not a valid value (URL of a LanguageTool server): "
            "must start with http:// or https://",
        ),
        (
            {"REPLYCOACH_GRAMMAR_TIMEOUT": "0"},
            "REPLYCOACH_GRAMMAR_TIMEOUT: '0' is not a valid value (seconds a grammar check may take): "
            "must be a number of seconds above 0",
        ),
        (
            {"REPLYCOACH_GRAMMAR_BACKEND": "cloud"},
            "REPLYCOACH_GRAMMAR_BACKEND: 'cloud' is not a valid value (url, local or off (default: url if "
            "LANGUAGETOOL_URL is set)): must be one of off, url, local",
        ),
        (
            {"REPLYCOACH_GRAMMAR_BACKEND": "url"},
            "REPLYCOACH_GRAMMAR_BACKEND is url, but LANGUAGETOOL_URL is not set",
        ),
    ],
)
def test_bad_grammar_settings_fail_loudly(tmp_path: Path, env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(environ={"REPLYCOACH_HOME": str(tmp_path), **env})
    assert str(raised.value) == message


# `replycoach serve` as a user runs it, pointed at the fake server.


def _serve(env: dict[str, str], log_path: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _closed_port()
    with log_path.open("wb") as log:
        proc = subprocess.Popen([SCRIPT, "serve", "--port", str(port), "--workers", "1"], env=env, stderr=log)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        assert proc.poll() is None, log_path.read_text()
        try:
            requests.get(f"{base}/health", timeout=1).raise_for_status()
            return proc, base
        except requests.ConnectionError:
            assert time.monotonic() < deadline, "replycoach serve did not answer within 60 s"
            time.sleep(0.2)


@pytest.mark.parametrize("up", [True, False])
def test_serve_says_which_backend_and_whether_it_answers(
    tmp_path: Path, fake: FakeLanguageTool, up: bool
) -> None:
    url = fake.url if up else f"http://127.0.0.1:{_closed_port()}"
    env = {
        **os.environ,
        "REPLYCOACH_HOME": str(tmp_path / "home"),
        "REPLYCOACH_BANK_DIR": str(BASIC_BANK),
        "LANGUAGETOOL_URL": url,
    }
    log_path = tmp_path / "serve.log"
    proc, base = _serve(env, log_path)
    try:
        health = requests.get(f"{base}/health", timeout=10).json()["grammar"]
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    lines = log_path.read_text(encoding="utf-8").splitlines()
    grammar_line = next(line for line in lines if line.startswith("replycoach: grammar: "))
    if up:
        assert grammar_line == f"replycoach: grammar: LanguageTool at {url} (url backend), answering"
        assert health == {"status": "ok", "backend": "url", "detail": None}
    else:
        assert grammar_line == (
            f"replycoach: grammar: LanguageTool at {url} (url backend), not answering (cannot connect); "
            "drafts get grammar status unavailable until it does"
        )
        assert health["status"] == "unavailable"


def test_validate_shows_languagetools_findings_in_each_rewritten_example(grammar_app: Flask) -> None:
    from conftest import NO_WORRIES

    secret = grammar_app.extensions["replycoach.keys"].create("lead", "test")[1]
    rewrites = [{"text": "I recieve your point", "scope": "phrase"}, NO_WORRIES["rewrites"][1]]
    response = grammar_app.test_client().post(
        "/v1/phrasebank/validate",
        json={"entry": {**NO_WORRIES, "rewrites": rewrites}},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.json["valid"] is True
    found = [(r["text"], r["grammar"]) for r in response.json["rewritten"] if r["rewrite"] == 0]
    spelling = {
        "rule_id": "lt.MORFOLOGIK_RULE_EN_US",
        "text": "recieve",
        "message": "Possible spelling mistake found.",
    }
    assert found == [
        ("I recieve your point, it's fixed.", [spelling]),
        ("Ok I recieve your point then.", [spelling]),
    ]

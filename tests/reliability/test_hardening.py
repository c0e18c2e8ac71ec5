"""Tried as an attacker and an outage would, against a real `replycoach serve` (2 workers, SQLite, the curated
bank, 127.0.0.1 only): malformed input, costly requests and concurrent writers never get a 500, and every
error comes in the service's JSON shape."""

from __future__ import annotations

import json
import os
import socket
import stat
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import requests
from serving import create_key, serve

ENTRY = "dismissive.calm-down"


def _key(env: dict[str, str], role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_key(env, role, role)}"}


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "REPLYCOACH_HOME": str(home),
        "REPLYCOACH_CORS_ORIGINS": "chrome-extension://abcdef",
        "REPLYCOACH_RATE_LIMIT": "100000 per minute",
    }


@pytest.fixture(scope="module")
def server(env: dict[str, str], home: Path) -> Iterator[str]:
    with serve(env, home / "serve.log") as url:
        yield url


@pytest.fixture(scope="module")
def agent(server: str, env: dict[str, str]) -> dict[str, str]:
    return _key(env, "agent")


@pytest.fixture(scope="module")
def lead(server: str, env: dict[str, str]) -> dict[str, str]:
    return _key(env, "lead")


def _post(url: str, body: bytes, headers: dict[str, str], method: str = "POST") -> requests.Response:
    return requests.request(
        method, url, data=body, headers={**headers, "Content-Type": "application/json"}, timeout=30
    )


def _error(response: requests.Response) -> tuple[int, str]:
    assert response.headers["Content-Type"] == "application/json", response.text[:200]
    return response.status_code, response.json()["error"]["code"]


@pytest.mark.parametrize(
    ("path", "method", "role"),
    [
        ("/v1/analyze", "POST", "agent"),
        ("/v1/analyze/batch", "POST", "agent"),
        ("/v1/rewrite", "POST", "agent"),
        (f"/v1/phrasebank/entries/{ENTRY}", "PUT", "lead"),
        ("/v1/phrasebank/vocabulary", "POST", "lead"),
    ],
)
def test_json_nested_thousands_deep_is_a_400(
    server: str, agent: dict[str, str], lead: dict[str, str], path: str, method: str, role: str
) -> None:
    headers = {"agent": agent, "lead": lead}[role] | {"If-Match": "*"}
    for depth in (5_000, 100):
        body = ("[" * depth + "]" * depth).encode()
        response = _post(server + path, body, headers, method)
        assert _error(response) == (400, "malformed_json")
        assert "nests arrays or objects" in response.json()["error"]["message"]


def test_an_integer_of_thousands_of_digits_is_a_400(server: str, agent: dict[str, str]) -> None:
    body = b'{"text": "Calm down.", "grammar": ' + b"9" * 5000 + b"}"
    response = _post(server + "/v1/analyze", body, agent)
    assert _error(response) == (400, "malformed_json")
    assert response.json()["error"]["message"] == (
        "The request body has a number too long to read (thousands of digits); no field of this API "
        "takes one."
    )


@pytest.mark.parametrize("field", ["text", "customer_message"])
def test_a_lone_surrogate_is_a_400_naming_the_field(server: str, agent: dict[str, str], field: str) -> None:
    body = {"text": "Calm down.", "customer_message": "Where is it?"}
    raw = json.dumps(body).replace("Calm down.", "Calm \\ud800 down.").replace("Where", "Wh\\udfffere")
    response = _post(server + "/v1/analyze", raw.encode(), agent)
    assert _error(response) == (400, "invalid_text")
    assert response.json()["error"]["details"] == {"field": "body.text"}
    # A paired surrogate is an ordinary character.
    ok = _post(server + "/v1/analyze", b'{"text": "Calm down \\ud83d\\ude00"}', agent)
    assert ok.status_code == 200
    assert ok.json()["flags"][0]["text"] == "Calm down"
    batch = json.dumps({"drafts": [{"text": "fine"}, {"text": "x", field: "y"}]}).replace('"y"', '"\\ud800"')
    if field == "text":
        batch = json.dumps({"drafts": [{"text": "fine"}, {"text": "x"}]}).replace('"x"', '"\\ud800"')
    response = _post(server + "/v1/analyze/batch", batch.encode(), agent)
    assert _error(response) == (400, "invalid_text")
    assert response.json()["error"]["details"] == {"field": f"body.drafts[1].{field}"}


def test_a_rollback_revision_past_64_bits_is_a_422(server: str, lead: dict[str, str]) -> None:
    url = f"{server}/v1/phrasebank/entries/{ENTRY}/rollback"
    response = _post(url, b'{"revision": 9223372036854775808}', lead | {"If-Match": "*"})
    assert _error(response) == (422, "invalid_request")
    assert response.json()["error"]["details"] == {
        "revision": ["Must be greater than or equal to 1 and less than or equal to 9223372036854775807."]
    }


def test_a_batch_over_the_characters_budget_is_a_413_before_any_work(
    server: str, agent: dict[str, str]
) -> None:
    drafts = [{"text": "Calm down. " * 1800, "customer_message": "Why?? " * 2000} for _ in range(11)]
    response = requests.post(f"{server}/v1/analyze/batch", json={"drafts": drafts}, headers=agent, timeout=30)
    assert _error(response) == (413, "batch_too_large")
    assert response.json()["error"]["details"] == {"length": 11 * (19_800 + 12_000), "limit": 200_000}


def test_flags_past_the_cap_are_cut_and_marked(server: str, agent: dict[str, str]) -> None:
    text = "Calm down. " * 1800
    response = requests.post(f"{server}/v1/analyze", json={"text": text}, headers=agent, timeout=30)
    body = response.json()
    assert (response.status_code, len(body["flags"]), body["truncated"]) == (200, 200, True)
    assert body["flags"][-1]["start"] == 199 * 11


def test_health_answers_within_2_s_while_one_key_sends_the_largest_batches(
    server: str, agent: dict[str, str]
) -> None:
    drafts = [{"text": ("sorry for any inconvenience and " * 700)[:20_000]} for _ in range(10)]
    stop = threading.Event()
    statuses: list[int] = []

    def flood() -> None:
        while not stop.is_set():
            sent = requests.post(
                f"{server}/v1/analyze/batch", json={"drafts": drafts}, headers=agent, timeout=60
            )
            statuses.append(sent.status_code)

    sender = threading.Thread(target=flood)
    sender.start()
    try:
        time.sleep(0.5)
        waits = []
        for _ in range(10):
            started = time.monotonic()
            assert requests.get(f"{server}/health", timeout=10).status_code == 200
            waits.append(time.monotonic() - started)
            time.sleep(0.2)
    finally:
        stop.set()
        sender.join()
    assert max(waits) < 2, waits
    assert statuses and set(statuses) == {200}


def test_twenty_concurrent_writers_get_no_500_and_each_lands_once(server: str, lead: dict[str, str]) -> None:
    url = f"{server}/v1/phrasebank/entries/{ENTRY}"
    original = requests.get(url, headers=lead, timeout=10).json()
    before = max(
        h["revision"] for h in requests.get(f"{url}/history", headers=lead, timeout=10).json()["revisions"]
    )

    deadline = time.monotonic() + 240
    busy: list[requests.Response] = []

    def write(i: int) -> requests.Response:
        # As a client should: a busy answer is tried again after the Retry-After it gives.
        changed = {**original, "message": f"Tells an upset customer how to feel ({i})."}
        while True:
            sent = requests.put(url, json=changed, headers=lead | {"If-Match": "*"}, timeout=60)
            if sent.status_code != 503 or time.monotonic() > deadline:
                return sent
            busy.append(sent)
            time.sleep(float(sent.headers["Retry-After"]))

    with ThreadPoolExecutor(20) as pool:
        responses = list(pool.map(write, range(20)))
    statuses = [r.status_code for r in responses]
    assert statuses == [200] * 20, [r.text[:200] for r in responses if r.status_code != 200]
    for answer in busy:
        assert _error(answer) == (503, "busy")
        assert answer.headers["Retry-After"] == "2"
    history = requests.get(f"{url}/history", headers=lead, timeout=10).json()["revisions"]
    written = [h for h in history if h["revision"] > before]
    # Every write that answered 200 is in the history once, with its own revision and its own message.
    assert len({h["revision"] for h in written}) == len(written) == statuses.count(200)
    assert sorted(h["entry"]["message"] for h in written) == sorted(
        r.json()["message"] for r in responses if r.status_code == 200
    )
    assert len({r.headers["ETag"] for r in responses if r.status_code == 200}) == statuses.count(200)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            {"patterns": ["calm down" + "(?: now)?" * 11_111]},
            (
                "patterns[0]",
                "is longer than 1,000 characters; move word lists into the vocabulary as families",
            ),
        ),
        (
            {"patterns": [f"calm down {i}" for i in range(5000)]},
            (
                "patterns",
                "has more than 40 patterns; split the entry, or move word lists into the vocabulary",
            ),
        ),
    ],
)
def test_bank_writes_that_would_slow_every_analysis_are_a_422(
    server: str, lead: dict[str, str], change: dict[str, Any], problem: tuple[str, str]
) -> None:
    url = f"{server}/v1/phrasebank/entries/{ENTRY}"
    original = requests.get(url, headers=lead, timeout=10).json()
    response = requests.put(url, json={**original, **change}, headers=lead | {"If-Match": "*"}, timeout=30)
    assert _error(response) == (422, "invalid_entry")
    assert response.json()["error"]["details"]["problems"] == [
        {"entry": ENTRY, "field": problem[0], "message": problem[1]}
    ]


def test_a_family_of_5000_words_is_a_422(server: str, lead: dict[str, str]) -> None:
    family = {"family": "too-many", "phrases": [f"word{i}" for i in range(5000)]}
    response = requests.post(f"{server}/v1/phrasebank/vocabulary", json=family, headers=lead, timeout=30)
    assert _error(response) == (422, "invalid_entry")
    [problem] = response.json()["error"]["details"]["problems"]
    assert (problem["field"], problem["message"]) == (
        "phrases",
        "has more than 500 phrases; split it into several families",
    )


def test_an_unreadable_request_line_gets_the_json_error_shape(server: str) -> None:
    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"GARBAGE\x01 / HTTP/1.1\r\nHost: x\r\n\r\n")
        raw = b""
        while chunk := sock.recv(65536):
            raw += chunk
    head, body = raw.split(b"\r\n\r\n", 1)
    assert head.split(b"\r\n")[0] == b"HTTP/1.1 400 Bad Request"
    assert b"Content-Type: application/json" in head
    assert json.loads(body)["error"]["code"] == "bad_request"


def test_security_headers_and_a_private_database_file(server: str, home: Path) -> None:
    for path in ("/health", "/v1/openapi.json", "/v1/docs", "/v1/analyze"):
        assert requests.get(server + path, timeout=10).headers["X-Content-Type-Options"] == "nosniff"
    docs = requests.get(server + "/v1/docs", timeout=10)
    assert "frame-ancestors 'none'" in docs.headers["Content-Security-Policy"]
    origin = {"Origin": "https://evil.example"}
    assert "Origin" in requests.get(server + "/health", headers=origin, timeout=10).headers["Vary"]
    allowed = requests.get(server + "/health", headers={"Origin": "chrome-extension://abcdef"}, timeout=10)
    assert allowed.headers["Access-Control-Allow-Origin"] == "chrome-extension://abcdef"
    admin = requests.get(server + "/admin", headers={"Origin": "chrome-extension://abcdef"}, timeout=10)
    assert "Access-Control-Allow-Origin" not in admin.headers
    assert stat.S_IMODE((home / "replycoach.db").stat().st_mode) == 0o600


def test_a_request_past_the_worker_timeout_gets_a_json_503(env: dict[str, str], tmp_path: Path) -> None:
    # Limits raised far enough for one batch to hold a worker well past a 1 s timeout (10 million characters).
    slow_env = {
        **env,
        "REPLYCOACH_HOME": str(tmp_path),
        "REPLYCOACH_MAX_BATCH_CHARS": "10000000",
        "REPLYCOACH_MAX_DRAFT_CHARS": "100000",
        "REPLYCOACH_MAX_BODY_BYTES": "50000000",
    }
    with serve(slow_env, tmp_path / "serve.log", extra=("--timeout", "1")) as url:
        agent = _key(slow_env, "agent")
        drafts = [{"text": ("We can't refund it. " * 5000)[:100_000]} for _ in range(100)]
        response = requests.post(
            f"{url}/v1/analyze/batch", json={"drafts": drafts}, headers=agent, timeout=60
        )
        assert _error(response) == (503, "request_timeout")
        assert response.headers["Retry-After"] == "2"
        # The worker is replaced; the service goes on answering.
        assert requests.get(f"{url}/health", timeout=10).status_code == 200

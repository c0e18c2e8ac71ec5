"""`replycoach serve` as a user runs it: a real gunicorn process, a key from the CLI, calls over HTTP."""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from conftest import BASIC_BANK
from serving import SCRIPT, free_port, serve


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The environment of a user with a fresh data directory and the small test bank."""
    return {
        **os.environ,
        "REPLYCOACH_HOME": str(tmp_path / "home"),
        "REPLYCOACH_BANK_DIR": str(BASIC_BANK),
        "REPLYCOACH_CORS_ORIGINS": "chrome-extension://abcdef",
    }


@pytest.fixture
def server(env: dict[str, str], tmp_path: Path) -> Iterator[str]:
    """A running `replycoach serve`; yields its base URL and stops it afterwards."""
    with serve(env, tmp_path / "serve.log") as base:
        yield base


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SCRIPT, *args], env=env, capture_output=True, text=True, check=False)


def test_serve_then_create_a_key_and_call_the_api(server: str, env: dict[str, str], tmp_path: Path) -> None:
    created = _cli(env, "keys", "create", "--role", "agent", "--name", "Sam")
    assert created.returncode == 0, created.stderr
    key = created.stdout.strip()
    assert created.stdout == key + "\n" and key.startswith("rc_")
    auth = {"Authorization": f"Bearer {key}"}

    health = requests.get(f"{server}/health", timeout=10)
    assert health.json()["bank"]["entries"] == 6
    assert health.headers["Server"].startswith("gunicorn")

    draft = "Please calm down. You'll have to wait 24 hours."
    analysis = requests.post(f"{server}/v1/analyze", json={"text": draft}, headers=auth, timeout=10)
    assert analysis.status_code == 200
    assert analysis.json()["score"] == 70

    rewritten = requests.post(
        f"{server}/v1/rewrite",
        json={"text": draft, "apply": ["blame.have-to-wait@18"]},
        headers=auth,
        timeout=10,
    )
    assert rewritten.json()["text"] == "Please calm down. I'll make sure you hear from me within 24 hours."

    batch = requests.post(
        f"{server}/v1/analyze/batch",
        json={"drafts": [{"text": draft}, {"text": "Hi"}]},
        headers=auth,
        timeout=10,
    )
    assert [r["score"] for r in batch.json()["results"]] == [70, 100]

    entries = requests.get(f"{server}/v1/phrasebank/entries", headers=auth, timeout=10)
    assert len(entries.json()["entries"]) == 6
    entry = requests.get(f"{server}/v1/phrasebank/entries/dismissive.calm-down", headers=auth, timeout=10)
    assert entry.json()["id"] == "dismissive.calm-down"

    assert requests.get(f"{server}/v1/openapi.json", timeout=10).json()["info"]["title"] == "Reply Coach"
    assert requests.get(f"{server}/v1/docs", timeout=10).status_code == 200

    preflight = requests.options(
        f"{server}/v1/analyze",
        headers={
            "Origin": "chrome-extension://abcdef",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Authorization, Content-Type",
        },
        timeout=10,
    )
    assert preflight.headers["Access-Control-Allow-Origin"] == "chrome-extension://abcdef"

    listed = _cli(env, "keys", "list")
    assert listed.returncode == 0
    assert "agent" in listed.stdout and "Sam" in listed.stdout and key not in listed.stdout

    revoked = _cli(env, "keys", "revoke", "1")
    assert (revoked.returncode, revoked.stderr) == (0, "revoked key 1 (agent) Sam\n")
    refused = requests.post(f"{server}/v1/analyze", json={"text": draft}, headers=auth, timeout=10)
    assert refused.status_code == 401

    log = (tmp_path / "serve.log").read_text(encoding="utf-8")
    access = [json.loads(line) for line in log.splitlines() if line.startswith('{"event": "request"')]
    assert {"method": "POST", "path": "/v1/analyze", "status": 200} in [
        {k: r[k] for k in ("method", "path", "status")} for r in access
    ]
    assert "calm down" not in log.lower()


def test_an_edit_over_http_is_live_on_every_worker_within_2_seconds(server: str, env: dict[str, str]) -> None:
    secret = _cli(env, "keys", "create", "--role", "lead", "--name", "Lee").stdout.strip()
    lead = {"Authorization": f"Bearer {secret}"}

    def flagged() -> list[str]:
        response = requests.post(
            f"{server}/v1/analyze", json={"text": "Please calm down."}, headers=lead, timeout=10
        )
        return [flag["rule_id"] for flag in response.json()["flags"]]

    assert flagged() == ["dismissive.calm-down"]
    entry_url = f"{server}/v1/phrasebank/entries/dismissive.calm-down"
    entry = requests.get(entry_url, headers=lead, timeout=10)
    changed = {
        **entry.json(),
        "patterns": ["calm down now"],
        "examples": {
            "flag": [
                {"text": "Calm down now.", "flagged": "Calm down now"},
                {"text": "Please calm down now!", "flagged": "calm down now"},
            ],
            "pass": [{"text": "Please calm down."}, {"text": "Things calm down in May."}],
        },
    }
    edited = time.monotonic()
    response = requests.put(
        entry_url, json=changed, headers={**lead, "If-Match": entry.headers["ETag"]}, timeout=30
    )
    assert response.status_code == 200, response.text
    while flagged():
        assert time.monotonic() - edited < 2, "the edit was not live within 2 s"
        time.sleep(0.05)
    time.sleep(max(0.0, edited + 2 - time.monotonic()))
    # By now every worker has seen it: no request, whichever worker takes it, flags the old phrase.
    assert [flagged() for _ in range(20)] == [[]] * 20


def test_a_key_revoked_from_the_command_line_is_refused_within_a_second(
    server: str, env: dict[str, str]
) -> None:
    """Workers remember live keys briefly; a revocation made by another process still holds within 1 s."""
    secret = _cli(env, "keys", "create", "--role", "agent", "--name", "Rey").stdout.strip()
    auth = {"Authorization": f"Bearer {secret}"}

    def status() -> int:
        response = requests.post(f"{server}/v1/analyze", json={"text": "Hi"}, headers=auth, timeout=10)
        return response.status_code

    # Every worker has the key in hand before it is revoked.
    assert [status() for _ in range(20)] == [200] * 20
    listed = _cli(env, "keys", "list").stdout.splitlines()
    [key_id] = [line.split()[0] for line in listed[1:] if line.rstrip().endswith("Rey")]
    revoked = _cli(env, "keys", "revoke", key_id)
    assert revoked.returncode == 0, revoked.stderr
    time.sleep(1.0)
    assert [status() for _ in range(20)] == [401] * 20


def test_keys_revoke_an_unknown_id_exits_2(env: dict[str, str]) -> None:
    result = _cli(env, "keys", "revoke", "7")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "replycoach: no key with id 7; `replycoach keys list` shows the ids\n"


def test_serve_with_a_bad_setting_exits_2_with_the_reason(env: dict[str, str]) -> None:
    result = _cli({**env, "REPLYCOACH_RATE_LIMIT": "lots"}, "serve", "--port", str(free_port()))
    assert result.returncode == 2
    assert result.stderr.startswith("replycoach: REPLYCOACH_RATE_LIMIT: 'lots' is not a valid value")


def test_a_database_in_a_missing_folder_is_one_clear_line(env: dict[str, str], tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    broken = {**env, "REPLYCOACH_DATABASE_URL": f"sqlite:///{missing}/replycoach.db"}
    message = (
        f"replycoach: the database folder {missing} does not exist; create it, or point "
        "REPLYCOACH_DATABASE_URL at another place\n"
    )
    for args in (
        ("keys", "create", "--role", "agent", "--name", "Sam"),
        ("serve", "--port", str(free_port())),
    ):
        result = subprocess.run([SCRIPT, *args], env=broken, capture_output=True, text=True, timeout=60)
        assert (result.returncode, result.stdout, result.stderr) == (2, "", message)


def test_a_database_that_refuses_writes_is_one_clear_line(env: dict[str, str], tmp_path: Path) -> None:
    assert _cli(env, "keys", "create", "--role", "agent", "--name", "Sam").returncode == 0
    database = Path(env["REPLYCOACH_HOME"]) / "replycoach.db"
    read_only = {**env, "REPLYCOACH_DATABASE_URL": f"sqlite:///file:{database}?mode=ro&uri=true"}
    result = _cli(read_only, "keys", "create", "--role", "agent", "--name", "Ana")
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        "replycoach: the database refused the operation: attempt to write a readonly database; "
        "nothing changed\n",
    )

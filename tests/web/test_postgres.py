"""PostgreSQL, as teams running several instances use it: every instance serves every change within seconds.

A real server (tests/web/postgres.py) and two `replycoach serve` processes of two workers each on one
database: a change made through one instance must flag (or stop flagging) on every worker of the other, and
an admin page session made on one must work on the other.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from conftest import BASIC_BANK, make_entry
from replycoach.store.db import MIGRATIONS, connect
from replycoach.web.auth import SESSION_COOKIE
from serving import SCRIPT, serve
from sqlalchemy import inspect, text

from .helpers import error
from .postgres import cluster, create_database

# The promise is 2 seconds; a loaded CI machine gets one more.
LIVE_WITHIN = 3.0
# A change counts as live once this many answers in a row agree: each may come from either worker.
IN_A_ROW = 8
ENTRY = make_entry()  # dismissive.relax: the test bank does not have it
ENTRY_URL = f"/v1/phrasebank/entries/{ENTRY['id']}"
DRAFT = "Please just relax."
# `replycoach <arguments>`, started but waiting for a line on standard input to run.
AT_ONCE = """
import sys
import psycopg, replycoach.store.bank, replycoach.store.db
from replycoach.cli import main
print("ready", flush=True)
sys.stdin.readline()
main(sys.argv[1:], prog_name="replycoach")
"""
TABLES = {
    "alembic_version",
    "api_keys",
    "admin_sessions",
    "bank_entries",
    "bank_revisions",
    "bank_state",
    "bank_topics",
    "bank_vocabulary",
    "bank_vocabulary_revisions",
    "curated_baseline",
    "insight_days",
    "insight_rules",
    "samples",
}


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """A throwaway PostgreSQL server for the whole run; yields the URL of its `postgres` database."""
    with cluster() as url:
        yield url


@dataclass(frozen=True)
class Instances:
    """Two instances of the service on one database, and a lead key made with the CLI."""

    a: str
    b: str
    lead: dict[str, str]


@pytest.fixture(scope="module")
def instances(postgres: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Instances]:
    """Instances A and B (two workers each) serving one PostgreSQL database."""
    url = create_database(postgres, "two_instances")
    tmp = tmp_path_factory.mktemp("instances")

    def env(name: str) -> dict[str, str]:
        return {
            **os.environ,
            "REPLYCOACH_HOME": str(tmp / f"home-{name}"),
            "REPLYCOACH_DATABASE_URL": url,
            "REPLYCOACH_BANK_DIR": str(BASIC_BANK),
            # Polling must not meet the per-key rate limit.
            "REPLYCOACH_RATE_LIMIT": "100000 per minute",
            "REPLYCOACH_INSIGHTS_FLUSH_SECONDS": "0.2",
        }

    with serve(env("a"), tmp / "a.log", workers=2) as a, serve(env("b"), tmp / "b.log", workers=2) as b:
        created = subprocess.run(
            [SCRIPT, "keys", "create", "--role", "lead", "--name", "Ana"],
            env=env("a"),
            capture_output=True,
            text=True,
            check=False,
        )
        assert created.returncode == 0, created.stderr
        yield Instances(a, b, {"Authorization": f"Bearer {created.stdout.strip()}"})


def _flags(base: str, lead: dict[str, str]) -> bool:
    response = requests.post(f"{base}/v1/analyze", json={"text": DRAFT}, headers=lead, timeout=10)
    assert response.status_code == 200, response.text
    return ENTRY["id"] in [flag["rule_id"] for flag in response.json()["flags"]]


def _live_after(since: float, check: Callable[[], bool]) -> float:
    """Seconds from `since` until `check` held IN_A_ROW times in a row; fails if it still did not after
    LIVE_WITHIN seconds."""
    streak, began = 0, 0.0
    while True:
        ok = check()
        elapsed = time.monotonic() - since
        if ok:
            began = elapsed if streak == 0 else began
            streak += 1
            if streak == IN_A_ROW:
                return began
        else:
            streak = 0
            assert elapsed <= LIVE_WITHIN, f"still not live {elapsed:.1f} s after the change"
            time.sleep(0.05)


def _write(method: str, url: str, lead: dict[str, str], body: Any, etag: str | None = None) -> str:
    """Send a write; returns the new ETag."""
    headers = {**lead, "If-Match": etag} if etag else lead
    response = requests.request(method, url, json=body, headers=headers, timeout=30)
    assert response.status_code in (200, 201), response.text
    return response.headers["ETag"]


def test_create_disable_and_rollback_on_one_instance_are_live_on_the_other(instances: Instances) -> None:
    a, b, lead = instances.a, instances.b, instances.lead
    assert not _flags(b, lead)

    etag = _write("POST", f"{a}/v1/phrasebank/entries", lead, ENTRY)
    assert etag == f'"{ENTRY["id"]}@1"'
    assert _live_after(time.monotonic(), lambda: _flags(b, lead)) <= LIVE_WITHIN

    current = requests.get(f"{b}{ENTRY_URL}", headers=lead, timeout=10)
    assert (current.status_code, current.headers["ETag"]) == (200, etag)
    etag = _write("PUT", f"{b}{ENTRY_URL}", lead, {**ENTRY, "enabled": False}, etag)
    assert etag == f'"{ENTRY["id"]}@2"'
    assert _live_after(time.monotonic(), lambda: not _flags(a, lead)) <= LIVE_WITHIN

    etag = _write("POST", f"{b}{ENTRY_URL}/rollback", lead, {"revision": 1}, etag)
    assert etag == f'"{ENTRY["id"]}@3"'
    assert _live_after(time.monotonic(), lambda: _flags(a, lead)) <= LIVE_WITHIN

    history = requests.get(f"{a}{ENTRY_URL}/history", headers=lead, timeout=10).json()["revisions"]
    assert [(r["revision"], r["action"], r["author"], r["entry"]["enabled"]) for r in history] == [
        (1, "create", "Ana", True),
        (2, "update", "Ana", False),
        (3, "rollback", "Ana", True),
    ]


def _insights(base: str, lead: dict[str, str]) -> list[tuple[str, int, int, int, int]]:
    response = requests.get(f"{base}/v1/insights?days=1", headers=lead, timeout=10)
    assert response.status_code == 200, response.text
    [today] = response.json()["days"]
    rules = [
        (r["rule_id"], r["fired"], r["applied"], r["dismissed"], r["muted"]) for r in response.json()["rules"]
    ]
    return [("analyzed", today["analyzed"], today["warnings"], today["fired"], 0), *rules]


def test_insight_counts_of_every_worker_of_both_instances_add_up(instances: Instances) -> None:
    a, b, lead = instances.a, instances.b, instances.lead
    # The other tests' analyses are counted too: start from counts that every worker has written.
    before, previous = None, {}
    while before != previous:
        previous, before = before, {row[0]: row[1:] for row in _insights(a, lead)}
        time.sleep(0.6)
    cold = {"text": "Calm down. You'll have to wait 24 hours."}
    for base in (a, b) * 6:
        assert requests.post(f"{base}/v1/analyze", json=cold, headers=lead, timeout=10).status_code == 200
    events = {
        "events": [{"rule_id": "blame.have-to-wait", "action": action} for action in ("applied", "muted")]
    }
    for base in (a, b, b):
        assert requests.post(f"{base}/v1/events", json=events, headers=lead, timeout=10).status_code == 202

    def added() -> dict[str, tuple[int, ...]]:
        now = {row[0]: row[1:] for row in _insights(b, lead)}
        zero = (0, 0, 0, 0)
        return {
            name: tuple(x - y for x, y in zip(counts, before.get(name, zero), strict=True))
            for name, counts in now.items()
            if counts != before.get(name, zero)
        }

    expected = {
        "analyzed": (12, 12, 24, 0),
        "blame.have-to-wait": (12, 3, 0, 3),
        "dismissive.calm-down": (12, 0, 0, 0),
    }
    deadline = time.monotonic() + 10
    while (now := added()) != expected:
        assert time.monotonic() < deadline, now
        time.sleep(0.2)


def _sign_in(base: str, secret: str) -> str:
    """Sign in to the admin page of `base` as a browser does; returns the session cookie's token."""
    browser = requests.Session()
    form = browser.get(f"{base}/admin", timeout=10).text
    found = re.search(r'name="csrf" value="([^"]+)"', form)
    assert found, form
    form_data = {"key": secret, "csrf": found.group(1)}
    signed_in = browser.post(f"{base}/admin/sign-in", data=form_data, allow_redirects=False, timeout=10)
    assert (signed_in.status_code, signed_in.headers["Location"]) == (303, "/admin")
    token = signed_in.cookies.get(SESSION_COOKIE)
    assert token
    browser.close()
    return str(token)


def _page_csrf(base: str, cookie: dict[str, str]) -> str:
    page = requests.get(f"{base}/admin", cookies=cookie, timeout=10).text
    assert '<span class="who">Signed in as Ana (lead)</span>' in page, page
    found = re.search(r'<meta name="csrf-token" content="([^"]+)">', page)
    assert found, page
    return found.group(1)


def test_an_admin_session_made_on_one_instance_works_on_the_other(instances: Instances) -> None:
    a, b = instances.a, instances.b
    cookie = {SESSION_COOKIE: _sign_in(a, instances.lead["Authorization"].removeprefix("Bearer "))}
    csrf = _page_csrf(b, cookie)
    assert csrf == _page_csrf(a, cookie)

    entry = "/v1/phrasebank/entries/dismissive.calm-down"
    on_b = requests.get(f"{b}{entry}", cookies=cookie, headers={"X-CSRF-Token": csrf}, timeout=10)
    assert (on_b.status_code, on_b.json()["id"]) == (200, "dismissive.calm-down")

    signed_out = requests.post(
        f"{b}/admin/sign-out", data={"csrf": csrf}, cookies=cookie, allow_redirects=False, timeout=10
    )
    assert signed_out.status_code == 303
    ended = requests.get(f"{a}{entry}", cookies=cookie, headers={"X-CSRF-Token": csrf}, timeout=10)
    assert ended.status_code == 401
    assert ended.json() == error(
        "unauthorized",
        "Your admin page session has ended (signed out, expired or its key revoked); "
        "sign in again at /admin.",
    )


def test_the_migrations_build_the_schema_on_an_empty_database(postgres: str) -> None:
    engine = connect(create_database(postgres, "empty"))
    try:
        with engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == "0008"
        assert set(inspect(engine).get_table_names()) == TABLES
    finally:
        engine.dispose()
    config_head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert config_head == "0008"


def test_instances_starting_at_once_on_an_empty_database_all_start(postgres: str, tmp_path: Path) -> None:
    # Each command upgrades the schema and seeds the bank, as `replycoach serve` does before it serves; all
    # wait, imports done, for one go, so that they reach the database together.
    env = {**os.environ, "REPLYCOACH_DATABASE_URL": create_database(postgres, "started_at_once")}
    env.update(REPLYCOACH_HOME=str(tmp_path / "home"), REPLYCOACH_BANK_DIR=str(BASIC_BANK))
    commands = [
        subprocess.Popen(
            [sys.executable, "-c", AT_ONCE, "bank", "export", str(tmp_path / f"export-{n}")],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    answers = []
    try:
        assert [c.stdout.readline() for c in commands if c.stdout] == ["ready\n"] * 4
        for command in commands:
            assert command.stdin
            command.stdin.write("go\n")
            command.stdin.flush()
        for command in commands:
            out, err = command.communicate(timeout=60)
            answers.append((command.returncode, out, err))
    finally:
        for command in commands:
            if command.poll() is None:
                command.kill()
                command.communicate()
    # The test bank's entries and vocabulary (it has no acknowledgements).
    written = f"{tmp_path}/export-{{}}: 2 files written\n"
    assert answers == [(0, "", written.format(n)) for n in range(4)]

    engine = connect(env["REPLYCOACH_DATABASE_URL"])
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT revision FROM bank_state")).scalars().all() == [1]
            assert conn.execute(text("SELECT count(*) FROM bank_entries")).scalar_one() == 6
            assert conn.execute(text("SELECT count(*) FROM bank_revisions")).scalar_one() == 6
    finally:
        engine.dispose()

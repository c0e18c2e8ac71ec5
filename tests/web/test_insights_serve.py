"""Insights on a real `replycoach serve`: exact counts from both workers, counts a worker still holds written
as it exits, and no text of a draft or a customer's message anywhere in the database."""

from __future__ import annotations

import os
import signal
import sqlite3
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests
from conftest import BASIC_BANK
from serving import create_key, serve, serve_process

COLD = "Please calm down. You'll have to wait 24 hours."  # dismissive.calm-down and blame.have-to-wait
MILD = "I'm sorry to hear that. The refund is on its way."  # sympathy.sorry-to-hear, a suggestion


def _env(home: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "REPLYCOACH_HOME": str(home),
        "REPLYCOACH_BANK_DIR": str(BASIC_BANK),
        "REPLYCOACH_RATE_LIMIT": "100000 per minute",
        **extra,
    }


def _key(env: dict[str, str], role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_key(env, role, f'insights {role}')}"}


def _workers(pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


@contextmanager
def _stopped(pid: int) -> Iterator[None]:
    """Freeze a worker, so that every request goes to the other one."""
    os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        os.kill(pid, signal.SIGCONT)


def _analyze(url: str, key: dict[str, str], text: str, times: int) -> None:
    def one(_: int) -> int:
        # A connection of its own each time, as separate agents' browsers would open.
        return requests.post(f"{url}/v1/analyze", json={"text": text}, headers=key, timeout=30).status_code

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(one, range(times))) == [200] * times


def _send(url: str, key: dict[str, str], *pairs: tuple[str, str]) -> None:
    body = {"events": [{"rule_id": rule, "action": action} for rule, action in pairs]}
    response = requests.post(f"{url}/v1/events", json=body, headers=key, timeout=30)
    assert (response.status_code, response.json()) == (202, {"accepted": len(pairs), "counted": True})


def _until(check: Callable[[], Any], expected: Any, within: float = 10.0) -> None:
    deadline = time.monotonic() + within
    while (value := check()) != expected:
        assert time.monotonic() < deadline, f"still {value!r}, expected {expected!r}"
        time.sleep(0.2)


def _summary(url: str, lead: dict[str, str]) -> tuple[list[tuple[str, int, int, int, int]], list[int]]:
    response = requests.get(f"{url}/v1/insights?days=1", headers=lead, timeout=30)
    assert response.status_code == 200, response.text
    body = response.json()
    rules = [(r["rule_id"], r["fired"], r["applied"], r["dismissed"], r["muted"]) for r in body["rules"]]
    [today] = body["days"]
    return rules, [today["analyzed"], today["warnings"], today["fired"]]


def test_both_workers_counts_add_up_exactly(tmp_path: Path) -> None:
    env = _env(tmp_path / "home", REPLYCOACH_INSIGHTS_FLUSH_SECONDS="0.2")
    with serve_process(env, tmp_path / "serve.log", workers=2) as (url, proc):
        agent, lead = _key(env, "agent"), _key(env, "lead")
        first, second = _workers(proc.pid)
        # Each worker alone in turn: whatever it counts can only reach the database through its own writes.
        with _stopped(second):
            _analyze(url, agent, COLD, 7)
            _send(url, agent, ("dismissive.calm-down", "applied"), ("blame.have-to-wait", "dismissed"))
            # Asked for the summary, the first worker writes what it holds now: with nothing left to write,
            # its writer thread cannot be frozen below inside a write, holding SQLite's lock while the other
            # worker waits for it (a 503 `busy` after 10 s, seen once in CI).
            _summary(url, lead)
        with _stopped(first):
            _analyze(url, agent, COLD, 5)
            _analyze(url, agent, MILD, 4)
            _send(url, agent, ("blame.have-to-wait", "muted"), ("blame.have-to-wait", "dismissed"))
            _send(url, agent, ("dismissive.calm-down", "applied"), ("sympathy.sorry-to-hear", "dismissed"))
        # Both at once, from four clients.
        _analyze(url, agent, COLD, 20)
        expected = (
            [
                ("blame.have-to-wait", 32, 0, 2, 1),
                ("dismissive.calm-down", 32, 2, 0, 0),
                ("sympathy.sorry-to-hear", 4, 0, 1, 0),
            ],
            [36, 32, 68],
        )
        _until(lambda: _summary(url, lead), expected)
        # Asked again, and of either worker: the same, nothing counted twice.
        for _ in range(6):
            assert _summary(url, lead) == expected


def test_a_worker_writes_what_it_holds_when_it_exits(tmp_path: Path) -> None:
    # Timed writes an hour apart: only the exit can write these counts.
    env = _env(tmp_path / "home", REPLYCOACH_INSIGHTS_FLUSH_SECONDS="3600")
    with serve(env, tmp_path / "first.log", workers=2) as url:
        agent = _key(env, "agent")
        _analyze(url, agent, COLD, 9)
        _send(url, agent, ("dismissive.calm-down", "muted"))
    database = tmp_path / "home" / "replycoach.db"
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT analyzed, warnings FROM insight_days").fetchall() == [(9, 9)]
        assert conn.execute(
            "SELECT rule_id, fired, muted FROM insight_rules ORDER BY rule_id"
        ).fetchall() == [
            ("blame.have-to-wait", 9, 0),
            ("dismissive.calm-down", 9, 1),
        ]
    log = (tmp_path / "first.log").read_text(encoding="utf-8")
    assert "insights_write_failed" not in log


def test_insights_off_writes_nothing(tmp_path: Path) -> None:
    env = _env(tmp_path / "home", REPLYCOACH_INSIGHTS="off", REPLYCOACH_INSIGHTS_FLUSH_SECONDS="0.2")
    with serve(env, tmp_path / "serve.log", workers=2) as url:
        agent, lead = _key(env, "agent"), _key(env, "lead")
        _analyze(url, agent, COLD, 6)
        body = {"events": [{"rule_id": "dismissive.calm-down", "action": "applied"}]}
        response = requests.post(f"{url}/v1/events", json=body, headers=agent, timeout=30)
        assert (response.status_code, response.json()) == (202, {"accepted": 1, "counted": False})
        time.sleep(1)
        assert _summary(url, lead) == ([], [0, 0, 0])
    with sqlite3.connect(tmp_path / "home" / "replycoach.db") as conn:
        assert conn.execute("SELECT count(*) FROM insight_days").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM insight_rules").fetchone() == (0,)


# Words of drafts and customer messages that appear nowhere in the bank, the keys' names or the service's own
# text: if any reaches the database, it came from a draft.
SECRET_WORDS = ["Quillfeather", "Zorbinsky", "marmalade-7731", "Oxbridgeton", "Vexillum", "hushpuppy42"]
DRAFTS = [
    {"text": "Calm down, Quillfeather. You'll have to wait 24 hours for marmalade-7731."},
    {"text": "I'm sorry to hear that, Zorbinsky.", "customer_message": "Vexillum broke AGAIN!!! Ridiculous."},
    {
        "text": "Have a great day, Oxbridgeton!",
        "customer_message": "My hushpuppy42 order is lost, third time!",
    },
]


def test_no_text_of_a_draft_reaches_the_database(tmp_path: Path) -> None:
    env = _env(tmp_path / "home", REPLYCOACH_INSIGHTS_FLUSH_SECONDS="0.2")
    with serve(env, tmp_path / "serve.log", workers=2) as url:
        agent, lead = _key(env, "agent"), _key(env, "lead")
        fired, warned = [], 0
        for draft in DRAFTS:
            response = requests.post(f"{url}/v1/analyze", json=draft, headers=agent, timeout=30)
            assert response.status_code == 200
            fired += [flag["rule_id"] for flag in response.json()["flags"]]
            warned += any(flag["severity"] == "warning" for flag in response.json()["flags"])
        batch = requests.post(f"{url}/v1/analyze/batch", json={"drafts": DRAFTS}, headers=agent, timeout=30)
        assert batch.status_code == 200
        rewrite = {"text": DRAFTS[0]["text"], "apply": "all"}
        assert requests.post(f"{url}/v1/rewrite", json=rewrite, headers=agent, timeout=30).status_code == 200
        _send(url, agent, *((rule, "applied") for rule in fired))
        _until(lambda: _summary(url, lead)[1], [6, 2 * warned, 2 * len(fired)])
        assert sorted(rule for rule, *_ in _summary(url, lead)[0]) == sorted(set(fired))
        assert (fired, warned) == (
            [
                "dismissive.calm-down",
                "blame.have-to-wait",
                "sympathy.sorry-to-hear",
                "toxic-positivity.have-a-great-day",
            ],
            2,
        )
    database = tmp_path / "home" / "replycoach.db"
    found = []
    with sqlite3.connect(database) as conn:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        assert {"insight_days", "insight_rules", "api_keys", "bank_entries"} <= set(tables)
        for table in tables:
            columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for column, value in zip(columns, row, strict=True):
                    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
                    found += [(table, column, word) for word in SECRET_WORDS if word.lower() in text.lower()]
    assert found == []
    # And not in the file's bytes either (free pages, journals included).
    for path in tmp_path.glob("home/replycoach.db*"):
        content = path.read_bytes().lower()
        assert [word for word in SECRET_WORDS if word.lower().encode() in content] == [], path

"""kill -9 where it hurts: a worker of a real `replycoach serve` under load, and `replycoach bank import` in
the middle of its work. The service goes on answering; the bank is never half-written."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
import requests
import yaml
from replycoach.bank.files import curated_bank_dir
from serving import SCRIPT, serve_process


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SCRIPT, *args], env=env, capture_output=True, text=True, check=False, timeout=120)


def _workers(pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "REPLYCOACH_HOME": str(tmp_path / "home"),
        "REPLYCOACH_RATE_LIMIT": "1000000 per minute",
    }


def test_a_worker_killed_under_load_is_replaced_and_no_caller_gets_a_500(
    env: dict[str, str], tmp_path: Path
) -> None:
    with serve_process(env, tmp_path / "serve.log") as (url, server):
        key = _cli(env, "keys", "create", "--role", "agent", "--name", "load").stdout.strip()
        headers = {"Authorization": f"Bearer {key}"}
        stop = threading.Event()
        statuses: list[int] = []
        broken = []

        def load() -> None:
            session = requests.Session()
            while not stop.is_set():
                try:
                    sent = session.post(
                        f"{url}/v1/analyze", json={"text": "Calm down. " * 200}, headers=headers, timeout=30
                    )
                    statuses.append(sent.status_code)
                except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError):
                    # The request the killed worker held has no answer at all, or the answer stops part-way
                    # (killed while sending it): that is what kill -9 does.
                    broken.append(1)
                    session = requests.Session()

        threads = [threading.Thread(target=load) for _ in range(3)]
        for thread in threads:
            thread.start()
        try:
            time.sleep(1)
            before = _workers(server.pid)
            os.kill(before[0], signal.SIGKILL)
            deadline = time.monotonic() + 30
            while set(_workers(server.pid)) & {before[0]} or len(_workers(server.pid)) < 2:
                assert time.monotonic() < deadline, "the killed worker was not replaced"
                time.sleep(0.2)
            served_before = len(statuses)
            time.sleep(2)
        finally:
            stop.set()
            for thread in threads:
                thread.join()
        assert set(statuses) == {200}
        assert len(statuses) > served_before, "the service stopped answering after the kill"
        assert len(broken) <= 3
        assert requests.get(f"{url}/health", timeout=10).json()["status"] == "ok"


def _bank_state(env: dict[str, str], folder: Path) -> list[str]:
    """The bank in the database, exported: every entry's id and message, in order."""
    if folder.exists():
        shutil.rmtree(folder)
    exported = _cli(env, "bank", "export", str(folder))
    assert exported.returncode == 0, exported.stderr
    entries = []
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        entries += [f"{e['id']}: {e['message']}" for e in data.get("entries", [])]
    return sorted(entries)


@pytest.mark.parametrize("after", [1.0, 3.0, 3.5, 4.0, 4.5])
def test_an_import_killed_at_any_moment_leaves_the_old_bank_or_the_new_one(
    env: dict[str, str], tmp_path: Path, after: float
) -> None:
    old = _bank_state(env, tmp_path / "old")  # the first use seeds the database with the curated bank
    changed = tmp_path / "changed"
    shutil.copytree(curated_bank_dir(), changed)
    for path in changed.glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('message: "', 'message: "(new) '), encoding="utf-8")
    importing = subprocess.Popen([SCRIPT, "bank", "import", str(changed)], env=env)
    time.sleep(after)
    importing.send_signal(signal.SIGKILL)
    importing.wait()
    now = _bank_state(env, tmp_path / "now")
    new = sorted(line.replace(": ", ": (new) ", 1) for line in old)
    assert now in (old, new), json.dumps(sorted(set(now) - set(old)))[:500]

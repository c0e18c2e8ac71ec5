"""Starting `replycoach serve` as a real process for tests: a free port, a wait for /health, a clean stop."""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import requests
from ports import free_port

__all__ = ["SCRIPT", "create_key", "free_port", "serve", "serve_process"]

# The console script installed beside the interpreter running the tests (a venv's bin/ need not be on PATH).
SCRIPT = str(Path(sys.executable).parent / "replycoach")


def create_key(env: dict[str, str], role: str, name: str) -> str:
    """A new API key of `role`, made with the CLI for the service running in `env`."""
    created = subprocess.run(
        [SCRIPT, "keys", "create", "--role", role, "--name", name],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return created.stdout.strip()


@contextlib.contextmanager
def serve_process(
    env: dict[str, str], log_path: Path, workers: int = 2, extra: tuple[str, ...] = ()
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Run `replycoach serve` with `env` (and `extra` options), logging to `log_path`; yields its base URL
    and its process once /health answers."""
    port = free_port()
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [SCRIPT, "serve", "--port", str(port), "--workers", str(workers), *extra],
            env=env,
            stdout=log,
            stderr=log,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                assert proc.poll() is None, log_path.read_text()
                try:
                    requests.get(f"{url}/health", timeout=1).raise_for_status()
                    break
                except requests.ConnectionError:
                    assert time.monotonic() < deadline, "replycoach serve did not answer within 60 s"
                    time.sleep(0.2)
            # The answer was this process's: gunicorn names the port and its own pid once it listens.
            listening = f"Listening at: {url} ({proc.pid})"
            assert listening in log_path.read_text(), f"another server answered on port {port}"
            yield url, proc
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)


@contextlib.contextmanager
def serve(
    env: dict[str, str], log_path: Path, workers: int = 2, extra: tuple[str, ...] = ()
) -> Iterator[str]:
    """Run `replycoach serve` with `env` (and `extra` options), logging to `log_path`; yields its base URL
    once /health answers."""
    with serve_process(env, log_path, workers, extra) as (url, _):
        yield url

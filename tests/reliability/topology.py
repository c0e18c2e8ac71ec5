"""The production topology of deploy/, started for real in a temporary folder: Debian's nginx with the
repository's site config (its ports filled in), Redis without persistence, and `replycoach serve` instances
in their own process groups (so that one can be killed whole, master and workers).

Missing nginx or redis-server fails the tests with what to install; they are never skipped.
"""

from __future__ import annotations

import contextlib
import grp
import importlib.util
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from serving import SCRIPT, free_port

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "deploy" / "nginx" / "replycoach.conf"
NGINX = "/usr/sbin/nginx"
REDIS = "redis-server"
REDIS_CLIENT = "redis>=5,<8"  # the instances keep their counts in Redis through it
# The site's placeholders (documented at its top), each replaced exactly once.
LISTEN = "\n    listen 80;"
UPSTREAMS = ("server 127.0.0.1:8001 ", "server 127.0.0.1:8002 ")
MAIN_CONFIG = """daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log stderr warn;
{user}
events {{ worker_connections 1024; }}
http {{
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/replycoach.conf;
}}
"""


def require(program: str, package: str) -> str:
    """The path of `program`, or a failed test saying which Debian package installs it."""
    found = (
        shutil.which(program) if "/" not in program else (program if os.access(program, os.X_OK) else None)
    )
    if not found:
        pytest.fail(
            f"{program} is missing: install it with `apt-get install -y {package}` (scripts/test does).",
            pytrace=False,
        )
    return found


def wait_for(
    what: str, ready: Callable[[], bool], proc: subprocess.Popen[bytes], log: Path, seconds: float = 60
) -> None:
    """Poll `ready()` until it is true; fail with the log if the process exits or the deadline passes."""
    deadline = time.monotonic() + seconds
    while not ready():
        if proc.poll() is not None:
            pytest.fail(
                f"{what} exited ({proc.returncode}):\n{log.read_text(errors='replace')}", pytrace=False
            )
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not start within {seconds:.0f} s:\n{log.read_text(errors='replace')}")
        time.sleep(0.1)


def _stop(proc: subprocess.Popen[bytes], group: bool = False) -> None:
    """SIGTERM (to the process group when `group`), then SIGKILL after 20 s."""
    if proc.poll() is not None:
        return
    send = (lambda sig: os.killpg(proc.pid, sig)) if group else proc.send_signal
    with contextlib.suppress(ProcessLookupError):
        send(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            send(signal.SIGKILL)
        proc.wait(timeout=20)


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


@contextlib.contextmanager
def redis_server(tmp: Path) -> Iterator[str]:
    """A Redis on a free loopback port, nothing saved to disk; yields its URL."""
    program = require(REDIS, "redis-server")
    if importlib.util.find_spec("redis") is None:
        pytest.fail(
            f"the Redis client is not installed: run `pip install '{REDIS_CLIENT}'` in the tests' venv "
            "(scripts/test installs .[test], which has it).",
            pytrace=False,
        )
    port, log = free_port(), tmp / "redis.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [program, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            + ["--dir", str(tmp), "--daemonize", "no"],
            stdout=out,
            stderr=out,
        )
    try:
        wait_for("redis-server", lambda: _accepts(port), proc, log)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        _stop(proc)


def site_config(listen: int, upstreams: tuple[int, int]) -> str:
    """The repository's site config with its placeholders replaced by test ports."""
    text = SITE.read_text(encoding="utf-8")
    for placeholder, value in [(LISTEN, f"\n    listen 127.0.0.1:{listen};")] + [
        (old, f"server 127.0.0.1:{port} ") for old, port in zip(UPSTREAMS, upstreams, strict=True)
    ]:
        assert text.count(placeholder) == 1, (
            f"{SITE} should hold {placeholder!r} once (its documented placeholder)"
        )
        text = text.replace(placeholder, value)
    return text


@contextlib.contextmanager
def nginx(upstreams: tuple[int, int]) -> Iterator[tuple[int, Path]]:
    """nginx in the foreground with its own prefix in a temporary folder; yields its port and its folder."""
    program = require(NGINX, "nginx")
    # Not under pytest's basetemp: as root that is private to root, and nginx's workers run as `nobody`.
    tmp = Path(tempfile.mkdtemp(prefix="replycoach-nginx-"))
    proc = None
    try:
        user = ""
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            user = f"user nobody {grp.getgrgid(nobody.pw_gid).gr_name};"
            os.chown(tmp, nobody.pw_uid, nobody.pw_gid)
        port, log = free_port(), tmp / "nginx.log"
        (tmp / "replycoach.conf").write_text(site_config(port, upstreams), encoding="utf-8")
        (tmp / "nginx.conf").write_text(MAIN_CONFIG.format(tmp=tmp, user=user), encoding="utf-8")
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [program, "-p", str(tmp), "-c", str(tmp / "nginx.conf")], stdout=out, stderr=out
            )
        wait_for("nginx", lambda: _accepts(port), proc, log)
        yield port, tmp
    finally:
        if proc is not None:
            _stop(proc)
        shutil.rmtree(tmp, ignore_errors=True)


@dataclass
class Instance:
    """One `replycoach serve` process group on a fixed port, startable again after it was killed."""

    env: dict[str, str]
    log: Path
    port: int
    extra: tuple[str, ...] = ()  # more `serve` options
    workers: int = 2
    proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start it and wait until /health answers."""
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                [SCRIPT, "serve", "--port", str(self.port), "--workers", str(self.workers), *self.extra],
                env=self.env,
                stdout=out,
                stderr=out,
                start_new_session=True,
            )
        url = f"http://127.0.0.1:{self.port}/health"

        def healthy() -> bool:
            try:
                return requests.get(url, timeout=1).status_code == 200
            except requests.ConnectionError:
                return False

        wait_for(f"replycoach serve on {self.port}", healthy, self.proc, self.log)

    def kill(self) -> None:
        """SIGKILL the master and its workers at once, as a crashed host would lose them."""
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=20)

    def stop(self) -> None:
        """SIGTERM the master and its workers, SIGKILL them if they are still there after 20 s."""
        if self.proc is not None:
            _stop(self.proc, group=True)

    def requests_served(self) -> int:
        """How many requests its access log holds so far."""
        return self.log.read_text(errors="replace").count('"event": "request"')

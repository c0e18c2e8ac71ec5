"""`replycoach serve` behind a proxy: X-Forwarded-For counts only from the proxies --forwarded-allow-ips
names, and listening beyond loopback without naming one prints one warning line."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import BASIC_BANK
from serving import SCRIPT, free_port

from .clients import call
from .topology import Instance

WARNING = (
    "replycoach: warning: listening on 0.0.0.0 with no proxy in front (--forwarded-allow-ips not set): "
    "each slow client holds one of the few workers, so a handful can stall the service; put a buffering "
    'proxy such as nginx in front, see "Running in production" in the README'
)
WRONG = {"Authorization": "Bearer rc_wrong"}
VOCABULARY = "/v1/phrasebank/vocabulary"


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "REPLYCOACH_FORWARDED_ALLOW_IPS"}
    return env | {
        "REPLYCOACH_HOME": str(tmp / "home"),
        "REPLYCOACH_BANK_DIR": str(BASIC_BANK),
        "REPLYCOACH_AUTH_FAILURE_LIMIT": "3 per minute",
    }


def _stderr_lines(
    tmp: Path, host: str, extra: tuple[str, ...] = (), env: dict[str, str] | None = None
) -> list[str]:
    instance = Instance(env or _env(tmp), tmp / "serve.log", free_port(), ("--host", host, *extra))
    try:
        instance.start()
    finally:
        instance.stop()
    return instance.log.read_text().splitlines()


def test_listening_on_every_interface_without_a_proxy_prints_one_warning(tmp_path: Path) -> None:
    lines = _stderr_lines(tmp_path, "0.0.0.0")
    assert [line for line in lines if "warning" in line.lower()] == [WARNING]
    serving = lines.index(next(line for line in lines if line.startswith("replycoach: serving on")))
    assert lines[serving + 1] == WARNING


@pytest.mark.parametrize(
    ("host", "extra", "variable"),
    [
        ("0.0.0.0", ("--forwarded-allow-ips", "127.0.0.1"), None),
        ("0.0.0.0", (), "127.0.0.1,::1"),
        ("127.0.0.1", (), None),
    ],
    ids=["option", "variable", "loopback"],
)
def test_no_warning_behind_a_named_proxy_or_on_loopback(
    tmp_path: Path, host: str, extra: tuple[str, ...], variable: str | None
) -> None:
    env = _env(tmp_path) | ({"REPLYCOACH_FORWARDED_ALLOW_IPS": variable} if variable else {})
    lines = _stderr_lines(tmp_path, host, extra, env)
    assert any(line.startswith(f"replycoach: serving on http://{host}:") for line in lines), lines
    assert [line for line in lines if "warning" in line.lower()] == []


def test_a_proxy_list_that_is_not_addresses_stops_serve(tmp_path: Path) -> None:
    done = subprocess.run(
        [SCRIPT, "serve", "--forwarded-allow-ips", "127.0.0.1,nginx"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--forwarded-allow-ips': 'nginx' is not an IP address or network"
    )


@pytest.fixture
def behind_proxy(tmp_path: Path) -> Iterator[int]:
    """One worker (its counts in memory are exact) trusting 127.0.0.1 as its proxy; yields its port."""
    instance = Instance(
        _env(tmp_path), tmp_path / "serve.log", free_port(), ("--forwarded-allow-ips", "127.0.0.1"), 1
    )
    try:
        instance.start()
        yield instance.port
    finally:
        instance.stop()


def test_an_untrusted_peer_cannot_pick_its_address_with_x_forwarded_for(behind_proxy: int) -> None:
    for n in range(3):
        forged = WRONG | {"X-Forwarded-For": f"10.1.0.{n}", "X-Forwarded-Proto": "https"}
        assert call(behind_proxy, "GET", VOCABULARY, "127.0.0.2", forged).status == 401
    blocked = call(behind_proxy, "GET", VOCABULARY, "127.0.0.2", WRONG | {"X-Forwarded-For": "10.1.0.9"})
    assert (blocked.status, blocked.error_code()) == (429, "too_many_failures")


def test_the_trusted_proxy_passes_on_each_clients_address(behind_proxy: int) -> None:
    for _ in range(3):
        assert (
            call(behind_proxy, "GET", VOCABULARY, "127.0.0.1", WRONG | {"X-Forwarded-For": "10.2.0.1"}).status
            == 401
        )
    blocked = call(behind_proxy, "GET", VOCABULARY, "127.0.0.1", WRONG | {"X-Forwarded-For": "10.2.0.1"})
    assert (blocked.status, blocked.error_code()) == (429, "too_many_failures")
    # Another client behind the same proxy, and the proxy's own calls, are not blocked.
    other = call(behind_proxy, "GET", VOCABULARY, "127.0.0.1", WRONG | {"X-Forwarded-For": "10.2.0.2"})
    assert (other.status, other.error_code()) == (401, "unauthorized")
    assert call(behind_proxy, "GET", VOCABULARY, "127.0.0.1", WRONG).status == 401

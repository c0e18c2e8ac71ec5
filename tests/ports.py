"""Free TCP ports for the servers tests start (the service, PostgreSQL, Redis, nginx, Firefox's Marionette).

A port is chosen, its probe socket closed, and only then does the server bind it. Two things can take the port
in that gap: the other test process when the suite runs in several (pytest-xdist), and the kernel, which hands
ports of the ephemeral range to outgoing connections (every request a test sends). So ports come from below
the ephemeral range, each test process from its own slice of it, in turn; a port still in use is skipped.
"""

from __future__ import annotations

import itertools
import os
import socket
from collections.abc import Iterator
from pathlib import Path

LOWEST = 10_000  # well above the ports services register by default (PostgreSQL 5432, Redis 6379, 8000s)
EPHEMERAL = Path("/proc/sys/net/ipv4/ip_local_port_range")


def _ephemeral_start() -> int:
    """The first port of the kernel's ephemeral range (Linux's default when the range cannot be read)."""
    try:
        return int(EPHEMERAL.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def _slice() -> range:
    """The ports this test process may use: one slice per xdist worker ("gw0", "gw1", …), the whole span
    when the suite runs in one process."""
    span = range(LOWEST, _ephemeral_start())
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    size = len(span) // max(workers, 1)
    return range(span.start + worker * size, span.start + (worker + 1) * size)


def _candidates() -> Iterator[int]:
    ports = _slice()
    if len(ports) < 100:  # an unusual ephemeral range: leave the choice to the kernel
        return iter(())
    # Start at a place that differs between runs, then go round: a port just released is not reused soon.
    start = os.getpid() % len(ports)
    return itertools.cycle([*ports[start:], *ports[:start]])


_NEXT = _candidates()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now, from this test process's own slice."""
    for port in itertools.islice(_NEXT, 1000):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        chosen: int = probe.getsockname()[1]
        return chosen

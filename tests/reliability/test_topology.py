"""The production topology of deploy/, for real: nginx in front of two `replycoach serve` instances, one
PostgreSQL and one Redis. Slow clients do not reach the instances, a killed instance loses no acknowledged
write and nginx goes to the other, and the limits count across both instances, per key and per real client
address (the instances take it from nginx's X-Forwarded-For).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from conftest import BASIC_BANK, make_entry
from serving import create_key, free_port
from web.postgres import cluster, create_database

from .clients import SlowClients, call
from .topology import Instance, nginx, redis_server

RATE = 100  # requests per minute per key
FAILURES = 6  # wrong keys per minute per client address
VOCABULARY = "/v1/phrasebank/vocabulary"
# Each test calls from loopback addresses of its own: a blocked address stays blocked for a minute.
ATTACKER, PROBE = "127.0.0.9", "127.0.0.1"
BUSY = "127.0.0.2"
GUESSER, NEIGHBOUR = "127.0.0.3", "127.0.0.4"
WRITER = "127.0.0.5"
UPLOADER = "127.0.0.6"


@dataclass(frozen=True)
class Topology:
    port: int  # nginx's
    instances: tuple[Instance, Instance]
    env: dict[str, str]

    def key(self, role: str, name: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {create_key(self.env, role, name)}"}


@pytest.fixture(scope="module")
def topology(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Topology]:
    tmp = tmp_path_factory.mktemp("topology")
    with cluster() as server_url, redis_server(tmp) as redis_url:
        database = create_database(server_url, "topology")

        def env(name: str) -> dict[str, str]:
            return {
                **os.environ,
                "REPLYCOACH_HOME": str(tmp / f"home-{name}"),
                "REPLYCOACH_DATABASE_URL": database,
                "REPLYCOACH_REDIS_URL": redis_url,
                "REPLYCOACH_FORWARDED_ALLOW_IPS": "127.0.0.1",
                "REPLYCOACH_BANK_DIR": str(BASIC_BANK),
                "REPLYCOACH_RATE_LIMIT": f"{RATE} per minute",
                "REPLYCOACH_AUTH_FAILURE_LIMIT": f"{FAILURES} per minute",
            }

        a = Instance(env("a"), tmp / "a.log", free_port())
        b = Instance(env("b"), tmp / "b.log", free_port())
        try:
            a.start()  # first alone: it creates the tables
            b.start()
            with nginx((a.port, b.port)) as (port, _):
                yield Topology(port, (a, b), env("a"))
        finally:
            b.stop()
            a.stop()


def _both_in_rotation(topology: Topology) -> None:
    """Wait until nginx sends calls to both instances again (after an instance was out)."""
    deadline = time.monotonic() + 20
    before = [i.requests_served() for i in topology.instances]
    while not all(i.requests_served() > n for i, n in zip(topology.instances, before, strict=True)):
        assert call(topology.port, "GET", "/health").status == 200
        assert time.monotonic() < deadline, "nginx did not send calls to both instances within 20 s"
        time.sleep(0.1)


def test_slow_clients_do_not_delay_other_calls(topology: Topology) -> None:
    agent = topology.key("agent", "probe")
    latencies: list[tuple[str, float, int | str]] = []
    with (
        SlowClients(topology.port, ATTACKER, 50, body=False) as headers,
        SlowClients(topology.port, ATTACKER, 20, body=True) as bodies,
    ):
        end = time.monotonic() + 30
        while time.monotonic() < end:
            for method, path, body in (
                ("POST", "/v1/analyze", {"text": "Calm down."}),
                ("GET", "/health", None),
            ):
                started = time.monotonic()
                try:
                    status: int | str = call(topology.port, method, path, PROBE, agent, body).status
                except OSError as err:
                    status = type(err).__name__
                latencies.append((f"{method} {path}", time.monotonic() - started, status))
            time.sleep(0.5)  # pacing: about 60 analyses, under the key's rate
        held_headers, held_bodies = min(headers.sent), min(bodies.sent)
    bad = [
        f"{call_} {seconds:.2f} s -> {status}"
        for call_, seconds, status in latencies
        if seconds > 1 or status != 200
    ]
    assert not bad, f"{len(bad)} of {len(latencies)} calls were slow or failed:\n" + "\n".join(bad)
    assert len(latencies) >= 60
    # The attack was on: every slow connection kept sending for most of the 30 s.
    assert held_headers >= 10 and held_bodies >= 10, (held_headers, held_bodies)


def test_rate_limits_count_each_key_across_both_instances(topology: Topology) -> None:
    _both_in_rotation(topology)
    busy, other = topology.key("agent", "busy"), topology.key("agent", "other")
    served = [i.requests_served() for i in topology.instances]
    statuses = [call(topology.port, "GET", VOCABULARY, BUSY, busy).status for _ in range(RATE)]
    assert statuses == [200] * RATE
    # Both instances answered some: one instance alone would have allowed all RATE of them too.
    assert all(i.requests_served() > n for i, n in zip(topology.instances, served, strict=True))
    over = call(topology.port, "GET", VOCABULARY, BUSY, busy)
    assert (over.status, over.error_code()) == (429, "rate_limited")
    # Counted per key: another key from the same address goes on.
    assert call(topology.port, "GET", VOCABULARY, BUSY, other).status == 200


def test_wrong_keys_are_counted_per_real_client_address_across_both_instances(topology: Topology) -> None:
    _both_in_rotation(topology)
    wrong = {"Authorization": "Bearer rc_wrong"}
    served = [i.requests_served() for i in topology.instances]
    first = [call(topology.port, "GET", VOCABULARY, GUESSER, wrong).status for _ in range(FAILURES)]
    assert first == [401] * FAILURES
    assert all(i.requests_served() > n for i, n in zip(topology.instances, served, strict=True))
    blocked = call(topology.port, "GET", VOCABULARY, GUESSER, wrong)
    assert (blocked.status, blocked.error_code()) == (429, "too_many_failures")
    # A forged X-Forwarded-For does not help: nginx appends the address it sees, and that one counts.
    forged = call(topology.port, "GET", VOCABULARY, GUESSER, wrong | {"X-Forwarded-For": "10.0.0.1"})
    assert (forged.status, forged.error_code()) == (429, "too_many_failures")
    # Another client address (nginx itself is 127.0.0.1 to both instances) is not blocked.
    other = call(topology.port, "GET", VOCABULARY, NEIGHBOUR, wrong)
    assert (other.status, other.error_code()) == (401, "unauthorized")
    agent = topology.key("agent", "after")
    assert call(topology.port, "GET", VOCABULARY, NEIGHBOUR, agent).status == 200


def _entry(i: int) -> dict[str, object]:
    word = f"plugh{i:03d}"
    flags = [{"text": f"Well {word} then.", "flagged": word}, {"text": f"{word} again.", "flagged": word}]
    return make_entry(
        id=f"dismissive.probe-{i:03d}",
        patterns=[word],
        examples={"flag": flags, "pass": ["Nothing.", "None."]},
    )


def test_a_killed_instance_loses_no_acknowledged_write_and_nginx_goes_to_the_other(
    topology: Topology,
) -> None:
    _both_in_rotation(topology)
    lead = topology.key("lead", "writer")
    acknowledged: list[str] = []
    unanswered: list[tuple[int, int, object]] = []
    wrote = threading.Event()

    def write(start: int, count: int) -> None:
        for i in range(start, start + count):
            answer = call(
                topology.port, "POST", "/v1/phrasebank/entries", WRITER, lead, _entry(i), timeout=30
            )
            if answer.status == 201:
                acknowledged.append(answer.body["id"])
            else:
                unanswered.append((i, answer.status, answer.error_code()))
            if len(acknowledged) >= 5:
                wrote.set()

    victim = topology.instances[0]
    writer = threading.Thread(target=write, args=(0, 30))
    writer.start()
    try:
        assert wrote.wait(30), f"no writes went through: {unanswered}"
        victim.kill()
        at_kill = len(acknowledged) + len(unanswered)
    finally:
        writer.join()
    try:
        assert at_kill < 30, "the writer was done before the instance was killed"
        after = len(acknowledged)
        write(100, 10)
        # Every write after the kill went through: nginx sends calls to the instance that is left.
        assert len(acknowledged) == after + 10, unanswered
        # Only the write in flight when its instance died can go unanswered: nginx does not send a POST
        # twice, and answers 502, which the site config turns into a JSON 503 `unavailable`.
        assert len(unanswered) <= 1 and all(u[1:] == (503, "unavailable") for u in unanswered), unanswered
        listed = call(topology.port, "GET", "/v1/phrasebank/entries", WRITER, lead)
        assert listed.status == 200
        present = {entry["id"] for entry in listed.body["entries"]}
        assert set(acknowledged) <= present, sorted(set(acknowledged) - present)
    finally:
        victim.start()


def test_nginx_refuses_a_body_over_the_services_limit_in_its_error_shape(topology: Topology) -> None:
    agent = topology.key("agent", "big")
    answer = call(topology.port, "POST", "/v1/analyze", UPLOADER, agent, {"text": "x" * (8 * 1024 * 1024)})
    assert (answer.status, answer.error_code()) == (413, "body_too_large")

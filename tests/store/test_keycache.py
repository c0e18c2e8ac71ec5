"""Live keys remembered briefly: reused within the time, read again after it, wrong keys never remembered,
and never more than the size."""

from __future__ import annotations

from replycoach.store.keycache import RecentLookups


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_found_value_is_reused_within_the_time_and_read_again_after_it() -> None:
    clock = Clock()
    recent: RecentLookups[str] = RecentLookups(0.5, clock=clock)
    database = {"a": "key a"}
    reads: list[str] = []

    def lookup(digest: str) -> str | None:
        reads.append(digest)
        return database.get(digest)

    assert recent.get("a", lambda: lookup("a")) == "key a"
    del database["a"]  # revoked by another process
    clock.now += 0.4
    assert recent.get("a", lambda: lookup("a")) == "key a"
    clock.now += 0.2
    assert recent.get("a", lambda: lookup("a")) is None
    assert recent.get("b", lambda: lookup("b")) is None
    assert recent.get("b", lambda: lookup("b")) is None
    assert reads == ["a", "a", "b", "b"]


def test_clear_forgets_at_once_and_the_size_is_bounded() -> None:
    clock = Clock()
    recent: RecentLookups[int] = RecentLookups(60, size=3, clock=clock)
    for i in range(5):
        recent.get(str(i), lambda i=i: i)
    assert list(recent._found) == ["2", "3", "4"]
    recent.clear()
    assert recent.get("4", lambda: None) is None

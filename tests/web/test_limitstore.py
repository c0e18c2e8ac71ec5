"""The rate limits' memory store: counters expire with their window, and old ones are swept without a
timer thread per few requests."""

from __future__ import annotations

import threading
import time

import pytest
from limits import RateLimitItemPerSecond
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter
from replycoach.web import limitstore
from replycoach.web.limitstore import SweptMemoryStorage


def test_the_service_scheme_gives_the_swept_store() -> None:
    assert isinstance(storage_from_string(f"{limitstore.SCHEME}://"), SweptMemoryStorage)


def test_a_window_limits_then_resets() -> None:
    limiter = FixedWindowRateLimiter(SweptMemoryStorage())
    two_a_second = RateLimitItemPerSecond(2)
    assert [limiter.hit(two_a_second, "key:1") for _ in range(3)] == [True, True, False]
    assert limiter.hit(two_a_second, "key:2")
    time.sleep(1.05)
    assert limiter.hit(two_a_second, "key:1")


def test_counters_of_keys_that_stopped_are_swept_and_no_thread_is_started(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    storage = SweptMemoryStorage()
    time.sleep(0.05)  # the one timer MemoryStorage starts when it is made has run
    threads = threading.active_count()
    storage.incr("gone", expiry=0.01)
    for _ in range(500):
        storage.incr("busy", expiry=60)
    assert threading.active_count() == threads
    time.sleep(0.02)
    monkeypatch.setattr(limitstore, "SWEEP_SECONDS", 0.0)
    storage.incr("busy", expiry=60)
    assert set(storage.storage) == {"busy"}
    assert storage.get("busy") == 501

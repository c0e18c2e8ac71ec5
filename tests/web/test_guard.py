"""The wrong-key guard lets calls through, and says so in the log, when its storage is away."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from replycoach.web.guard import FailureGuard


class _Away:
    def test(self, *_: Any) -> bool:
        raise ConnectionError("redis is away")

    def hit(self, *_: Any) -> bool:
        raise ConnectionError("redis is away")


def test_a_guard_whose_storage_is_away_blocks_nobody_and_logs_it(caplog: pytest.LogCaptureFixture) -> None:
    guard = FailureGuard("2 per minute", "memory://")
    guard._limiter = _Away()  # type: ignore[assignment]
    with caplog.at_level(logging.WARNING, logger="replycoach.web"):
        guard.failed("10.0.0.1")
        assert guard.blocked("10.0.0.1") is False
    assert [r.getMessage() for r in caplog.records] == [
        '{"event": "auth_guard_unavailable", "error": "ConnectionError"}'
    ] * 2


def test_a_guard_blocks_an_address_past_its_failures_and_no_other() -> None:
    guard = FailureGuard("2 per minute", "memory://")
    for _ in range(2):
        assert guard.blocked("10.0.0.1") is False
        guard.failed("10.0.0.1")
    assert guard.blocked("10.0.0.1") is True
    assert guard.blocked("10.0.0.2") is False
    assert 1 <= guard.retry_after("10.0.0.1") <= 61

"""A circuit breaker: after a failed call, skip calls for a while instead of waiting on a dead server."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Breaker:
    """Lets calls through until one fails, then none for `cooldown` seconds, then one trial call."""

    def __init__(self, cooldown: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.cooldown = cooldown
        self._clock = clock
        self._lock = threading.Lock()
        self._open_until: float | None = None
        self.last_failure: str | None = None

    def allow(self) -> bool:
        """Whether a call may go out now; after the cooldown, the first caller gets the one trial call."""
        with self._lock:
            if self._open_until is None:
                return True
            now = self._clock()
            if now < self._open_until:
                return False
            # Until the trial call reports back, the others keep skipping rather than pile up behind it.
            self._open_until = now + self.cooldown
            return True

    def retry_in(self) -> float:
        """Seconds until calls are let through again (0 when they are)."""
        with self._lock:
            if self._open_until is None:
                return 0.0
            return max(0.0, self._open_until - self._clock())

    def succeeded(self) -> None:
        """Record a call that worked: calls go through again."""
        with self._lock:
            self._open_until = None
            self.last_failure = None

    def failed(self, reason: str) -> None:
        """Record a call that failed: skip calls for the cooldown."""
        with self._lock:
            self._open_until = self._clock() + self.cooldown
            self.last_failure = reason

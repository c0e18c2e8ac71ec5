"""The rate limits' in-memory counters, swept once a second on the request path rather than by a timer
thread that `limits` restarts every 10 ms under steady traffic (a thread start for every few requests)."""

from __future__ import annotations

import time

from limits.storage import MemoryStorage

SCHEME = "replycoach-memory"
SWEEP_SECONDS = 1.0


class SweptMemoryStorage(MemoryStorage):
    """`limits`' MemoryStorage (per worker process), its expired counters and window entries dropped at
    most once a second, by the request that finds the last sweep older than that.

    A fixed window's counter is read as expired the moment its window ends in any case (MemoryStorage
    checks on each read); the sweep only frees the memory of keys that stopped calling."""

    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: str) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self._swept = time.monotonic()

    def _MemoryStorage__schedule_expiry(self) -> None:  # noqa: N802 (the name MemoryStorage calls)
        now = time.monotonic()
        if now - self._swept >= SWEEP_SECONDS:
            self._swept = now
            # MemoryStorage's own sweep (a private method: tests/web/test_limitstore.py notices a rename).
            getattr(self, "_MemoryStorage__expire_events")()  # noqa: B009

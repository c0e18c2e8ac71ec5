"""Live keys a process has looked up lately, so a request with a key seen moments ago needs no query."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class RecentLookups(Generic[T]):
    """Found values by key digest, each trusted for `seconds` after it was read from the database.

    Only found values are kept (a wrong key is looked up every time, and counted by the wrong-key guard), at
    most `size` of them, the oldest dropped first. A key revoked by another process (the `keys` command,
    another worker) stops working here once its entry is older than `seconds`; `clear` forgets them all at
    once, for a revocation in this process."""

    def __init__(self, seconds: float, size: int = 4096, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.size = size
        self._clock = clock
        self._found: dict[str, tuple[float, T]] = {}
        self._lock = threading.Lock()

    def get(self, digest: str, lookup: Callable[[], T | None]) -> T | None:
        """The value for `digest`: remembered if read less than `seconds` ago, else from `lookup`."""
        now = self._clock()
        held = self._found.get(digest)
        if held is not None and now - held[0] < self.seconds:
            return held[1]
        value = lookup()
        with self._lock:
            self._found.pop(digest, None)
            if value is not None:
                self._found[digest] = (now, value)
                while len(self._found) > self.size:
                    del self._found[next(iter(self._found))]
        return value

    def clear(self) -> None:
        """Forget everything (a key was revoked in this process)."""
        with self._lock:
            self._found.clear()

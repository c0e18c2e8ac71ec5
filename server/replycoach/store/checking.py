"""Checking a candidate bank one at a time, within a time budget.

A check (compiling every pattern, running every example, measuring the analysis time) runs in a thread of its
own while the request's thread waits for it at most `seconds`: a costly change is answered in time, whatever
RE2 does (it releases the GIL while it matches, and nothing can stop it mid-match). The check is told it has
been given up at its next step (between entries, examples and measuring runs) and stops there.

Only one check runs at a time in a process and, through a lock file, in every worker of the instance: a
second change meanwhile waits a second for an ordinary check to end, then is refused as busy instead of
doubling the memory and the workers held (a sync worker waiting for a lock cannot answer /health). A check
given up still holds the lock until it stops, so a change retried at once cannot pile another on top of it.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from replycoach.errors import BankBusyError, CheckStopped

T = TypeVar("T")

log = logging.getLogger("replycoach.store")

# What a busy answer asks the client to wait.
RETRY_AFTER_SECONDS = 2
# How long a check waits for the one under way before it answers busy: long enough for an ordinary check to
# end, short enough that a worker waiting is not held while a costly one runs.
WAIT_SECONDS = 1.0


class Budget:
    """A check's time budget: `step` records what the check does next and stops it once the budget is spent
    or the waiting request gave up."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds
        self._given_up = threading.Event()
        self.progress = "starting the check"

    def step(self, progress: str) -> None:
        """Say what comes next; raises CheckStopped (naming the step it got to) past the budget."""
        if self._given_up.is_set() or time.monotonic() > self._end:
            raise CheckStopped(self.progress)
        self.progress = progress

    def give_up(self) -> None:
        self._given_up.set()


class BankChecks:
    """Runs bank checks one at a time (per process, and per instance through `lock_file`), each within
    `seconds`."""

    def __init__(self, seconds: float, lock_file: Path | None = None, wait: float = WAIT_SECONDS) -> None:
        self.seconds = seconds
        self._lock_file = lock_file
        self._wait = wait
        self._lock = threading.Lock()

    def run(self, check: Callable[[Budget], T]) -> T:
        """Run `check` with a budget; BankBusyError if another check still runs after a short wait,
        CheckStopped (with where it got) if it is not done in time; what `check` raises otherwise."""
        give_up_at = time.monotonic() + self._wait
        if not self._lock.acquire(timeout=self._wait):
            raise BankBusyError(RETRY_AFTER_SECONDS)
        try:
            handle = self._lock_instance(give_up_at)
        except BaseException:
            self._lock.release()
            raise
        budget = Budget(self.seconds)
        outcome: dict[str, Any] = {}
        done = threading.Event()

        def work() -> None:
            try:
                outcome["value"] = check(budget)
            except BaseException as err:  # handed to the waiting thread, which raises it
                outcome["error"] = err
            finally:
                if handle is not None:
                    os.close(handle)  # closing the file releases its lock
                self._lock.release()
                done.set()

        threading.Thread(target=work, name="replycoach-bank-check", daemon=True).start()
        if not done.wait(self.seconds + 1):
            budget.give_up()
            raise CheckStopped(budget.progress)
        if "error" in outcome:
            raise outcome["error"]
        value: T = outcome["value"]
        return value

    def _lock_instance(self, give_up_at: float) -> int | None:
        """Take the instance's lock file by `give_up_at`, or raise BankBusyError (None: no lock file, this
        process only)."""
        if self._lock_file is None:
            return None
        try:
            handle = os.open(self._lock_file, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as err:
            # The lock spares the instance's memory; a file it cannot make must not refuse every change.
            log.warning(json.dumps({"event": "bank_check_lock_unavailable", "detail": err.strerror}))
            return None
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return handle
            except BlockingIOError:
                if time.monotonic() >= give_up_at:
                    os.close(handle)
                    raise BankBusyError(RETRY_AFTER_SECONDS) from None
                time.sleep(0.05)

"""Counting insights in the service without slowing drafts down: each worker adds to a tally in memory and a
thread of its own writes it to the database every INSIGHTS_FLUSH_SECONDS (sooner after FLUSH_EVERY
analyses), and once more when the worker exits. A write that fails (database locked, storage full) is logged
and its counts are kept for the next one: counting never fails an analysis."""

from __future__ import annotations

import atexit
import json
import logging
import os
import threading
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime

from flask import Flask, current_app

from replycoach.engine import Analysis
from replycoach.store.insights import InsightStore, Tally

log = logging.getLogger("replycoach.web")

# A worker busier than this between two timed writes writes early, so its tally stays small.
FLUSH_EVERY = 500


def utc_today() -> date:
    """Today's date in UTC: every worker and instance files counts under the same day."""
    return datetime.now(UTC).date()


class Recorder:
    """One process's insight counts not yet written, and the thread that writes them."""

    def __init__(
        self, store: InsightStore, interval: float, enabled: bool, today: Callable[[], date] = utc_today
    ) -> None:
        self.store = store
        self.interval = interval
        self.enabled = enabled
        self.today = today
        self._tally = Tally()
        self._pending = 0
        self._lock = threading.Lock()  # guards the tally; held for a few additions only
        self._writing = threading.Lock()  # one write at a time (the thread, a report, the exit)
        self._wake = threading.Event()
        self._pid: int | None = None

    def analyses(self, analyses: Iterable[Analysis]) -> None:
        """Count analyzed drafts: the rules their flags came from and whether any flag is a warning."""
        if not self.enabled:
            return
        day = self.today()
        with self._lock:
            for analysis in analyses:
                warning = any(flag.severity == "warning" for flag in analysis.flags)
                self._tally.analysis(day, (flag.entry.id for flag in analysis.flags), warning)
                self._pending += 1
            busy = self._pending >= FLUSH_EVERY
        self._start()
        if busy:
            self._wake.set()

    def events(self, events: Iterable[tuple[str, str]]) -> None:
        """Count agents' actions on flags, as (rule id, action) pairs."""
        if not self.enabled:
            return
        day = self.today()
        with self._lock:
            for rule_id, action in events:
                self._tally.event(day, rule_id, action)
        self._start()

    def flush(self) -> bool:
        """Write the counts gathered so far; on failure, log it and keep them. Returns whether it wrote."""
        with self._writing:
            with self._lock:
                tally, self._tally, self._pending = self._tally, Tally(), 0
            if not tally:
                return True
            try:
                self.store.add(tally)
            except Exception as err:  # noqa: BLE001 - whatever the database says, the counts wait
                with self._lock:
                    tally.merge(self._tally)
                    self._tally = tally
                detail = str(getattr(err, "orig", None) or err).splitlines()[0][:200]
                log.warning(
                    json.dumps(
                        {"event": "insights_write_failed", "error": type(err).__name__, "detail": detail}
                    )
                )
                return False
            return True

    def _start(self) -> None:
        """Start this process's writer thread, once (a forked worker starts its own)."""
        pid = os.getpid()
        if self._pid == pid:
            return
        with self._lock:
            if self._pid == pid:
                return
            self._pid = pid
        threading.Thread(target=self._run, name="replycoach-insights", daemon=True).start()
        # Under another server than `replycoach serve` (whose gunicorn hook flushes), exiting still writes.
        atexit.register(self.flush)

    def _run(self) -> None:
        while True:
            self._wake.wait(self.interval)
            self._wake.clear()
            self.flush()


def init_app(app: Flask) -> None:
    """Keep the process's recorder on the app (counting nothing when INSIGHTS is off)."""
    store = InsightStore(app.extensions["replycoach.db"])
    app.extensions["replycoach.insights"] = Recorder(
        store, app.config["INSIGHTS_FLUSH_SECONDS"], app.config["INSIGHTS"]
    )


def recorder() -> Recorder:
    """The insight recorder of the current app."""
    found: Recorder = current_app.extensions["replycoach.insights"]
    return found

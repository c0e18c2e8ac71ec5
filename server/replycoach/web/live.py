"""The engine the service runs: built from the phrase bank in the database, and rebuilt when it changes."""

from __future__ import annotations

import hashlib
import json
import logging
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from flask import Flask, current_app, g
from sqlalchemy.exc import SQLAlchemyError

from replycoach.bank.files import curated_bank_dir
from replycoach.curated.baseline import settle_baseline
from replycoach.engine import Analysis, Engine
from replycoach.engine.context import read_customer
from replycoach.errors import BankError, BatchTooLargeError, ConfigError, DraftTooLongError
from replycoach.store.bank import BankStore, Shipped, open_store
from replycoach.store.checking import BankChecks
from replycoach.store.records import Snapshot

log = logging.getLogger("replycoach.web")

# How often a worker asks the database whether the bank changed: edits are live within about this long.
POLL_SECONDS = 1.0


class LiveEngine:
    """An engine over the bank in the database, swapped whole for a new one when its revision changes."""

    def __init__(self, store: BankStore, max_chars: int, max_flags: int) -> None:
        self.store = store
        self.max_chars = max_chars
        self.max_flags = max_flags
        self._lock = threading.Lock()
        self._checked = 0.0
        snapshot = store.snapshot()
        self.revision = snapshot.revision
        self.engine = self._build(snapshot)

    def current(self) -> Engine:
        """The newest engine, checking the database at most once per POLL_SECONDS."""
        # One request rebuilds; the others keep serving the engine they have (never a half-built one).
        if time.monotonic() - self._checked >= POLL_SECONDS and self._lock.acquire(blocking=False):
            try:
                self._reload()
            finally:
                self._lock.release()
        return self.engine

    def fresh(self) -> Engine:
        """The engine of the bank in the database now, for a lead reading back what they (or another worker)
        just changed: asks the database, and builds, or waits for the build under way, when it moved on."""
        with self._lock:
            self._reload()
        return self.engine

    def _reload(self) -> None:
        """Swap in an engine of the database's bank if its revision moved on (the caller holds the lock)."""
        self._checked = time.monotonic()
        try:
            if self.store.revision() != self.revision:
                snapshot = self.store.snapshot()
                engine = self._build(snapshot)
                self.engine, self.revision = engine, snapshot.revision
        except SQLAlchemyError as err:
            # Drafts are still answered, with the bank this worker has, until the database answers again.
            log.warning(json.dumps({"event": "bank_reload_failed", "error": type(err).__name__}))

    def expire(self) -> None:
        """Check the database on the next request (this process has just changed the bank)."""
        self._checked = -POLL_SECONDS

    def _build(self, snapshot: Snapshot) -> Engine:
        return Engine(snapshot.bank(), max_chars=self.max_chars, max_flags=self.max_flags)


def init_app(app: Flask) -> None:
    """Seed the database with the bank named by BANK_DIR (default: the curated bank) and serve from it."""
    bank_dir = Path(app.config["BANK_DIR"] or curated_bank_dir())
    try:
        store, shipped = open_store(app.extensions["replycoach.db"], bank_dir)
    except BankError as err:
        raise ConfigError(f"{err}\nRun `replycoach bank lint {bank_dir}` for details.") from err
    if shipped.problems:
        # The database has its bank and serves it; only curated updates need the folder.
        log.warning(
            json.dumps(
                {
                    "event": "bank_folder_broken",
                    "folder": str(bank_dir),
                    "problems": len(shipped.problems),
                    "detail": f"serving the database's bank; run `replycoach bank lint {bank_dir}`",
                }
            )
        )
    else:
        settle_baseline(store, shipped.entries, shipped.revision)
    app.extensions["replycoach.bank"] = store
    store.checks = BankChecks(app.config["BANK_CHECK_SECONDS"], check_lock_file(app.config))
    # The bank folder as shipped: /health and the curated update review compare the database with it.
    app.extensions["replycoach.shipped"] = shipped
    live = LiveEngine(store, app.config["MAX_DRAFT_CHARS"], app.config["MAX_FLAGS"])
    # Reading one customer message now loads what the first analysis would (TextBlob's lexicon, the
    # stemmer, the inflections a claim's verb is compared by), before the workers fork: they share it, and no
    # agent's first draft waits for it.
    bank = live.engine.bank
    read_customer("I have tried everything, I reset it twice!", bank.checks, bank.skip)
    store.on_change = live.expire
    app.extensions["replycoach.engine"] = live
    # Seeding and the first build used pooled connections; `replycoach serve` forks its workers after this,
    # and no worker may inherit one.
    app.extensions["replycoach.db"].dispose()


def check_lock_file(config: Mapping[str, Any]) -> Path:
    """The lock file every worker of this service takes while it checks a changed bank: in its home, or (no
    home folder, a database elsewhere) in the temporary folder, named after the database."""
    if config.get("HOME") and Path(config["HOME"]).is_dir():
        return Path(config["HOME"]) / "bank-check.lock"
    digest = hashlib.sha256(str(config["DATABASE_URL"]).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"replycoach-bank-check-{digest}.lock"


def current_store() -> BankStore:
    """The phrase bank store of the current app."""
    store: BankStore = current_app.extensions["replycoach.bank"]
    return store


def curated_update() -> str | None:
    """The revision of a curated bank newer than the one the database took in, if one is waiting."""
    shipped: Shipped = current_app.extensions["replycoach.shipped"]
    if shipped.problems:
        return None
    return None if current_store().curated_revision() == shipped.revision else shipped.revision


def current_engine(fresh: bool = False) -> Engine:
    """The engine of the current request: the same one for the whole request, even if the bank changes.
    `fresh`: the bank in the database right now (a lead's listing must show the change they just saved, even
    when another worker saved it), instead of the one this worker polled for at most POLL_SECONDS ago."""
    if fresh or "engine" not in g:
        live: LiveEngine = current_app.extensions["replycoach.engine"]
        g.engine = live.fresh() if fresh else live.current()
    engine: Engine = g.engine
    return engine


def analyze_batch(drafts: Sequence[dict[str, Any]]) -> list[Analysis]:
    """Analyze drafts in order; a draft over the limit is named by its place, like `drafts[3].text`, and a
    batch over the characters budget is refused before any work is done."""
    engine = current_engine()
    for index, draft in enumerate(drafts):
        for field in ("text", "customer_message"):
            value = draft[field] or ""
            if len(value) > engine.max_chars:
                raise DraftTooLongError(f"drafts[{index}].{field}", len(value), engine.max_chars)
    total = sum(len(draft["text"]) + len(draft["customer_message"] or "") for draft in drafts)
    budget: int = current_app.config["MAX_BATCH_CHARS"]
    if total > budget:
        raise BatchTooLargeError(total, budget)
    return [engine.analyze(draft["text"], draft["customer_message"]) for draft in drafts]

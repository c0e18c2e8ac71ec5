"""The phrase bank in the database: seeded from the curated files, then edited with history.

Every write is validated as the loader validates a bank folder, before it commits: the database never holds
a bank that would not load.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, and_, delete, func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from replycoach.bank.cost import adds_no_work, compare
from replycoach.bank.files import BankData
from replycoach.bank.loader import bank_data, check_examples, lint_bank_dir
from replycoach.bank.model import Entry, Topic
from replycoach.bank.schema import dump_entry
from replycoach.bank.vocabulary import Family, references
from replycoach.engine.compiled import Bank
from replycoach.engine.families import CHECK_FAMILIES
from replycoach.errors import (
    BankError,
    CheckStopped,
    EntryExistsError,
    EntryNotFoundError,
    InvalidEntryError,
    Problem,
    StaleEntryError,
)
from replycoach.store.checking import BankChecks, Budget
from replycoach.store.db import bank_entries, bank_revisions, bank_state
from replycoach.store.records import (
    Author,
    Revision,
    Snapshot,
    StoredEntry,
    current_entry,
    insert_entry,
    last_revision,
    parse_checked,
    parse_raw,
    positions,
    read_entry,
    read_snapshot,
    read_topics,
    read_vocabulary,
    record_revision,
    write_topics,
    write_vocabulary,
)

T = TypeVar("T")


# What a bank is built from: its entries, topics and vocabulary.
_BankKey = tuple[list[Entry], list[Topic], list[Family]]
# How long a check of a candidate bank may take (the service's setting BANK_CHECK_SECONDS replaces it).
CHECK_SECONDS = 20.0


def _too_slow_to_check(label: str, seconds: float, stopped: CheckStopped) -> Problem:
    message = (
        f"checking the bank with this change took longer than {seconds:g} s (it was {stopped.progress} when "
        "it stopped), so nothing changed; a rule that makes the bank this slow to check also slows every "
        "draft: make its patterns need more words and fewer repeated or optional parts"
    )
    return Problem("", label, "", message)


def _key_of(snapshot: Snapshot) -> _BankKey:
    return [s.entry for s in snapshot.entries], list(snapshot.topics), list(snapshot.vocabulary)


class _Validated(Exception):
    """Ends a change tried outside the write lock once its bank has passed validation."""


class BankStore:
    """The phrase bank in one database: its entries, with their history, and its topics (acknowledgements)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # Called after each committed change, so this process serves it without waiting for its next poll.
        self.on_change: Callable[[], None] = lambda: None
        # Per thread: whether a change is being tried outside the write lock, and the last bank that passed
        # validation there (so the locked run does not validate the same bank again).
        self._local = threading.local()
        # Bank checks: one at a time, within a time budget (the service gives them a lock file shared by its
        # workers and its own budget).
        self.checks = BankChecks(CHECK_SECONDS)
        # The bank last built by a check, with what it was built from: the bank in service after a change.
        self._last_built: tuple[_BankKey, Bank] | None = None

    def seed(self, curated: BankData, curated_revision: str) -> bool:
        """Load the curated bank if the database holds none yet; returns whether it did."""
        try:
            with self.engine.begin() as conn:
                if conn.execute(select(bank_state.c.id)).first() is not None:
                    return False
                conn.execute(
                    insert(bank_state).values(
                        id=1,
                        revision=1,
                        curated_revision=curated_revision,
                        topics_stored=True,
                        vocabulary_stored=True,
                    )
                )
                author = Author(None, "curated bank")
                for position, entry in enumerate(curated.entries):
                    insert_entry(conn, entry, entry.source, position, 1, author, "import", 1)
                write_topics(conn, curated.topics)
                write_vocabulary(conn, curated.vocabulary)
        except IntegrityError:
            # Another instance, starting at the same moment, seeded it first.
            return False
        return True

    def adopt(self, folder: BankData) -> list[str]:
        """Store the bank folder's topics and vocabulary in a database made before they were stored; returns
        what it stored ("topics", "vocabulary", "check families").

        Such a database took its topics from the folder at every start: it keeps the ones it served. It had no
        vocabulary: it takes the folder's, so newer curated entries that use its families can be taken in. A
        vocabulary stored before the engine's checks read theirs (way-forward, condition...) takes
        the folder's check families it lacks, with the families they name, so its entries' checks still run.
        """
        adopted = []
        with self.engine.begin() as conn:
            state = conn.execute(
                select(bank_state.c.topics_stored, bank_state.c.vocabulary_stored).with_for_update()
            ).one()
            if not state.topics_stored:
                write_topics(conn, folder.topics)
                adopted.append("topics")
            if not state.vocabulary_stored:
                write_vocabulary(conn, folder.vocabulary)
                adopted.append("vocabulary")
            else:
                stored = read_vocabulary(conn)
                missing = _missing_check_families(stored, folder.vocabulary)
                if missing:
                    write_vocabulary(conn, [*stored, *missing])
                    adopted.append("check families")
            if adopted:
                conn.execute(update(bank_state).values(topics_stored=True, vocabulary_stored=True))
        return adopted

    def topics(self) -> tuple[Topic, ...]:
        """The bank's topics, in order."""
        with self.engine.connect() as conn:
            return read_topics(conn)

    def revision(self) -> int:
        """The bank-wide revision: it grows with every committed change."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(bank_state.c.revision)).scalar_one())

    def has_bank(self) -> bool:
        """Whether the database holds a bank (it has been seeded)."""
        with self.engine.connect() as conn:
            return conn.execute(select(bank_state.c.id)).first() is not None

    def curated_revision(self) -> str:
        """The content revision of the curated bank this database last took in."""
        with self.engine.connect() as conn:
            return str(conn.execute(select(bank_state.c.curated_revision)).scalar_one())

    def snapshot(self) -> Snapshot:
        """The bank as of one consistent read: its revision and entries (disabled ones too)."""
        with self.engine.begin() as conn:
            return read_snapshot(conn)

    def get(self, entry_id: str) -> StoredEntry:
        """One entry; raises EntryNotFoundError."""
        with self.engine.connect() as conn:
            return read_entry(conn, entry_id)

    def create(self, raw: Any, author: Author) -> StoredEntry:
        """Add an entry after validating it and the bank it makes; raises EntryExistsError."""

        def change(conn: Connection, entries: list[StoredEntry], bank_revision: int) -> StoredEntry:
            entry = parse_checked(raw, read_vocabulary(conn))
            if conn.execute(select(bank_entries.c.id).where(bank_entries.c.id == entry.id)).first():
                raise EntryExistsError(
                    f"The bank already has an entry {entry.id!r}; "
                    f"PUT /v1/phrasebank/entries/{entry.id} changes it."
                )
            revision = last_revision(conn, entry.id) + 1
            stored = StoredEntry(entry, revision, f"{entry.category}.yml")
            self.validate([*(s.entry for s in entries), entry], [entry], *_parts(conn), measure=True)
            position = max(positions(conn), default=-1) + 1
            insert_entry(conn, entry, stored.source, position, revision, author, "create", bank_revision)
            return stored

        return self.write_change(change)

    def update(self, entry_id: str, raw: Any, etag: str, author: Author) -> StoredEntry:
        """Replace an entry whose ETag is `etag` with a validated new version; the entry exactly as it is
        changes nothing (no revision, no history row, the same ETag)."""
        unchanged = self._unchanged(entry_id, raw, etag)
        if unchanged is not None:
            return unchanged

        def change(conn: Connection, entries: list[StoredEntry], bank_revision: int) -> StoredEntry:
            current = current_entry(entries, entry_id, etag)
            entry = parse_checked(raw, read_vocabulary(conn))
            if entry.id != entry_id:
                raise InvalidEntryError(
                    [
                        Problem(
                            "",
                            entry_id,
                            "id",
                            f"must stay {entry_id!r}; to rename an entry, create a new one",
                        )
                    ]
                )
            return self._replace(conn, entries, current, entry, author, "update", bank_revision)

        return self.write_change(change)

    def _unchanged(self, entry_id: str, raw: Any, etag: str) -> StoredEntry | None:
        """The stored entry if `raw` is exactly it and `etag` current (else None: the write goes ahead and
        reports any problem itself)."""
        try:
            entry = parse_raw(raw)
        except InvalidEntryError:
            return None
        with self.engine.connect() as conn:
            try:
                current = current_entry([read_entry(conn, entry_id)], entry_id, etag)
            except (EntryNotFoundError, StaleEntryError):
                return None
        return current if current.entry == entry else None

    def rollback(self, entry_id: str, revision: int, etag: str, author: Author) -> StoredEntry:
        """Restore an earlier revision of an entry as its newest one (validated like any write)."""

        def change(conn: Connection, entries: list[StoredEntry], bank_revision: int) -> StoredEntry:
            current = current_entry(entries, entry_id, etag)
            old = conn.execute(
                select(bank_revisions.c.entry).where(
                    bank_revisions.c.entry_id == entry_id, bank_revisions.c.revision == revision
                )
            ).scalar_one_or_none()
            if old is None:
                raise EntryNotFoundError(
                    f"Entry {entry_id!r} has no revision {revision}; its history lists the revisions it has."
                )
            entry = parse_raw(json.loads(old))
            return self._replace(
                conn, entries, current, entry, author, "rollback", bank_revision, restored=revision
            )

        return self.write_change(change)

    def delete(self, entry_id: str, etag: str, author: Author) -> None:
        """Remove an entry whose ETag is `etag`; its history stays."""

        def change(conn: Connection, entries: list[StoredEntry], bank_revision: int) -> None:
            current = current_entry(entries, entry_id, etag)
            self.validate([s.entry for s in entries if s.entry.id != entry_id], [], *_parts(conn))
            conn.execute(delete(bank_entries).where(bank_entries.c.id == entry_id))
            record_revision(conn, current.entry, current.revision + 1, author, "delete", bank_revision)

        self.write_change(change)

    def import_bank(
        self,
        data: BankData,
        author: Author,
        curated_revision: str | None = None,
        *,
        based_on: int | None = None,
        also: Callable[[Connection], None] | None = None,
    ) -> int:
        """Make the bank exactly `data`'s entries, topics and vocabulary in one transaction; returns how many
        entries changed (the topics, and the vocabulary, if they changed, count as one each).

        With `curated_revision`, the import also takes in that curated bank (no newer one is pending).
        With `based_on` (the bank revision `data` was derived from), it raises StaleEntryError if the bank
        has changed since. `also` runs in the same transaction, after the entries are written.
        """

        def change(conn: Connection, entries: list[StoredEntry], bank_revision: int) -> int:
            if based_on is not None and bank_revision != based_on + 1:
                raise StaleEntryError(
                    "The phrase bank changed while this change was prepared; read it again and redo it."
                )
            self.validate(data.entries, data.entries, data.topics, data.vocabulary)
            current = {s.entry.id: s for s in entries}
            changed = 0
            for position, entry in enumerate(data.entries):
                old = current.pop(entry.id, None)
                if old is not None and old.entry == entry and old.source == entry.source:
                    conn.execute(
                        update(bank_entries).where(bank_entries.c.id == entry.id).values(position=position)
                    )
                    continue
                revision = last_revision(conn, entry.id) + 1
                conn.execute(delete(bank_entries).where(bank_entries.c.id == entry.id))
                insert_entry(conn, entry, entry.source, position, revision, author, "import", bank_revision)
                changed += 1
            for gone in current.values():
                conn.execute(delete(bank_entries).where(bank_entries.c.id == gone.entry.id))
                record_revision(conn, gone.entry, gone.revision + 1, author, "delete", bank_revision)
                changed += 1
            if list(read_topics(conn)) != list(data.topics):
                write_topics(conn, data.topics)
                changed += 1
            if list(read_vocabulary(conn)) != list(data.vocabulary):
                write_vocabulary(conn, data.vocabulary)
                changed += 1
            if curated_revision is not None:
                conn.execute(update(bank_state).values(curated_revision=curated_revision))
            if also is not None:
                also(conn)
            return changed

        return self.write_change(change)

    def history(self, entry_id: str) -> list[Revision]:
        """Every recorded change of an entry, oldest first; raises EntryNotFoundError if it never existed."""
        found = self._revisions(bank_revisions.c.entry_id == entry_id)
        if not found:
            raise EntryNotFoundError(f"No phrase bank entry has the id {entry_id!r}.")
        return found

    def audit_log(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        entry_id: str | None = None,
        author: str | None = None,
        action: str | None = None,
    ) -> tuple[list[Revision], int]:
        """Changes of the bank, newest first: who changed which entry, when, and how; only those of one entry,
        author or action when asked, `limit` of them from `offset`, and how many match in all."""
        conditions = [
            column == value
            for column, value in (
                (bank_revisions.c.entry_id, entry_id),
                (bank_revisions.c.author, author),
                (bank_revisions.c.action, action),
            )
            if value is not None
        ]
        where = and_(*conditions) if conditions else None
        count = select(func.count()).select_from(bank_revisions)
        with self.engine.connect() as conn:
            total = int(conn.execute(count.where(where) if where is not None else count).scalar_one())
        return self._revisions(where, newest_first=True, limit=limit, offset=offset), total

    def candidate(self, entry: Entry) -> Bank:
        """The live bank with `entry` added or put in place of the entry with its id (for previews)."""
        snapshot = self.snapshot()
        entries = [s.entry for s in snapshot.entries if s.entry.id != entry.id]
        try:
            return self.build([*entries, entry], snapshot.topics, snapshot.vocabulary, entry.id)
        except BankError as err:
            raise InvalidEntryError(err.problems) from err

    def build(
        self, entries: list[Entry], topics: Sequence[Topic], vocabulary: Sequence[Family], label: str
    ) -> Bank:
        """A candidate bank built as a check (one at a time, within the time budget: `checks`), for previews
        and checks that save nothing; BankError with its problems, InvalidEntryError past the budget."""
        try:
            return self.checks.run(
                lambda budget: Bank.build(entries, topics, vocabulary, progress=budget.step)
            )
        except CheckStopped as stopped:
            raise InvalidEntryError([_too_slow_to_check(label, self.checks.seconds, stopped)]) from None

    def _replace(
        self,
        conn: Connection,
        entries: list[StoredEntry],
        current: StoredEntry,
        entry: Entry,
        author: Author,
        action: str,
        bank_revision: int,
        restored: int | None = None,
    ) -> StoredEntry:
        candidate = [entry if s.entry.id == entry.id else s.entry for s in entries]
        self.validate(candidate, [entry], *_parts(conn), measure=True)
        revision = current.revision + 1
        conn.execute(
            update(bank_entries)
            .where(bank_entries.c.id == entry.id)
            .values(entry=json.dumps(dump_entry(entry)), revision=revision, enabled=entry.enabled)
        )
        record_revision(conn, entry, revision, author, action, bank_revision, restored)
        return StoredEntry(entry, revision, current.source)

    def validate(
        self,
        entries: list[Entry],
        changed: list[Entry],
        topics: Sequence[Topic],
        vocabulary: Sequence[Family],
        *,
        measure: bool = False,
        label: str = "",
    ) -> None:
        """Build the candidate bank and run every example; problems naming a changed entry come first.

        The check runs within the store's time budget, one at a time (`checks`). With `measure`, a change
        made through `write_change` is also refused if it makes the bank's analysis of the worst-case draft
        more than twice as slow as the bank in service's (`bank.cost`). `label` names the change in the
        problems of the whole bank (default: the changed entries)."""
        key = (list(entries), list(topics), list(vocabulary))
        if getattr(self._local, "validated", None) == key:
            return
        current = getattr(self._local, "current", None) if measure else None
        label = label or ", ".join(e.id for e in changed) or "bank"
        try:
            self.checks.run(lambda budget: self._check(key, changed, current, label, budget))
        except CheckStopped as stopped:
            raise InvalidEntryError([_too_slow_to_check(label, self.checks.seconds, stopped)]) from None
        self._local.validated = key
        if getattr(self._local, "trying", False):
            raise _Validated

    def _check(
        self, key: _BankKey, changed: list[Entry], current: _BankKey | None, label: str, budget: Budget
    ) -> None:
        """The candidate bank built, its examples run and (given the bank in service) its cost measured;
        InvalidEntryError with every problem. Runs in the check's own thread."""
        entries, topics, vocabulary = key
        try:
            bank = Bank.build(entries, topics, vocabulary, progress=budget.step)
        except BankError as err:
            raise InvalidEntryError(err.problems) from err
        problems = check_examples(bank, progress=budget.step)
        if problems:
            ids = {e.id for e in changed}
            raise InvalidEntryError(sorted(problems, key=lambda p: p.entry not in ids))
        if current is not None and not adds_no_work(current, key):
            budget.step("building the bank in service to compare with")
            cost = compare(self._built_bank(current, budget), bank, budget.step)
            if cost.too_slow:
                raise InvalidEntryError([Problem("", label, "", cost.message())])
        self._last_built = (key, bank)

    def _built_bank(self, key: _BankKey, budget: Budget) -> Bank:
        """The bank of `key`: the one last built when it is that bank, else built now."""
        if self._last_built is not None and self._last_built[0] == key:
            return self._last_built[1]
        entries, topics, vocabulary = key
        bank = Bank.build(entries, topics, vocabulary, progress=budget.step)
        self._last_built = (key, bank)
        return bank

    def write_change(self, change: Callable[[Connection, list[StoredEntry], int], T]) -> T:
        """Run a change in one transaction that first takes the next bank-wide revision.

        Bumping the revision first makes the database serialize writers; a change that raises rolls back
        everything, the bump included. Validating a bank takes a while (every example of every entry runs),
        so the change is first tried outside the write lock, on a transaction that is rolled back, up to
        its validation: a change that is refused never waits for the lock, and the locked run finds the
        same bank already validated unless another writer changed it meanwhile.
        """
        self._try(change)
        try:
            with self.engine.begin() as conn:
                conn.execute(update(bank_state).values(revision=bank_state.c.revision + 1))
                snapshot = read_snapshot(conn)
                self._local.current = _key_of(snapshot)
                result = change(conn, list(snapshot.entries), snapshot.revision)
        finally:
            self._local.validated = None
            self._local.current = None
        self.on_change()
        return result

    def _try(self, change: Callable[[Connection, list[StoredEntry], int], Any]) -> None:
        """Run `change` without taking the write lock, up to its validation; its writes are rolled back."""
        self._local.trying = True
        try:
            with self.engine.connect() as conn:
                snapshot = read_snapshot(conn)
                self._local.current = _key_of(snapshot)
                change(conn, list(snapshot.entries), snapshot.revision + 1)
                conn.rollback()
        except _Validated:
            pass
        finally:
            self._local.trying = False
            self._local.current = None

    def _revisions(
        self, where: Any, newest_first: bool = False, limit: int | None = None, offset: int = 0
    ) -> list[Revision]:
        query = select(bank_revisions)
        if where is not None:
            query = query.where(where)
        query = query.order_by(bank_revisions.c.id.desc() if newest_first else bank_revisions.c.id)
        query = query.offset(offset).limit(limit)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [
            Revision(
                entry_id=row["entry_id"],
                revision=row["revision"],
                author=row["author"],
                at=row["at"] if row["at"].tzinfo else row["at"].replace(tzinfo=UTC),
                action=row["action"],
                entry=parse_raw(json.loads(row["entry"])),
                bank_revision=row["bank_revision"],
                restored=row["restored"],
            )
            for row in rows
        ]


@dataclass(frozen=True)
class Shipped:
    """The bank folder the service was started with (the curated bank, by default), as it read it."""

    revision: str
    entries: tuple[Entry, ...]  # disabled ones too
    # Why the folder did not load, when it did not (the database already had a bank, so the service runs).
    problems: tuple[Problem, ...] = ()


def open_store(engine: Engine, bank_dir: Path) -> tuple[BankStore, Shipped]:
    """The bank store of a database, seeded from `bank_dir` if it has no bank yet, and that folder's bank.

    The folder only seeds a new database: when it does not load and the database already has a bank, the
    store opens anyway and the Shipped it returns carries the folder's problems. Raises BankError if the
    folder does not load and the database has no bank to serve.
    """
    curated, problems = lint_bank_dir(bank_dir)
    if curated is None:
        store = BankStore(engine)
        if not store.has_bank():
            raise BankError(problems)
        return store, Shipped(store.curated_revision(), (), tuple(problems))
    data = bank_data(curated)
    store = BankStore(engine)
    store.seed(data, curated.revision)
    store.adopt(data)
    return store, Shipped(curated.revision, curated.all_entries)


def _missing_check_families(stored: Sequence[Family], folder: Sequence[Family]) -> list[Family]:
    """The folder's families that the engine's checks read and the stored vocabulary lacks, with the families
    they name that it lacks too, in the folder's order (a stored family is never replaced)."""
    have = {f.name for f in stored}
    offered = {f.name: f for f in folder}
    wanted: set[str] = set()
    pending = [name for name in CHECK_FAMILIES if name not in have]
    while pending:
        name = pending.pop()
        if name in wanted or name in have or name not in offered:
            continue
        wanted.add(name)
        family = offered[name]
        pending.extend(used for part in (*family.phrases, *family.patterns) for used, _ in references(part))
    return [f for f in folder if f.name in wanted]


def _parts(conn: Connection) -> tuple[tuple[Topic, ...], tuple[Family, ...]]:
    """The bank's topics and vocabulary, which an entry's validation builds the candidate bank with."""
    return read_topics(conn), read_vocabulary(conn)

"""The phrase bank in the database: seeded from the curated files, then edited with history.

Every write is validated as the loader validates a bank folder, before it commits: the database never holds
a bank that would not load.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from replycoach.bank.files import BankData, parse_entry, parse_topic
from replycoach.bank.loader import check_examples, lint_bank_dir
from replycoach.bank.model import Entry, Topic
from replycoach.bank.schema import dump_entry, dump_topic
from replycoach.engine.compiled import Bank
from replycoach.errors import (
    BankError,
    EntryExistsError,
    EntryNotFoundError,
    InvalidEntryError,
    Problem,
    StaleEntryError,
)
from replycoach.store.db import bank_entries, bank_revisions, bank_state, bank_topics, samples

T = TypeVar("T")


@dataclass(frozen=True)
class Author:
    """Who makes a change: a key's id and name, or the command line (no id)."""

    id: int | None
    name: str


@dataclass(frozen=True)
class StoredEntry:
    """An entry as stored: validated, with its revision counter and where it is exported to."""

    entry: Entry
    revision: int
    source: str

    @property
    def etag(self) -> str:
        """The entry's ETag, as HTTP sends it: its id and revision."""
        return f'"{self.entry.id}@{self.revision}"'


@dataclass(frozen=True)
class Revision:
    """One recorded change of one entry."""

    entry_id: str
    revision: int
    author: str
    at: datetime
    action: str
    entry: Entry
    bank_revision: int


@dataclass(frozen=True)
class Snapshot:
    """The bank at one bank-wide revision: its entries (disabled ones too), in bank order, and its topics."""

    revision: int
    entries: tuple[StoredEntry, ...]
    topics: tuple[Topic, ...]


class BankStore:
    """The phrase bank in one database: its entries, with their history, and its topics (acknowledgements)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # Called after each committed change, so this process serves it without waiting for its next poll.
        self.on_change: Callable[[], None] = lambda: None

    def seed(self, curated: BankData, curated_revision: str) -> bool:
        """Load the curated bank if the database holds none yet; returns whether it did."""
        try:
            with self.engine.begin() as conn:
                if conn.execute(select(bank_state.c.id)).first() is not None:
                    return False
                conn.execute(
                    insert(bank_state).values(
                        id=1, revision=1, curated_revision=curated_revision, topics_stored=True
                    )
                )
                author = Author(None, "curated bank")
                for position, entry in enumerate(curated.entries):
                    _put(conn, entry, entry.source, position, 1, author, "import", 1)
                _put_topics(conn, curated.topics)
        except IntegrityError:
            # Another instance, starting at the same moment, seeded it first.
            return False
        return True

    def adopt_topics(self, topics: Sequence[Topic]) -> bool:
        """Store the bank folder's topics in a database made before topics were stored; True if it did.

        Such a database took its topics from the folder at every start: it keeps the ones it served.
        """
        with self.engine.begin() as conn:
            stored = conn.execute(select(bank_state.c.topics_stored).with_for_update()).scalar_one()
            if stored:
                return False
            _put_topics(conn, topics)
            conn.execute(update(bank_state).values(topics_stored=True))
        return True

    def topics(self) -> tuple[Topic, ...]:
        """The bank's topics, in order."""
        with self.engine.connect() as conn:
            return _topics(conn)

    def revision(self) -> int:
        """The bank-wide revision: it grows with every committed change."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(bank_state.c.revision)).scalar_one())

    def curated_revision(self) -> str:
        """The content revision of the curated bank this database last took in."""
        with self.engine.connect() as conn:
            return str(conn.execute(select(bank_state.c.curated_revision)).scalar_one())

    def snapshot(self) -> Snapshot:
        """The bank as of one consistent read: its revision and entries (disabled ones too)."""
        with self.engine.begin() as conn:
            return _snapshot(conn)

    def get(self, entry_id: str) -> StoredEntry:
        """One entry; raises EntryNotFoundError."""
        with self.engine.connect() as conn:
            return _get(conn, entry_id)

    def create(self, raw: Any, author: Author) -> StoredEntry:
        """Add an entry after validating it and the bank it makes; raises EntryExistsError."""

        def change(conn: Connection, entries: list[StoredEntry], bank_revision: int) -> StoredEntry:
            entry = parse_raw(raw)
            if conn.execute(select(bank_entries.c.id).where(bank_entries.c.id == entry.id)).first():
                raise EntryExistsError(
                    f"The bank already has an entry {entry.id!r}; "
                    f"PUT /v1/phrasebank/entries/{entry.id} changes it."
                )
            revision = _last_revision(conn, entry.id) + 1
            stored = StoredEntry(entry, revision, f"{entry.category}.yml")
            self._validate([*(s.entry for s in entries), entry], [entry], _topics(conn))
            position = max(_positions(conn), default=-1) + 1
            _put(conn, entry, stored.source, position, revision, author, "create", bank_revision)
            return stored

        return self._write(change)

    def update(self, entry_id: str, raw: Any, etag: str, author: Author) -> StoredEntry:
        """Replace an entry whose ETag is `etag` with a validated new version."""

        def change(conn: Connection, entries: list[StoredEntry], bank_revision: int) -> StoredEntry:
            current = _current(entries, entry_id, etag)
            entry = parse_raw(raw)
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

        return self._write(change)

    def rollback(self, entry_id: str, revision: int, etag: str, author: Author) -> StoredEntry:
        """Restore an earlier revision of an entry as its newest one (validated like any write)."""

        def change(conn: Connection, entries: list[StoredEntry], bank_revision: int) -> StoredEntry:
            current = _current(entries, entry_id, etag)
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
            return self._replace(conn, entries, current, entry, author, "rollback", bank_revision)

        return self._write(change)

    def delete(self, entry_id: str, etag: str, author: Author) -> None:
        """Remove an entry whose ETag is `etag`; its history stays."""

        def change(conn: Connection, entries: list[StoredEntry], bank_revision: int) -> None:
            current = _current(entries, entry_id, etag)
            self._validate([s.entry for s in entries if s.entry.id != entry_id], [], _topics(conn))
            conn.execute(delete(bank_entries).where(bank_entries.c.id == entry_id))
            _record(conn, current.entry, current.revision + 1, author, "delete", bank_revision)

        self._write(change)

    def import_bank(
        self,
        data: BankData,
        author: Author,
        curated_revision: str | None = None,
        *,
        based_on: int | None = None,
        also: Callable[[Connection], None] | None = None,
    ) -> int:
        """Make the bank exactly `data`'s entries and topics in one transaction; returns how many entries
        changed (the topics, if they changed, count as one).

        With `curated_revision`, the import also takes in that curated bank (no newer one is pending).
        With `based_on` (the bank revision `data` was derived from), it raises StaleEntryError if the bank
        has changed since. `also` runs in the same transaction, after the entries are written.
        """

        def change(conn: Connection, entries: list[StoredEntry], bank_revision: int) -> int:
            if based_on is not None and bank_revision != based_on + 1:
                raise StaleEntryError(
                    "The phrase bank changed while this change was prepared; read it again and redo it."
                )
            self._validate(data.entries, data.entries, data.topics)
            current = {s.entry.id: s for s in entries}
            changed = 0
            for position, entry in enumerate(data.entries):
                old = current.pop(entry.id, None)
                if old is not None and old.entry == entry and old.source == entry.source:
                    conn.execute(
                        update(bank_entries).where(bank_entries.c.id == entry.id).values(position=position)
                    )
                    continue
                revision = _last_revision(conn, entry.id) + 1
                conn.execute(delete(bank_entries).where(bank_entries.c.id == entry.id))
                _put(conn, entry, entry.source, position, revision, author, "import", bank_revision)
                changed += 1
            for gone in current.values():
                conn.execute(delete(bank_entries).where(bank_entries.c.id == gone.entry.id))
                _record(conn, gone.entry, gone.revision + 1, author, "delete", bank_revision)
                changed += 1
            if list(_topics(conn)) != list(data.topics):
                _put_topics(conn, data.topics)
                changed += 1
            if curated_revision is not None:
                conn.execute(update(bank_state).values(curated_revision=curated_revision))
            if also is not None:
                also(conn)
            return changed

        return self._write(change)

    def history(self, entry_id: str) -> list[Revision]:
        """Every recorded change of an entry, oldest first; raises EntryNotFoundError if it never existed."""
        found = self._revisions(bank_revisions.c.entry_id == entry_id)
        if not found:
            raise EntryNotFoundError(f"No phrase bank entry has the id {entry_id!r}.")
        return found

    def audit_log(self) -> list[Revision]:
        """Every change of the bank, newest first: who changed which entry, when, and how."""
        return self._revisions(None, newest_first=True)

    def add_samples(self, texts: Iterable[str]) -> int:
        """Store sample replies for previews; returns how many were added."""
        rows = [{"text": text} for text in texts]
        if rows:
            with self.engine.begin() as conn:
                conn.execute(insert(samples), rows)
        return len(rows)

    def samples(self) -> list[str]:
        """The stored sample replies, in the order they were imported."""
        with self.engine.connect() as conn:
            return list(conn.execute(select(samples.c.text).order_by(samples.c.id)).scalars())

    def candidate(self, entry: Entry) -> Bank:
        """The live bank with `entry` added or put in place of the entry with its id (for previews)."""
        snapshot = self.snapshot()
        entries = [s.entry for s in snapshot.entries if s.entry.id != entry.id]
        try:
            return Bank.build([*entries, entry], snapshot.topics)
        except BankError as err:
            raise InvalidEntryError(err.problems) from err

    def _replace(
        self,
        conn: Connection,
        entries: list[StoredEntry],
        current: StoredEntry,
        entry: Entry,
        author: Author,
        action: str,
        bank_revision: int,
    ) -> StoredEntry:
        candidate = [entry if s.entry.id == entry.id else s.entry for s in entries]
        self._validate(candidate, [entry], _topics(conn))
        revision = current.revision + 1
        conn.execute(
            update(bank_entries)
            .where(bank_entries.c.id == entry.id)
            .values(entry=json.dumps(dump_entry(entry)), revision=revision, enabled=entry.enabled)
        )
        _record(conn, entry, revision, author, action, bank_revision)
        return StoredEntry(entry, revision, current.source)

    def _validate(self, entries: list[Entry], changed: list[Entry], topics: Sequence[Topic]) -> None:
        """Build the candidate bank and run every example; problems naming a changed entry come first."""
        try:
            bank = Bank.build(entries, topics)
        except BankError as err:
            raise InvalidEntryError(err.problems) from err
        problems = check_examples(bank)
        if problems:
            ids = {e.id for e in changed}
            raise InvalidEntryError(sorted(problems, key=lambda p: p.entry not in ids))

    def _write(self, change: Callable[[Connection, list[StoredEntry], int], T]) -> T:
        """Run a change in one transaction that first takes the next bank-wide revision.

        Bumping the revision first makes the database serialize writers; a change that raises rolls back
        everything, the bump included.
        """
        with self.engine.begin() as conn:
            conn.execute(update(bank_state).values(revision=bank_state.c.revision + 1))
            snapshot = _snapshot(conn)
            result = change(conn, list(snapshot.entries), snapshot.revision)
        self.on_change()
        return result

    def _revisions(self, where: Any, newest_first: bool = False) -> list[Revision]:
        query = select(bank_revisions)
        if where is not None:
            query = query.where(where)
        query = query.order_by(bank_revisions.c.id.desc() if newest_first else bank_revisions.c.id)
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
            )
            for row in rows
        ]


@dataclass(frozen=True)
class Shipped:
    """The bank folder the service was started with (the curated bank, by default), as it read it."""

    revision: str
    entries: tuple[Entry, ...]  # disabled ones too


def open_store(engine: Engine, bank_dir: Path) -> tuple[BankStore, Shipped]:
    """The bank store of a database, seeded from `bank_dir` if it has no bank yet, and that folder's bank.

    Raises BankError if the folder does not load.
    """
    curated, problems = lint_bank_dir(bank_dir)
    if curated is None:
        raise BankError(problems)
    data = BankData(list(curated.all_entries), [compiled.topic for compiled in curated.topics])
    store = BankStore(engine)
    store.seed(data, curated.revision)
    store.adopt_topics(data.topics)
    return store, Shipped(curated.revision, curated.all_entries)


def parse_raw(raw: Any) -> Entry:
    """Validate one entry as sent (JSON) exactly as the loader validates one from a file."""
    raw_id = raw.get("id") if isinstance(raw, dict) else None
    label = raw_id if isinstance(raw_id, str) else "entry"
    entry, problems = parse_entry(raw, "", label)
    if entry is None:
        raise InvalidEntryError(problems)
    return entry


def _current(entries: list[StoredEntry], entry_id: str, etag: str) -> StoredEntry:
    found = next((s for s in entries if s.entry.id == entry_id), None)
    if found is None:
        raise EntryNotFoundError(f"No phrase bank entry has the id {entry_id!r}.")
    if etag not in (found.etag, "*"):
        raise StaleEntryError(
            f"Entry {entry_id!r} has changed since you read it (now {found.etag}); "
            "GET it again and redo the change on the new version."
        )
    return found


def _snapshot(conn: Connection) -> Snapshot:
    revision = int(conn.execute(select(bank_state.c.revision)).scalar_one())
    rows = conn.execute(select(bank_entries).order_by(bank_entries.c.position)).mappings()
    return Snapshot(revision, tuple(_stored(row) for row in rows), _topics(conn))


def _topics(conn: Connection) -> tuple[Topic, ...]:
    rows = conn.execute(select(bank_topics).order_by(bank_topics.c.position)).mappings()
    topics = []
    for row in rows:
        # Validated before they were committed; parsing again only rebuilds the Topic.
        topic, problems = parse_topic(json.loads(row["data"]), row["source"], row["topic"])
        if topic is None:
            raise BankError(problems)
        topics.append(topic)
    return tuple(topics)


def _put_topics(conn: Connection, topics: Sequence[Topic]) -> None:
    conn.execute(delete(bank_topics))
    if topics:
        conn.execute(
            insert(bank_topics),
            [
                {"topic": t.topic, "position": i, "source": t.source, "data": json.dumps(dump_topic(t))}
                for i, t in enumerate(topics)
            ],
        )


def _get(conn: Connection, entry_id: str) -> StoredEntry:
    row = conn.execute(select(bank_entries).where(bank_entries.c.id == entry_id)).mappings().first()
    if row is None:
        raise EntryNotFoundError(f"No phrase bank entry has the id {entry_id!r}.")
    return _stored(row)


def _stored(row: Any) -> StoredEntry:
    # Rows were validated before they were committed; parsing again only rebuilds the Entry.
    entry, problems = parse_entry(json.loads(row["entry"]), row["source"], row["id"])
    if entry is None:
        raise BankError(problems)
    return StoredEntry(entry, row["revision"], row["source"])


def _positions(conn: Connection) -> list[int]:
    return list(conn.execute(select(bank_entries.c.position)).scalars())


def _last_revision(conn: Connection, entry_id: str) -> int:
    query = select(func.max(bank_revisions.c.revision)).where(bank_revisions.c.entry_id == entry_id)
    return int(conn.execute(query).scalar_one() or 0)


def _put(
    conn: Connection,
    entry: Entry,
    source: str,
    position: int,
    revision: int,
    author: Author,
    action: str,
    bank_revision: int,
) -> None:
    conn.execute(
        insert(bank_entries).values(
            id=entry.id,
            position=position,
            source=source,
            entry=json.dumps(dump_entry(entry)),
            revision=revision,
            enabled=entry.enabled,
        )
    )
    _record(conn, entry, revision, author, action, bank_revision)


def _record(
    conn: Connection, entry: Entry, revision: int, author: Author, action: str, bank_revision: int
) -> None:
    conn.execute(
        insert(bank_revisions).values(
            entry_id=entry.id,
            revision=revision,
            author_id=author.id,
            author=author.name,
            at=datetime.now(UTC),
            action=action,
            entry=json.dumps(dump_entry(entry)),
            bank_revision=bank_revision,
        )
    )

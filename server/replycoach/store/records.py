"""The phrase bank's rows: what a stored entry, a revision and a snapshot are, and the reads and writes of
bank_entries, bank_revisions and bank_topics that the bank store composes into transactions."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import Connection, Table, delete, func, insert, select

from replycoach.bank.files import parse_entry, parse_family, parse_topic
from replycoach.bank.loader import raw_pattern_problems
from replycoach.bank.model import Entry, Topic
from replycoach.bank.schema import dump_entry, dump_family, dump_topic
from replycoach.bank.vocabulary import Family, Vocabulary
from replycoach.engine.compiled import Bank
from replycoach.errors import (
    BankError,
    EntryNotFoundError,
    InvalidEntryError,
    Problem,
    StaleEntryError,
)
from replycoach.store.db import bank_entries, bank_revisions, bank_state, bank_topics, bank_vocabulary

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
    restored: int | None = None


@dataclass(frozen=True)
class Snapshot:
    """The bank at one bank-wide revision: its entries (disabled ones too), in bank order, its topics and its
    vocabulary."""

    revision: int
    entries: tuple[StoredEntry, ...]
    topics: tuple[Topic, ...]
    vocabulary: tuple[Family, ...] = ()

    def bank(self) -> Bank:
        """The compiled bank of this snapshot, as the service runs it (disabled entries left out)."""
        return Bank.build([s.entry for s in self.entries], self.topics, self.vocabulary)


def parse_raw(raw: Any) -> Entry:
    """Validate one entry as sent (JSON) exactly as the loader validates one from a file."""
    raw_id = raw.get("id") if isinstance(raw, dict) else None
    label = raw_id if isinstance(raw_id, str) else "entry"
    entry, problems = parse_entry(raw, "", label)
    if entry is None:
        raise InvalidEntryError(problems)
    return entry


def parse_checked(raw: Any, families: Sequence[Family]) -> Entry:
    """parse_raw, but when the entry's fields are invalid its patterns are checked too (with the bank's
    vocabulary), so every problem comes back at once."""
    try:
        return parse_raw(raw)
    except InvalidEntryError as err:
        raw_id = raw.get("id") if isinstance(raw, dict) else None
        label = raw_id if isinstance(raw_id, str) else "entry"
        extra = raw_pattern_problems(raw, Vocabulary(families), "", label)
        raise InvalidEntryError([*err.problems, *extra]) from err


# Fields that say what a flag tells the agent but play no part in what it matches: while one of them is
# missing or wrong, a stand-in lets the entry's examples run anyway, so every problem comes back at once.
_STAND_INS: dict[str, Any] = {
    "message": "(message)",
    "why": "(why)",
    "rewrites": [{"text": "(rewrite)", "scope": "phrase"}, {"text": "(another rewrite)", "scope": "phrase"}],
}


def with_stand_ins(raw: Any, problems: Sequence[Problem]) -> Entry | None:
    """The entry `raw` with stand-ins for its descriptive fields that have `problems`, when those are its
    only problems (its matching fields are valid), else None. For running its examples, never for saving."""
    if not isinstance(raw, dict) or not problems:
        return None
    fields = {re.split(r"[.\[]", p.field, maxsplit=1)[0] for p in problems}
    if not fields <= _STAND_INS.keys():
        return None
    try:
        return parse_raw({**raw, **{name: _STAND_INS[name] for name in fields}})
    except InvalidEntryError:
        return None


def current_entry(entries: list[StoredEntry], entry_id: str, etag: str) -> StoredEntry:
    """The entry `entry_id` of `entries` if `etag` is its ETag (or `*`).

    Raises EntryNotFoundError or StaleEntryError."""
    found = next((s for s in entries if s.entry.id == entry_id), None)
    if found is None:
        raise EntryNotFoundError(f"No phrase bank entry has the id {entry_id!r}.")
    if etag not in (found.etag, "*"):
        raise StaleEntryError(
            f"Entry {entry_id!r} has changed since you read it (now {found.etag}); "
            "GET it again and redo the change on the new version."
        )
    return found


def read_snapshot(conn: Connection) -> Snapshot:
    """The bank as of this connection's view: its revision, entries (disabled ones too), topics and
    vocabulary."""
    revision = int(conn.execute(select(bank_state.c.revision)).scalar_one())
    rows = conn.execute(select(bank_entries).order_by(bank_entries.c.position)).mappings()
    entries = tuple(stored_entry(row) for row in rows)
    return Snapshot(revision, entries, read_topics(conn), read_vocabulary(conn))


def read_topics(conn: Connection) -> tuple[Topic, ...]:
    """The bank's topics, in order."""
    topics: tuple[Topic, ...] = _read_parts(conn, bank_topics, bank_topics.c.topic, parse_topic)
    return topics


def write_topics(conn: Connection, topics: Sequence[Topic]) -> None:
    """Replace the bank's topics."""
    _write_parts(conn, bank_topics, [(t.topic, t.source, dump_topic(t)) for t in topics])


def read_vocabulary(conn: Connection) -> tuple[Family, ...]:
    """The bank's word families, in order."""
    families: tuple[Family, ...] = _read_parts(conn, bank_vocabulary, bank_vocabulary.c.name, parse_family)
    return families


def write_vocabulary(conn: Connection, families: Sequence[Family]) -> None:
    """Replace the bank's word families."""
    _write_parts(conn, bank_vocabulary, [(f.name, f.source, dump_family(f)) for f in families])


def _read_parts(
    conn: Connection, table: Table, key: Any, parse: Callable[[Any, str, str], tuple[Any, list[Problem]]]
) -> tuple[Any, ...]:
    """The rows of a topics-like table (key, position, source, data) parsed, in order."""
    parts = []
    for row in conn.execute(select(table).order_by(table.c.position)).mappings():
        # Validated before they were committed; parsing again only rebuilds the object.
        part, problems = parse(json.loads(row["data"]), row["source"], row[key.name])
        if part is None:
            raise BankError(problems)
        parts.append(part)
    return tuple(parts)


def _write_parts(conn: Connection, table: Table, parts: Sequence[tuple[str, str, dict[str, Any]]]) -> None:
    """Replace the rows of a topics-like table with (key, source, data) parts, in order."""
    conn.execute(delete(table))
    key = next(c.name for c in table.primary_key.columns)
    if parts:
        conn.execute(
            insert(table),
            [
                {key: name, "position": i, "source": source, "data": json.dumps(data)}
                for i, (name, source, data) in enumerate(parts)
            ],
        )


def read_entry(conn: Connection, entry_id: str) -> StoredEntry:
    """One stored entry; raises EntryNotFoundError."""
    row = conn.execute(select(bank_entries).where(bank_entries.c.id == entry_id)).mappings().first()
    if row is None:
        raise EntryNotFoundError(f"No phrase bank entry has the id {entry_id!r}.")
    return stored_entry(row)


def stored_entry(row: Any) -> StoredEntry:
    """A bank_entries row as a StoredEntry."""
    return StoredEntry(_parse_stored(row["entry"], row["source"], row["id"]), row["revision"], row["source"])


@lru_cache(maxsize=16384)
def _parse_stored(text: str, source: str, entry_id: str) -> Entry:
    """The Entry a stored row holds. Rows were validated before they were committed; parsing again only
    rebuilds the Entry, and a live reload finds every unchanged row's here (entries are immutable)."""
    entry, problems = parse_entry(json.loads(text), source, entry_id)
    if entry is None:
        raise BankError(problems)
    return entry


def positions(conn: Connection) -> list[int]:
    """Every entry's position in bank order."""
    return list(conn.execute(select(bank_entries.c.position)).scalars())


def last_revision(conn: Connection, entry_id: str) -> int:
    """The newest revision an entry ever had (0 if none), deleted ones included."""
    query = select(func.max(bank_revisions.c.revision)).where(bank_revisions.c.entry_id == entry_id)
    return int(conn.execute(query).scalar_one() or 0)


def insert_entry(
    conn: Connection,
    entry: Entry,
    source: str,
    position: int,
    revision: int,
    author: Author,
    action: str,
    bank_revision: int,
) -> None:
    """Insert an entry row and record it in the history."""
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
    record_revision(conn, entry, revision, author, action, bank_revision)


def record_revision(
    conn: Connection,
    entry: Entry,
    revision: int,
    author: Author,
    action: str,
    bank_revision: int,
    restored: int | None = None,
) -> None:
    """Add a revision of an entry to its history (`restored`: the revision a rollback brought back)."""
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
            restored=restored,
        )
    )

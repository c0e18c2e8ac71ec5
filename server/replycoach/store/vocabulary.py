"""The bank's word families in the database: created, changed and deleted one at a time, each change validated
against the whole bank (every example run again) and recorded with its author."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select

from replycoach.bank.files import parse_family
from replycoach.bank.schema import dump_family
from replycoach.bank.vocabulary import Family
from replycoach.errors import (
    EntryExistsError,
    EntryNotFoundError,
    InvalidEntryError,
    Problem,
    StaleEntryError,
)
from replycoach.store.bank import BankStore
from replycoach.store.db import bank_vocabulary_revisions
from replycoach.store.records import Author, StoredEntry, read_topics, read_vocabulary, write_vocabulary


@dataclass(frozen=True)
class StoredFamily:
    """A family as stored, with its revision counter (0 for one that came with the bank folder)."""

    family: Family
    revision: int

    @property
    def etag(self) -> str:
        """The family's ETag, as HTTP sends it: its name and revision."""
        return f'"{self.family.name}@{self.revision}"'


@dataclass(frozen=True)
class FamilyRevision:
    """One recorded change of one family."""

    name: str
    revision: int
    author: str
    at: datetime
    action: str
    family: Family | None  # None when the change deleted it
    bank_revision: int


class VocabularyStore:
    """The word families of one bank store."""

    def __init__(self, bank: BankStore) -> None:
        self.bank = bank

    def get(self, name: str) -> StoredFamily:
        """One family; raises EntryNotFoundError."""
        with self.bank.engine.connect() as conn:
            return _stored(conn, _find(read_vocabulary(conn), name))

    def create(self, raw: Any, author: Author) -> StoredFamily:
        """Add a family; raises EntryExistsError, or InvalidEntryError if the bank would not build."""

        def change(conn: Connection, entries: list[StoredEntry], bank_revision: int) -> StoredFamily:
            family = parse_raw_family(raw)
            families = list(read_vocabulary(conn))
            if any(f.name == family.name for f in families):
                raise EntryExistsError(
                    f"The vocabulary already has a family {family.name!r}; "
                    f"PUT /v1/phrasebank/vocabulary/{family.name} changes it."
                )
            return self._save(conn, entries, [*families, family], family, author, "create", bank_revision)

        return self.bank.write_change(change)

    def update(self, name: str, raw: Any, etag: str, author: Author) -> StoredFamily:
        """Replace the family whose ETag is `etag` with a validated new version."""

        def change(conn: Connection, entries: list[StoredEntry], bank_revision: int) -> StoredFamily:
            families = list(read_vocabulary(conn))
            _current(conn, families, name, etag)
            family = parse_raw_family(raw)
            if family.name != name:
                problem = Problem(
                    "", name, "family", f"must stay {name!r}; to rename a family, create a new one"
                )
                raise InvalidEntryError([problem])
            new = [family if f.name == name else f for f in families]
            return self._save(conn, entries, new, family, author, "update", bank_revision)

        return self.bank.write_change(change)

    def delete(self, name: str, etag: str, author: Author) -> None:
        """Remove the family whose ETag is `etag`; refused while a pattern still uses it."""

        def change(conn: Connection, entries: list[StoredEntry], bank_revision: int) -> None:
            families = list(read_vocabulary(conn))
            current = _current(conn, families, name, etag)
            remaining = [f for f in families if f.name != name]
            self.bank.validate([s.entry for s in entries], [], read_topics(conn), remaining)
            write_vocabulary(conn, remaining)
            _record(conn, current.family, None, current.revision + 1, author, "delete", bank_revision)

        self.bank.write_change(change)

    def history(self, name: str) -> list[FamilyRevision]:
        """Every recorded change of a family, oldest first (none for one untouched since it was seeded)."""
        table = bank_vocabulary_revisions
        with self.bank.engine.connect() as conn:
            rows = (
                conn.execute(select(table).where(table.c.name == name).order_by(table.c.id)).mappings().all()
            )
            if not rows:
                _find(read_vocabulary(conn), name)  # raises EntryNotFoundError if it never existed
        return [
            FamilyRevision(
                name=row["name"],
                revision=row["revision"],
                author=row["author"],
                at=row["at"] if row["at"].tzinfo else row["at"].replace(tzinfo=UTC),
                action=row["action"],
                family=None if row["action"] == "delete" else parse_raw_family(json.loads(row["data"])),
                bank_revision=row["bank_revision"],
            )
            for row in rows
        ]

    def _save(
        self,
        conn: Connection,
        entries: list[StoredEntry],
        families: list[Family],
        family: Family,
        author: Author,
        action: str,
        bank_revision: int,
    ) -> StoredFamily:
        self.bank.validate(
            [s.entry for s in entries], [], read_topics(conn), families, measure=True, label=family.name
        )
        source = (
            next((f.source for f in read_vocabulary(conn) if f.name == family.name), "") or "vocabulary.yml"
        )
        placed = [
            Family(**{**f.__dict__, "source": source}) if f.name == family.name else f for f in families
        ]
        write_vocabulary(conn, placed)
        revision = _last_revision(conn, family.name) + 1
        _record(conn, family, family, revision, author, action, bank_revision)
        return StoredFamily(family, revision)


def parse_raw_family(raw: Any) -> Family:
    """Validate one family as sent (JSON) exactly as the loader validates one from a file."""
    raw_name = raw.get("family") if isinstance(raw, dict) else None
    family, problems = parse_family(raw, "", raw_name if isinstance(raw_name, str) else "family")
    if family is None:
        raise InvalidEntryError(problems)
    return family


def _find(families: tuple[Family, ...] | list[Family], name: str) -> Family:
    found = next((f for f in families if f.name == name), None)
    if found is None:
        raise EntryNotFoundError(f"The vocabulary has no family {name!r}.")
    return found


def _stored(conn: Connection, family: Family) -> StoredFamily:
    return StoredFamily(family, _last_revision(conn, family.name))


def _current(conn: Connection, families: list[Family], name: str, etag: str) -> StoredFamily:
    stored = _stored(conn, _find(families, name))
    if etag not in (stored.etag, "*"):
        raise StaleEntryError(
            f"Family {name!r} has changed since you read it (now {stored.etag}); "
            "GET it again and redo the change on the new version."
        )
    return stored


def _last_revision(conn: Connection, name: str) -> int:
    table = bank_vocabulary_revisions
    query = select(func.max(table.c.revision)).where(table.c.name == name)
    return int(conn.execute(query).scalar_one() or 0)


def _record(
    conn: Connection,
    current: Family,
    family: Family | None,
    revision: int,
    author: Author,
    action: str,
    bank_revision: int,
) -> None:
    conn.execute(
        insert(bank_vocabulary_revisions).values(
            name=current.name,
            revision=revision,
            author_id=author.id,
            author=author.name,
            at=datetime.now(UTC),
            action=action,
            data=json.dumps(dump_family(family or current)),
            bank_revision=bank_revision,
        )
    )

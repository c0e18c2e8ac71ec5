"""A newer curated bank as a reviewable update: what changed upstream, what was edited here, and taking
some of it without overwriting the team's own edits.

Three versions of each entry meet: base (the curated entry the database last took in, the baseline),
ours (the database) and theirs (the shipped curated folder).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from replycoach.bank.files import BankData
from replycoach.bank.model import Entry
from replycoach.curated.baseline import read_baseline, write_baseline
from replycoach.errors import StaleUpdateError, UnknownChangeError
from replycoach.store.bank import BankStore
from replycoach.store.records import Author

ADDED, CHANGED, REMOVED = "added", "changed", "removed"


@dataclass(frozen=True)
class Change:
    """One entry the curated bank changed since the database last took it in."""

    id: str
    change: str  # added, changed or removed
    edited_here: bool  # the database's entry is no longer the curated one it took in
    base: Entry | None
    current: Entry | None
    curated: Entry | None


@dataclass(frozen=True)
class Review:
    """The curated update as a lead reviews it."""

    pending: bool
    revision: str  # the shipped curated bank's revision
    taken: str  # the curated revision the database last took in
    changes: list[Change]


@dataclass(frozen=True)
class Applied:
    """What a review did: the changes taken, and the pending ones declined (the bank keeps its own)."""

    revision: str
    taken: list[str]
    kept: list[str]


def compare(base: Sequence[Entry], ours: Sequence[Entry], theirs: Sequence[Entry]) -> list[Change]:
    """Every entry whose curated version changed (base != theirs), in the curated order, removed ones last.

    Entries the team created (in neither base nor theirs) are never part of it.
    """
    base_by, ours_by, theirs_by = _by_id(base), _by_id(ours), _by_id(theirs)
    ids = [e.id for e in theirs] + [e.id for e in base if e.id not in theirs_by]
    changes = []
    for entry_id in ids:
        was, now, mine = base_by.get(entry_id), theirs_by.get(entry_id), ours_by.get(entry_id)
        if was == now:
            continue
        change = ADDED if was is None else REMOVED if now is None else CHANGED
        edited_here = mine is not None if was is None else mine != was
        changes.append(Change(entry_id, change, edited_here, was, mine, now))
    return changes


def merge(ours: Sequence[Entry], theirs: Sequence[Entry], taken: Iterable[Change]) -> list[Entry]:
    """Our entries with the taken changes applied: a changed entry keeps its place, a new one goes after
    the curated entry before it (or before the one after it, or last)."""
    result = list(ours)
    order = [e.id for e in theirs]
    for change in sorted(taken, key=lambda c: order.index(c.id) if c.id in order else len(order)):
        ids = [e.id for e in result]
        if change.curated is None:
            if change.id in ids:
                del result[ids.index(change.id)]
        elif change.id in ids:
            result[ids.index(change.id)] = change.curated
        else:
            result.insert(_place(ids, order, change.id), change.curated)
    return result


class CuratedUpdate:
    """The curated update of one store: the shipped bank against the baseline and the database."""

    def __init__(self, store: BankStore, revision: str, shipped: Sequence[Entry]) -> None:
        self.store = store
        self.revision = revision
        self.shipped = tuple(shipped)

    def review(self) -> Review:
        """Whether a newer curated bank waits and, if so, every change it brings."""
        taken = self.store.curated_revision()
        pending = taken != self.revision
        return Review(pending, self.revision, taken, self._changes() if pending else [])

    def apply(self, revision: str, take: Sequence[str], author: Author) -> Applied:
        """Take exactly the changes named in `take` and mark the curated bank as taken in.

        The new bank is validated whole and applied in one transaction (InvalidEntryError changes
        nothing); declined changes are not offered again, since the baseline becomes the shipped bank.
        """
        if revision != self.revision or self.store.curated_revision() == self.revision:
            raise StaleUpdateError(self._stale_message(revision))
        snapshot = self.store.snapshot()
        ours = [s.entry for s in snapshot.entries]
        changes = compare(read_baseline(self.store.engine), ours, self.shipped)
        pending = [c.id for c in changes]
        unknown = list(dict.fromkeys(i for i in take if i not in pending))
        if unknown:
            raise UnknownChangeError(unknown, pending)
        chosen = [c for c in changes if c.id in take]
        entries = merge(ours, self.shipped, chosen)
        # One transaction: the entries, the curated revision and the new baseline, and only if no one
        # changed the bank since `snapshot` (StaleEntryError otherwise).
        self.store.import_bank(
            BankData(entries, list(snapshot.topics), list(snapshot.vocabulary)),
            author,
            curated_revision=self.revision,
            based_on=snapshot.revision,
            also=lambda conn: write_baseline(conn, self.shipped),
        )
        return Applied(self.revision, [c.id for c in chosen], [c.id for c in changes if c.id not in take])

    def _changes(self) -> list[Change]:
        ours = [s.entry for s in self.store.snapshot().entries]
        return compare(read_baseline(self.store.engine), ours, self.shipped)

    def _stale_message(self, revision: str) -> str:
        if revision != self.revision:
            return (
                f"The curated update on offer is {self.revision}, not {revision}; "
                "GET /v1/phrasebank/curated-update and review it again."
            )
        return f"The curated bank {self.revision} has already been taken in; no update is pending."


def _by_id(entries: Sequence[Entry]) -> dict[str, Entry]:
    return {e.id: e for e in entries}


def _place(ids: list[str], order: list[str], entry_id: str) -> int:
    """Where a curated entry goes among ours: after its curated predecessor, else before its successor."""
    at = order.index(entry_id)
    for before in reversed(order[:at]):
        if before in ids:
            return ids.index(before) + 1
    for after in order[at + 1 :]:
        if after in ids:
            return ids.index(after)
    return len(ids)

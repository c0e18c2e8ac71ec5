"""The curated baseline: the curated entries the database last took in, the base of a three-way review.

Without it, an entry that differs between the database and a newer curated bank could be an edit made here
or a change made upstream; with it, the two can be told apart.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from replycoach.bank.model import Entry
from replycoach.bank.schema import dump_entry
from replycoach.store.bank import BankStore
from replycoach.store.db import curated_baseline
from replycoach.store.records import parse_raw


def read_baseline(engine: Engine) -> list[Entry]:
    """The curated entries the database last took in, in the curated bank's order."""
    with engine.connect() as conn:
        rows = conn.execute(select(curated_baseline.c.entry).order_by(curated_baseline.c.position))
        raws: list[str] = list(rows.scalars())
        return [parse_raw(json.loads(raw)) for raw in raws]


def set_baseline(engine: Engine, entries: Sequence[Entry]) -> None:
    """Make the baseline exactly `entries` (in one transaction)."""
    with engine.begin() as conn:
        write_baseline(conn, entries)


def write_baseline(conn: Connection, entries: Sequence[Entry]) -> None:
    """Make the baseline exactly `entries`, inside the caller's transaction."""
    conn.execute(delete(curated_baseline))
    if entries:
        conn.execute(
            insert(curated_baseline),
            [
                {"id": entry.id, "position": position, "entry": json.dumps(dump_entry(entry))}
                for position, entry in enumerate(entries)
            ],
        )


def settle_baseline(store: BankStore, shipped: Sequence[Entry], shipped_revision: str) -> bool:
    """Record the shipped entries as the baseline when the database has taken them in but the baseline
    says otherwise (a database seeded before the baseline existed, or an interrupted review).

    Returns whether it wrote the baseline.
    """
    if store.curated_revision() != shipped_revision or read_baseline(store.engine) == list(shipped):
        return False
    try:
        set_baseline(store.engine, shipped)
    except IntegrityError:
        # Another instance, starting at the same moment, recorded the same baseline first.
        return False
    return True

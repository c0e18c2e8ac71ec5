"""Insight counters in the database: drafts analyzed per day, and per day and rule how often the rule fired
and what agents did with its flags. Only counts, rule ids and dates are stored: never text, never a draft id.

Counts arrive as a `Tally` gathered in memory (see `replycoach.web.insights`) and are added to the rows in
one transaction, with an upsert that adds, so every worker and instance sharing the database adds to the
same rows and a failed write adds nothing (the caller keeps the tally for the next try).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Table, and_, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from replycoach.store.db import insight_days, insight_rules

# What an agent can do with a flag, as the extension reports it.
ACTIONS = ("applied", "dismissed", "muted")
RULE_COUNTS = ("fired", *ACTIONS)
DAY_COUNTS = ("analyzed", "warnings")


@dataclass
class Tally:
    """Counts not yet written: per day [analyzed, warnings], and per (day, rule id) [fired, applied,
    dismissed, muted], as DAY_COUNTS and RULE_COUNTS name them (plain lists: every draft counts)."""

    days: dict[date, list[int]] = field(default_factory=dict)
    rules: dict[tuple[date, str], list[int]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.days or self.rules)

    def analysis(self, day: date, rule_ids: Iterable[str], warning: bool) -> None:
        """One analyzed draft: the rules its flags came from (a rule flagging twice counts twice)."""
        counts = self.days.get(day)
        if counts is None:
            counts = self.days[day] = [0] * len(DAY_COUNTS)
        counts[0] += 1
        if warning:
            counts[1] += 1
        for rule_id in rule_ids:
            self._rule(day, rule_id)[0] += 1

    def event(self, day: date, rule_id: str, action: str) -> None:
        """One action an agent took on a flag of `rule_id`."""
        self._rule(day, rule_id)[RULE_COUNTS.index(action)] += 1

    def merge(self, other: Tally) -> None:
        """Add another tally's counts to this one (a write that failed goes back in)."""
        for day, counts in other.days.items():
            mine = self.days.setdefault(day, [0] * len(DAY_COUNTS))
            mine[:] = [a + b for a, b in zip(mine, counts, strict=True)]
        for key, counts in other.rules.items():
            mine = self.rules.setdefault(key, [0] * len(RULE_COUNTS))
            mine[:] = [a + b for a, b in zip(mine, counts, strict=True)]

    def _rule(self, day: date, rule_id: str) -> list[int]:
        counts = self.rules.get((day, rule_id))
        if counts is None:
            counts = self.rules[(day, rule_id)] = [0] * len(RULE_COUNTS)
        return counts


@dataclass(frozen=True)
class RuleCounts:
    """One rule's counts over a range of days."""

    rule_id: str
    fired: int
    applied: int
    dismissed: int
    muted: int


@dataclass(frozen=True)
class DayCounts:
    """One day's counts: drafts analyzed, drafts with a warning, and flags raised (all rules)."""

    day: date
    analyzed: int
    warnings: int
    fired: int


@dataclass(frozen=True)
class Report:
    """The counts of a range of days, every day listed (oldest first), rules by most fired."""

    days: list[DayCounts]
    rules: list[RuleCounts]


class InsightStore:
    """The insight counters of one database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add(self, tally: Tally) -> None:
        """Add a tally to the stored counts in one transaction (all of it, or nothing on an error)."""
        day_rows = [
            {"day": day, **dict(zip(DAY_COUNTS, counts, strict=True))} for day, counts in tally.days.items()
        ]
        rule_rows = [
            {"day": day, "rule_id": rule_id, **dict(zip(RULE_COUNTS, counts, strict=True))}
            for (day, rule_id), counts in tally.rules.items()
        ]
        with self.engine.begin() as conn:
            _add_rows(conn, insight_days, ("day",), DAY_COUNTS, day_rows)
            _add_rows(conn, insight_rules, ("day", "rule_id"), RULE_COUNTS, rule_rows)

    def report(self, first: date, last: date) -> Report:
        """The stored counts from `first` to `last` (both included)."""
        in_range_days = and_(insight_days.c.day >= first, insight_days.c.day <= last)
        in_range_rules = and_(insight_rules.c.day >= first, insight_rules.c.day <= last)
        totals = [func.coalesce(func.sum(insight_rules.c[name]), 0).label(name) for name in RULE_COUNTS]
        with self.engine.connect() as conn:
            day_rows = conn.execute(select(insight_days).where(in_range_days)).all()
            fired_rows = conn.execute(
                select(insight_rules.c.day, func.sum(insight_rules.c.fired))
                .where(in_range_rules)
                .group_by(insight_rules.c.day)
            ).all()
            rule_rows = conn.execute(
                select(insight_rules.c.rule_id, *totals)
                .where(in_range_rules)
                .group_by(insight_rules.c.rule_id)
            ).all()
        stored = {row.day: row for row in day_rows}
        fired: Mapping[date, Any] = {row[0]: row[1] for row in fired_rows}
        days = []
        for offset in range((last - first).days + 1):
            day = first + timedelta(days=offset)
            row = stored.get(day)
            days.append(
                DayCounts(
                    day,
                    row.analyzed if row else 0,
                    row.warnings if row else 0,
                    int(fired.get(day) or 0),
                )
            )
        rules = [
            RuleCounts(row.rule_id, *(int(row._mapping[name]) for name in RULE_COUNTS)) for row in rule_rows
        ]
        rules.sort(key=lambda r: (-r.fired, -(r.applied + r.dismissed + r.muted), r.rule_id))
        return Report(days, rules)


def _add_rows(
    conn: Connection, table: Table, keys: tuple[str, ...], counts: tuple[str, ...], rows: list[dict[str, Any]]
) -> None:
    """Insert each row, or add its counts to the row already there with the same keys."""
    if not rows:
        return
    dialect = conn.dialect.name
    if dialect in ("sqlite", "postgresql"):
        # Both speak INSERT ... ON CONFLICT DO UPDATE: one statement per row, no read, no race.
        upsert = sqlite.insert(table) if dialect == "sqlite" else postgresql.insert(table)
        statement = upsert.on_conflict_do_update(
            index_elements=list(keys),
            set_={name: table.c[name] + upsert.excluded[name] for name in counts},
        )
        conn.execute(statement, rows)
        return
    # Other databases: an update that adds, then an insert where there was no row yet. A writer inserting
    # the same row in between makes the insert fail, and the transaction with it: the caller tries again.
    for row in rows:
        where = and_(*(table.c[key] == row[key] for key in keys))
        added = update(table).where(where).values({name: table.c[name] + row[name] for name in counts})
        if conn.execute(added).rowcount == 0:
            conn.execute(insert(table).values(row))

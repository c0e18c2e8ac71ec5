"""Counting an audit as it streams: one cell of counters per agent, team and week (every breakdown and every
filter of the report sums cells), the score distribution, what each rule says, and only the worst replies
(bounded heaps), so memory grows with the number of groups and rules, never with the rows."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from replycoach.audit.marks import Outcome
from replycoach.audit.rows import REASONS, Reply, Skipped
from replycoach.audit.worst import Example, Worst

# How many skipped rows are kept with their row number and reason; the rest are only counted.
SKIPPED_KEPT = 100

# A cell's key: its agent, team and ISO week (each None when the row has none).
CellKey = tuple[str | None, str | None, str | None]


@dataclass
class RuleTally:
    """One rule's flags in a cell: its warnings, its suggestions, and the replies it flagged."""

    warnings: int = 0
    suggestions: int = 0
    replies: int = 0


@dataclass
class Cell:
    """The counts of the replies of one agent, team and week."""

    replies: int = 0
    with_warning: int = 0
    with_flag: int = 0
    score_total: int = 0
    categories: Counter[str] = field(default_factory=Counter)  # replies flagged, per category
    rules: dict[str, RuleTally] = field(default_factory=dict)

    def add(self, outcome: Outcome) -> None:
        """Count one reply."""
        marks = outcome.marks
        self.replies += 1
        self.with_warning += outcome.warnings > 0
        self.with_flag += bool(marks)
        self.score_total += outcome.score
        for category in {mark.category for mark in marks}:
            self.categories[category] += 1
        for mark in marks:
            rule = self.rules.setdefault(mark.rule_id, RuleTally())
            if mark.severity == "warning":
                rule.warnings += 1
            else:
                rule.suggestions += 1
        for rule_id in {mark.rule_id for mark in marks}:
            self.rules[rule_id].replies += 1

    def merge(self, other: Cell) -> None:
        """Add another cell's counts to this one's."""
        self.replies += other.replies
        self.with_warning += other.with_warning
        self.with_flag += other.with_flag
        self.score_total += other.score_total
        self.categories.update(other.categories)
        for rule_id, theirs in other.rules.items():
            rule = self.rules.setdefault(rule_id, RuleTally())
            rule.warnings += theirs.warnings
            rule.suggestions += theirs.suggestions
            rule.replies += theirs.replies


@dataclass(frozen=True)
class Rule:
    """What a rule that flagged is: its category and its message (the words the report shows)."""

    category: str
    message: str


@dataclass
class Tally:
    """Everything an audit counts; `add` one analyzed reply, `skip` one skipped row."""

    keep: int = 20
    cells: dict[CellKey, Cell] = field(default_factory=dict)
    truncated: int = 0
    scores: Counter[int] = field(default_factory=Counter)
    rules: dict[str, Rule] = field(default_factory=dict)
    skipped: Counter[str] = field(default_factory=lambda: Counter(dict.fromkeys(REASONS, 0)))
    skipped_rows: list[Skipped] = field(default_factory=list)
    kept: Worst = field(init=False)

    def __post_init__(self) -> None:
        self.kept = Worst(self.keep)

    def add(self, reply: Reply, outcome: Outcome) -> None:
        """Count one analyzed reply."""
        self.truncated += outcome.truncated
        self.scores[outcome.score] += 1
        for mark in outcome.marks:
            if mark.rule_id not in self.rules:
                self.rules[mark.rule_id] = Rule(mark.category, mark.message)
        key = (reply.agent, reply.team, week_of(reply))
        cell = self.cells.get(key)
        if cell is None:
            cell = self.cells[key] = Cell()
        cell.add(outcome)
        if outcome.marks:
            self.kept.offer(reply, outcome)

    def skip(self, skipped: Skipped) -> None:
        """Count one skipped row (the first SKIPPED_KEPT are kept with their reason)."""
        self.skipped[skipped.reason] += 1
        if len(self.skipped_rows) < SKIPPED_KEPT:
            self.skipped_rows.append(skipped)

    def merge(self, other: Tally) -> None:
        """Add the counts of another part of the same file (rows counted once, in either): the result is the
        tally of all the rows, whichever part each was in."""
        for key, theirs in other.cells.items():
            self.cells.setdefault(key, Cell()).merge(theirs)
        self.truncated += other.truncated
        self.scores.update(other.scores)
        for rule_id, rule in other.rules.items():
            self.rules.setdefault(rule_id, rule)
        self.skipped.update(other.skipped)
        self.skipped_rows = sorted(self.skipped_rows + other.skipped_rows, key=lambda s: s.row)[:SKIPPED_KEPT]
        self.kept.merge(other.kept)

    def worst(self) -> list[Example]:
        """The kept worst replies overall, worst first."""
        return self.kept.overall_first()


def week_of(reply: Reply) -> str | None:
    """The ISO week a reply was sent in, as `2026-W10`."""
    if reply.day is None:
        return None
    year, number, _ = reply.day.isocalendar()
    return f"{year}-W{number:02d}"

"""Counting an audit as it streams: counters per category, rule, agent, team and week, the score
distribution, and only the N worst replies (a bounded heap), so memory does not grow with the file."""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field

from replycoach.audit.rows import REASONS, Reply, Skipped
from replycoach.engine import Analysis

# How many skipped rows are kept with their row number and reason; the rest are only counted.
SKIPPED_KEPT = 100


@dataclass
class Group:
    """The replies of one agent, team or week, or all of them."""

    replies: int = 0
    with_warning: int = 0
    with_flag: int = 0
    score_total: int = 0

    def add(self, warned: bool, flagged: bool, score: int) -> None:
        """Count one reply."""
        self.replies += 1
        self.with_warning += warned
        self.with_flag += flagged
        self.score_total += score


@dataclass
class RuleCount:
    """How often one bank entry flagged: its flags, and the replies with at least one of them."""

    category: str
    severity: str
    flags: int = 0
    replies: int = 0


@dataclass(frozen=True)
class Mark:
    """One flag of a worst example, as the report shows it."""

    start: int
    end: int
    rule_id: str
    category: str
    severity: str
    text: str
    message: str


@dataclass(frozen=True)
class Example:
    """A reply kept for the report's worst examples."""

    reply: Reply
    score: int
    marks: tuple[Mark, ...]

    @property
    def warnings(self) -> int:
        """How many of its flags are warnings."""
        return sum(mark.severity == "warning" for mark in self.marks)


@dataclass
class Tally:
    """Everything an audit counts; `add` one analyzed reply, `skip` one skipped row."""

    keep: int = 20
    total: Group = field(default_factory=Group)  # all the analyzed replies
    truncated: int = 0
    flags: int = 0
    warnings: int = 0
    scores: Counter[int] = field(default_factory=Counter)
    rules: dict[str, RuleCount] = field(default_factory=dict)
    category_flags: Counter[str] = field(default_factory=Counter)
    category_replies: Counter[str] = field(default_factory=Counter)
    agents: dict[str | None, Group] = field(default_factory=dict)
    teams: dict[str | None, Group] = field(default_factory=dict)
    weeks: dict[str | None, Group] = field(default_factory=dict)
    skipped: Counter[str] = field(default_factory=lambda: Counter(dict.fromkeys(REASONS, 0)))
    skipped_rows: list[Skipped] = field(default_factory=list)
    _worst: list[tuple[tuple[int, int, int, int], Example]] = field(default_factory=list)

    def add(self, reply: Reply, analysis: Analysis) -> None:
        """Count one analyzed reply (the flags exactly as /v1/analyze returns them)."""
        flags = analysis.flags
        warnings = sum(flag.severity == "warning" for flag in flags)
        warned = warnings > 0
        self.truncated += analysis.truncated
        self.flags += len(flags)
        self.warnings += warnings
        self.scores[analysis.score] += 1
        seen_rules: set[str] = set()
        for flag in flags:
            entry = flag.entry
            count = self.rules.get(entry.id)
            if count is None:
                count = self.rules[entry.id] = RuleCount(entry.category, entry.severity)
            count.flags += 1
            self.category_flags[entry.category] += 1
            if entry.id not in seen_rules:
                count.replies += 1
                seen_rules.add(entry.id)
        for category in {flag.entry.category for flag in flags}:
            self.category_replies[category] += 1
        week = None
        if reply.day is not None:
            year, number, _ = reply.day.isocalendar()
            week = f"{year}-W{number:02d}"
        self.total.add(warned, bool(flags), analysis.score)
        for groups, key in ((self.agents, reply.agent), (self.teams, reply.team), (self.weeks, week)):
            groups.setdefault(key, Group()).add(warned, bool(flags), analysis.score)
        if flags and self.keep > 0:
            self._keep_if_worse(reply, analysis, warnings)

    def skip(self, skipped: Skipped) -> None:
        """Count one skipped row (the first SKIPPED_KEPT are kept with their reason)."""
        self.skipped[skipped.reason] += 1
        if len(self.skipped_rows) < SKIPPED_KEPT:
            self.skipped_rows.append(skipped)

    def worst(self) -> list[Example]:
        """The kept worst replies, worst first."""
        return [example for _, example in sorted(self._worst, key=lambda kept: kept[0], reverse=True)]

    def _keep_if_worse(self, reply: Reply, analysis: Analysis, warnings: int) -> None:
        # Larger is worse: the lowest score, then the most warnings, the most flags, the earliest row.
        badness = (
            -analysis.score,
            warnings,
            len(analysis.flags),
            -reply.row,
        )
        # The heap's top is the mildest kept example: a new one enters only if it is worse.
        if len(self._worst) == self.keep and badness <= self._worst[0][0]:
            return
        marks = tuple(
            Mark(
                flag.span.start,
                flag.span.end,
                flag.entry.id,
                flag.entry.category,
                flag.entry.severity,
                flag.text,
                flag.entry.message,
            )
            for flag in analysis.flags
        )
        kept = (badness, Example(reply, analysis.score, marks))
        if len(self._worst) < self.keep:
            heapq.heappush(self._worst, kept)
        else:
            heapq.heapreplace(self._worst, kept)

"""The replies an audit keeps to show: the N lowest-scoring overall, and the few lowest-scoring of each rule
and each agent (what the report lists when a lead clicks one). Bounded heaps, so memory does not grow with
the file: a reply is kept only while it is among the worst of some list."""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from replycoach.audit.marks import Outcome
from replycoach.audit.rows import Reply

# How many replies are kept for each rule and each agent (the report's drill-down).
PER_GROUP = 5

# Larger is worse: the lowest score, then the most warnings, the most flags, the earliest row.
Badness = tuple[int, int, int, int]


@dataclass(frozen=True)
class Example:
    """A kept reply and its outcome."""

    reply: Reply
    outcome: Outcome

    @property
    def score(self) -> int:
        return self.outcome.score

    @property
    def badness(self) -> Badness:
        return (-self.score, self.outcome.warnings, len(self.outcome.marks), -self.reply.row)


class Bounded:
    """The `size` worst examples offered to it."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._heap: list[tuple[Badness, Example]] = []  # the top is the mildest kept

    def would_keep(self, badness: Badness) -> bool:
        """Whether an example this bad would enter."""
        return self.size > 0 and (len(self._heap) < self.size or badness > self._heap[0][0])

    def offer(self, example: Example) -> None:
        """Keep `example` if it is among the worst so far."""
        badness = example.badness
        if not self.would_keep(badness):
            return
        if len(self._heap) < self.size:
            heapq.heappush(self._heap, (badness, example))
        else:
            heapq.heapreplace(self._heap, (badness, example))

    def merge(self, other: Bounded) -> None:
        """Keep the worst of both: the same as if every example had been offered here."""
        for _, example in other._heap:
            self.offer(example)

    def worst_first(self) -> list[Example]:
        return [example for _, example in sorted(self._heap, key=lambda kept: kept[0], reverse=True)]


class Worst:
    """The worst replies overall (`keep`) and per rule and per agent (`per_group` each)."""

    def __init__(self, keep: int, per_group: int = PER_GROUP) -> None:
        self.overall = Bounded(keep)
        self.per_group = per_group
        self.rules: dict[str, Bounded] = {}
        self.agents: dict[str, Bounded] = {}

    def offer(self, reply: Reply, outcome: Outcome) -> None:
        """Consider one flagged reply for every list it belongs to."""
        lists = [self.overall]
        for rule_id in dict.fromkeys(mark.rule_id for mark in outcome.marks):
            lists.append(self.rules.setdefault(rule_id, Bounded(self.per_group)))
        if reply.agent is not None:
            lists.append(self.agents.setdefault(reply.agent, Bounded(self.per_group)))
        example = Example(reply, outcome)
        badness = example.badness
        for kept in lists:
            if kept.would_keep(badness):
                kept.offer(example)

    def merge(self, other: Worst) -> None:
        """Keep the worst of both, list by list."""
        self.overall.merge(other.overall)
        for mine, theirs in ((self.rules, other.rules), (self.agents, other.agents)):
            for name, kept in theirs.items():
                mine.setdefault(name, Bounded(self.per_group)).merge(kept)

    def overall_first(self) -> list[Example]:
        """The overall worst replies, worst first."""
        return self.overall.worst_first()

    def every_kept(self) -> list[Example]:
        """Every reply kept by any list, once each, worst first."""
        seen: dict[int, Example] = {}
        for kept in [self.overall, *self.rules.values(), *self.agents.values()]:
            for example in kept.worst_first():
                seen.setdefault(example.reply.row, example)
        return sorted(seen.values(), key=lambda example: example.badness, reverse=True)

    def rows_by_rule(self) -> dict[str, list[int]]:
        """Each rule's kept replies, as rows, worst first."""
        return {rule: [e.reply.row for e in kept.worst_first()] for rule, kept in self.rules.items()}

    def rows_by_agent(self) -> dict[str, list[int]]:
        """Each agent's kept replies, as rows, worst first."""
        return {agent: [e.reply.row for e in kept.worst_first()] for agent, kept in self.agents.items()}

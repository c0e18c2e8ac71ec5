"""summary.json: an audit's counts as plain data, every breakdown summed from the tally's cells. The HTML
report is drawn from the same dictionary (and its filters from the same cells), so they always agree."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from replycoach.audit.tally import Cell, CellKey, Tally

# The optional columns that give a breakdown, and the key each breakdown's rows name their group by.
BREAKDOWNS = (("agent", "by_agent"), ("team", "by_team"), ("date", "by_week"))

# Groups (agents, teams, weeks) with fewer replies than this are marked as small samples.
MIN_REPLIES = 10


@dataclass
class Group:
    """The sum of some cells: the replies of one agent, team or week, or all of them."""

    replies: int = 0
    with_warning: int = 0
    with_flag: int = 0
    score_total: int = 0

    def add(self, cell: Cell) -> None:
        self.replies += cell.replies
        self.with_warning += cell.with_warning
        self.with_flag += cell.with_flag
        self.score_total += cell.score_total


def summary(
    tally: Tally, source: str, bank: str, present: frozenset[str], min_replies: int = MIN_REPLIES
) -> dict[str, Any]:
    """The summary of an audit of `source` with `bank`; `present` names the optional columns the file had
    (agent, team, date), each of which adds its breakdown, whose groups of fewer than `min_replies` replies
    are marked `small_sample`."""
    total = _sum(tally.cells.values())
    rules = _rules(tally)
    warnings = sum(r["warnings"] for r in rules)
    result: dict[str, Any] = {
        "file": source,
        "bank": bank,
        "replies": total.replies,
        "skipped": {"rows": sum(tally.skipped.values()), **tally.skipped},
        "with_warning": total.with_warning,
        "with_flag": total.with_flag,
        "mean_score": _mean(total.score_total, total.replies),
        "flags": sum(r["flags"] for r in rules),
        "warnings": warnings,
        "suggestions": sum(r["suggestions"] for r in rules),
        "truncated": tally.truncated,
        "min_replies": min_replies,
        "scores": [{"score": score, "replies": n} for score, n in sorted(tally.scores.items(), reverse=True)],
        "by_category": _categories(tally, rules),
        "by_rule": rules,
    }
    axes: dict[str, Callable[[CellKey], str | None]] = {
        "agent": lambda key: key[0],
        "team": lambda key: key[1],
        "date": lambda key: key[2],
    }
    for column, key in BREAKDOWNS:
        if column in present:
            name = "week" if column == "date" else column
            groups = _grouped(tally, axes[column])
            result[key] = [
                _group(name, value, group, min_replies) for value, group in _ordered(column, groups)
            ]
    result["skipped_rows"] = [
        {"row": s.row, "line": s.line, "reason": s.reason, "detail": s.detail} for s in tally.skipped_rows
    ]
    return result


def _sum(cells: Iterable[Cell]) -> Group:
    group = Group()
    for cell in cells:
        group.add(cell)
    return group


def _grouped(tally: Tally, axis: Callable[[CellKey], str | None]) -> dict[str | None, Group]:
    groups: dict[str | None, Group] = {}
    for key, cell in tally.cells.items():
        groups.setdefault(axis(key), Group()).add(cell)
    return groups


def _rules(tally: Tally) -> list[dict[str, Any]]:
    """Every rule that flagged, most flags first: its message, and its flags of each severity."""
    counts: dict[str, list[int]] = {}
    for cell in tally.cells.values():
        for rule_id, rule in cell.rules.items():
            count = counts.setdefault(rule_id, [0, 0, 0])
            count[0] += rule.warnings
            count[1] += rule.suggestions
            count[2] += rule.replies
    rows: list[dict[str, Any]] = [
        {
            "rule_id": rule_id,
            "message": tally.rules[rule_id].message,
            "category": tally.rules[rule_id].category,
            # A suggestion becomes a warning when the flag its entry names follows it: a rule can have both.
            "severity": "warning" if warnings else "suggestion",
            "flags": warnings + suggestions,
            "warnings": warnings,
            "suggestions": suggestions,
            "replies": replies,
        }
        for rule_id, (warnings, suggestions, replies) in counts.items()
    ]
    rows.sort(key=lambda r: (-r["flags"], r["rule_id"]))
    return rows


def _categories(tally: Tally, rules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    replies: dict[str, int] = {}
    for cell in tally.cells.values():
        for category, n in cell.categories.items():
            replies[category] = replies.get(category, 0) + n
    flags: dict[str, list[int]] = {}
    for rule in rules:
        count = flags.setdefault(rule["category"], [0, 0])
        count[0] += rule["warnings"]
        count[1] += rule["suggestions"]
    rows: list[dict[str, Any]] = [
        {
            "category": category,
            "flags": w + s,
            "warnings": w,
            "suggestions": s,
            "replies": replies[category],
        }
        for category, (w, s) in flags.items()
    ]
    rows.sort(key=lambda c: (-c["flags"], c["category"]))
    return rows


def _ordered(column: str, groups: dict[str | None, Group]) -> list[tuple[str | None, Group]]:
    """Weeks in time order; agents and teams by most replies, then name. Rows without a value come last."""
    named: list[tuple[str | None, Group]] = [(v, g) for v, g in groups.items() if v is not None]
    if column == "date":
        named.sort(key=lambda vg: vg[0] or "")
    else:
        named.sort(key=lambda vg: (-vg[1].replies, vg[0] or ""))
    if None in groups:
        named.append((None, groups[None]))
    return named


def _group(name: str, value: str | None, group: Group, min_replies: int) -> dict[str, Any]:
    return {
        name: value,
        "replies": group.replies,
        "with_warning": group.with_warning,
        "with_flag": group.with_flag,
        "mean_score": _mean(group.score_total, group.replies),
        "small_sample": group.replies < min_replies,
    }


def _mean(total: int, count: int) -> float | None:
    return round(total / count, 2) if count else None

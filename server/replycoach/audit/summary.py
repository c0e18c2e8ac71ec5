"""summary.json: an audit's counts as plain data. The HTML report is drawn from the same dictionary, so the
two always agree."""

from __future__ import annotations

from typing import Any

from replycoach.audit.tally import Group, Tally

# The optional columns that give a breakdown, and the key each breakdown's rows name their group by.
BREAKDOWNS = (("agent", "by_agent"), ("team", "by_team"), ("date", "by_week"))


def summary(tally: Tally, source: str, bank: str, present: frozenset[str]) -> dict[str, Any]:
    """The summary of an audit of `source` with `bank`; `present` names the optional columns the file had
    (agent, team, date), each of which adds its breakdown."""
    total = tally.total
    result: dict[str, Any] = {
        "file": source,
        "bank": bank,
        "replies": total.replies,
        "skipped": {"rows": sum(tally.skipped.values()), **tally.skipped},
        "with_warning": total.with_warning,
        "with_flag": total.with_flag,
        "mean_score": _mean(total.score_total, total.replies),
        "flags": tally.flags,
        "warnings": tally.warnings,
        "truncated": tally.truncated,
        "scores": [{"score": score, "replies": n} for score, n in sorted(tally.scores.items(), reverse=True)],
        "by_category": [
            {"category": category, "flags": flags, "replies": tally.category_replies[category]}
            for category, flags in sorted(tally.category_flags.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "by_rule": [
            {
                "rule_id": rule_id,
                "category": count.category,
                "severity": count.severity,
                "flags": count.flags,
                "replies": count.replies,
            }
            for rule_id, count in sorted(tally.rules.items(), key=lambda kv: (-kv[1].flags, kv[0]))
        ],
    }
    groups = {"agent": tally.agents, "team": tally.teams, "date": tally.weeks}
    for column, key in BREAKDOWNS:
        if column in present:
            name = "week" if column == "date" else column
            result[key] = [_group(name, value, group) for value, group in _ordered(column, groups[column])]
    result["skipped_rows"] = [
        {"row": s.row, "line": s.line, "reason": s.reason, "detail": s.detail} for s in tally.skipped_rows
    ]
    return result


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


def _group(name: str, value: str | None, group: Group) -> dict[str, Any]:
    return {
        name: value,
        "replies": group.replies,
        "with_warning": group.with_warning,
        "with_flag": group.with_flag,
        "mean_score": _mean(group.score_total, group.replies),
    }


def _mean(total: int, count: int) -> float | None:
    return round(total / count, 2) if count else None

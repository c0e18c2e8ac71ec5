"""Comparing an audit with an earlier one (`--compare previous.json`, that run's summary.json): the change in
the share of replies flagged per category and with a warning per team and overall, and the earlier weeks for
the weekly chart's second series. Shares are in tenths of a percent (see `shares`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from replycoach.audit.shares import tenths
from replycoach.errors import InputError

# What a summary.json must hold to be compared with.
NEEDED = {"replies": int, "with_warning": int, "by_category": list}


def read_previous(path: Path) -> dict[str, Any]:
    """An earlier summary.json, checked enough to compare with; InputError says what is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(f"{path}: cannot read it: {err.strerror}") from err
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not UTF-8 text; give the summary.json of an earlier audit") from err
    try:
        previous = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(
            f"{path}: not JSON (line {err.lineno}, column {err.colno}: {err.msg}); "
            "give the summary.json of an earlier `replycoach audit --json`"
        ) from err
    if not isinstance(previous, dict):
        raise InputError(f"{path}: not a summary.json of `replycoach audit` (expected a JSON object)")
    for key, kind in NEEDED.items():
        if not isinstance(previous.get(key), kind) or isinstance(previous.get(key), bool):
            raise InputError(
                f"{path}: not a summary.json of `replycoach audit`: "
                f"`{key}` is missing or not a {'number' if kind is int else 'list'}"
            )
    if previous["replies"] <= 0:
        raise InputError(f"{path}: the earlier audit analyzed no replies; there is nothing to compare with")
    return previous


def compare(current: dict[str, Any], previous: dict[str, Any], source: str) -> dict[str, Any]:
    """The `compare` part of a summary: each share now and before, in tenths of a percent (None: the earlier
    audit had no such group)."""
    result: dict[str, Any] = {
        "file": source,
        "replies": previous["replies"],
        "with_warning": _pair(
            current["with_warning"], current["replies"], previous["with_warning"], previous["replies"]
        ),
    }
    before = {c.get("category"): c for c in _dicts(previous["by_category"])}
    now = {c["category"]: c for c in current["by_category"]}
    result["by_category"] = [
        {
            "category": name,
            **_pair(
                now[name]["replies"] if name in now else 0,
                current["replies"],
                before[name].get("replies") if name in before else None,
                previous["replies"],
            ),
        }
        for name in [*now, *sorted(n for n in before if n not in now and isinstance(n, str))]
    ]
    if "by_team" in current:
        teams = {t.get("team"): t for t in _dicts(previous.get("by_team", []))}
        result["by_team"] = [
            {
                "team": t["team"],
                **_pair(
                    t["with_warning"],
                    t["replies"],
                    teams[t["team"]].get("with_warning") if t["team"] in teams else None,
                    teams[t["team"]].get("replies") if t["team"] in teams else None,
                ),
            }
            for t in current["by_team"]
        ]
    weeks = [w for w in _dicts(previous.get("by_week", [])) if isinstance(w.get("week"), str)]
    result["weeks"] = [
        {"week": w["week"], "with_warning": tenths(w["with_warning"], w["replies"])}
        for w in weeks
        if _count(w.get("with_warning")) is not None and _count(w.get("replies"))
    ]
    return result


def _pair(part: int, whole: int, part_before: Any, whole_before: Any) -> dict[str, int | None]:
    """A share now and before, in tenths of a percent; before is None when it cannot be computed."""
    now = tenths(part, whole) if whole else None
    ok = _count(part_before) is not None and _count(whole_before)
    return {"now": now, "before": tenths(part_before, whole_before) if ok else None}


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _dicts(items: Any) -> list[dict[str, Any]]:
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []

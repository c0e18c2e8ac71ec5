"""report.html: one self-contained page (styles, charts, data and its one script inline, nothing loaded from
anywhere) drawn from the summary and the kept replies. Every text from the export goes in through Jinja2's
autoescaping, so a reply holding markup shows that markup as characters; the script's data is JSON in a
data block whose `<` are escaped, and the script writes text, never markup. The content policy lets only
that script run, by its hash."""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from replycoach.audit import shares
from replycoach.audit.charts import charts
from replycoach.audit.marks import Mark
from replycoach.audit.tally import Tally, week_of

TEMPLATES = Path(__file__).parent / "templates"
_ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, keep_trailing_newline=True)
SCRIPT = (TEMPLATES / "report.js").read_text(encoding="utf-8")
SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")


@dataclass(frozen=True)
class Piece:
    """A run of a reply's text, and the flag it is highlighted for (None: plain text)."""

    text: str
    mark: Mark | None = None


def pieces(text: str, marks: tuple[Mark, ...]) -> list[Piece]:
    """The reply cut at its flags' spans. Flags with an empty span (a sentence to insert) are not
    highlighted, nor is a flag overlapping one before it; the report lists every flag below the text."""
    cut: list[Piece] = []
    cursor = 0
    for mark in sorted(marks, key=lambda m: (m.start, m.end)):
        if mark.end <= mark.start or mark.start < cursor:
            continue
        if mark.start > cursor:
            cut.append(Piece(text[cursor : mark.start]))
        cut.append(Piece(text[mark.start : mark.end], mark))
        cursor = mark.end
    if cursor < len(text):
        cut.append(Piece(text[cursor:]))
    return cut


def render_report(summary: dict[str, Any], tally: Tally, now: datetime | None = None) -> str:
    """The whole HTML page."""
    drawn = charts(summary)
    kept = tally.kept.every_kept()
    shown = {example.reply.row for example in tally.worst()}
    template = _ENV.get_template("report.html.j2")
    return template.render(
        s=summary,
        charts=[(chart, Markup(chart.svg)) for chart in drawn],
        examples=[
            (example, pieces(example.reply.text, example.outcome.marks), example.reply.row in shown)
            for example in kept
        ],
        shown=len(shown),
        means=_means(tally),
        week_of=week_of,
        data=Markup(_data_block(summary, tally)),
        script=Markup(SCRIPT),
        script_hash=SCRIPT_HASH,
        generated=(now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC"),
        percent=shares.percent,
        mean=shares.mean,
        change=shares.change,
        categories_of=lambda example: " ".join(sorted({m.category for m in example.outcome.marks})),
        rules_of=lambda example: " ".join(sorted({m.rule_id for m in example.outcome.marks})),
    )


def _means(tally: Tally) -> dict[str, Any]:
    """The mean score of every group as the page prints it, from the cells' integer totals."""
    sums: dict[str, dict[str | None, list[int]]] = {"by_agent": {}, "by_team": {}, "by_week": {}}
    total = [0, 0]
    for key, cell in tally.cells.items():
        for breakdown, value in zip(("by_agent", "by_team", "by_week"), key, strict=True):
            group = sums[breakdown].setdefault(value, [0, 0])
            group[0] += cell.score_total
            group[1] += cell.replies
        total[0] += cell.score_total
        total[1] += cell.replies
    means: dict[str, Any] = {
        breakdown: {value: shares.mean(*pair) for value, pair in groups.items()}
        for breakdown, groups in sums.items()
    }
    means["total"] = shares.mean(*total)
    return means


def _data_block(summary: dict[str, Any], tally: Tally) -> str:
    """The counts the script filters: each cell (agent, team, week) with its replies and rule counts, the
    rules' words, and the comparison. JSON with every `<`, `>` and `&` escaped, safe inside a script tag."""
    agents: dict[str | None, int] = {}
    teams: dict[str | None, int] = {}
    weeks: dict[str | None, int] = {}
    rule_ids = sorted(tally.rules)
    rule_index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    cells = []
    # In key order, so the page is the same whichever process counted which rows.
    ordered = sorted(tally.cells.items(), key=lambda kc: tuple((v is None, v or "") for v in kc[0]))
    for (agent, team, week), cell in ordered:
        cells.append(
            [
                agents.setdefault(agent, len(agents)),
                teams.setdefault(team, len(teams)),
                weeks.setdefault(week, len(weeks)),
                cell.replies,
                cell.with_warning,
                cell.with_flag,
                cell.score_total,
                dict(sorted(cell.categories.items())),
                {
                    rule_index[r]: [t.warnings, t.suggestions, t.replies]
                    for r, t in sorted(cell.rules.items(), key=lambda rt: rule_index[rt[0]])
                },
            ]
        )
    data = {
        "present": sorted(name for name in ("by_agent", "by_team", "by_week") if name in summary),
        "agents": list(agents),
        "teams": list(teams),
        "weeks": list(weeks),
        "rules": [
            {"id": r, "message": tally.rules[r].message, "category": tally.rules[r].category}
            for r in rule_ids
        ],
        "cells": cells,
        "minReplies": summary["min_replies"],
        "compare": summary.get("compare"),
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")

"""report.html: one self-contained page (styles and charts inline, nothing loaded from anywhere, no script)
drawn from the summary and the worst examples. Every text from the export goes in through Jinja2's
autoescaping, so a reply holding markup shows that markup as characters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from replycoach.audit.charts import charts
from replycoach.audit.tally import Example, Mark

_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True, keep_trailing_newline=True
)


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


def render_report(summary: dict[str, Any], worst: list[Example], now: datetime | None = None) -> str:
    """The whole HTML page."""
    drawn = charts(summary)
    template = _ENV.get_template("report.html.j2")
    return template.render(
        s=summary,
        charts=[(chart, Markup(chart.svg)) for chart in drawn],
        examples=[(example, pieces(example.reply.text, example.marks)) for example in worst],
        generated=(now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC"),
        percent=_percent,
    )


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"

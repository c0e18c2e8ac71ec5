"""What an audit keeps of one analyzed reply: its score and its flags, each with the first rewrite the
service would offer. Small and picklable, so a worker process sends it back instead of the analysis."""

from __future__ import annotations

from dataclasses import dataclass

from replycoach.engine import Analysis


@dataclass(frozen=True)
class Mark:
    """One flag of a reply, as the report shows it: where, which rule, and the first suggested rewrite:
    `rewrite` takes the place of `replaced` (the flagged words, or their sentence), or is inserted before
    it when `scope` is `insert`."""

    start: int
    end: int
    rule_id: str
    category: str
    severity: str
    text: str
    message: str
    rewrite: str | None = None
    scope: str | None = None
    replaced: str = ""


@dataclass(frozen=True)
class Outcome:
    """One reply's analysis, reduced to what the counts and the report need."""

    score: int
    truncated: bool
    marks: tuple[Mark, ...]

    @property
    def warnings(self) -> int:
        """How many of its flags are warnings."""
        return sum(mark.severity == "warning" for mark in self.marks)


def outcome(text: str, analysis: Analysis) -> Outcome:
    """The outcome of the analysis of `text` (the flags exactly as /v1/analyze returns them)."""
    marks = []
    for flag in analysis.flags:
        first = flag.suggestions[0] if flag.suggestions else None
        rewrite = first.text if first else None
        if first is not None and first.scope == "insert":
            # An inserted sentence carries the space after it, and the letter it capitalizes after that.
            replaced = text[first.span.start : first.span.end]
            if replaced and first.text.endswith(replaced.upper()):
                rewrite = first.text[: -len(replaced)]
            rewrite = (rewrite or "").strip()
        marks.append(
            Mark(
                flag.span.start,
                flag.span.end,
                flag.entry.id,
                flag.entry.category,
                flag.severity,
                flag.text,
                flag.entry.message,
                rewrite,
                first.scope if first else None,
                text[first.span.start : first.span.end] if first else "",
            )
        )
    return Outcome(analysis.score, analysis.truncated, tuple(marks))

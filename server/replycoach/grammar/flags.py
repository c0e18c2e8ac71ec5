"""LanguageTool's matches as flags shaped like the engine's, and their merge with the bank's flags."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from replycoach.engine import Flag, Span, Suggestion
from replycoach.engine.results import flag_dict
from replycoach.engine.text import Utf16Offsets

RULE_PREFIX = "lt."
CATEGORY = "grammar"
MAX_SUGGESTIONS = 5
# LanguageTool's issue types (from the W3C ITS localization-quality list): these two are errors a reader
# notices; the others (style, whitespace, typographical, ...) are suggestions.
_WARNING_ISSUE_TYPES = frozenset({"misspelling", "grammar"})
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class GrammarFlag:
    """One problem LanguageTool found, as a flag with the same fields as the bank's flags."""

    id: str
    rule_id: str
    severity: str
    text: str
    span: Span
    message: str
    why: str
    suggestions: tuple[Suggestion, ...]
    # LanguageTool's own match, as its server answered it (the LanguageTool API answers it on as it was).
    source: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)

    @property
    def category(self) -> str:
        return CATEGORY

    def to_dict(self) -> dict[str, Any]:
        """The flag as the API and CLI report it, in the shape of the bank's flags."""
        return flag_dict(self)


class CodePoints:
    """Converts UTF-16 offsets of one text (as LanguageTool, written in Java, counts) to code points."""

    def __init__(self, text: str) -> None:
        self._length = len(text)
        # The UTF-16 offset of each character outside the Basic Multilingual Plane (two code units each).
        self._astral_utf16 = [m.start() + i for i, m in enumerate(_ASTRAL.finditer(text))]

    def __call__(self, offset_utf16: int) -> int | None:
        """The code-point offset, or None when it is outside the text or splits a surrogate pair."""
        before = bisect.bisect_left(self._astral_utf16, offset_utf16)
        if before and self._astral_utf16[before - 1] + 1 == offset_utf16:
            return None
        index = offset_utf16 - before
        return index if 0 <= index <= self._length else None


def grammar_flags(text: str, matches: Iterable[Mapping[str, Any]]) -> list[GrammarFlag]:
    """LanguageTool's `matches` for `text` as flags, in order, one per span; bad matches are dropped."""
    to_code_points = CodePoints(text)
    to_utf16 = Utf16Offsets(text)
    flags: list[GrammarFlag] = []
    for match in matches:
        flag = _flag(text, match, to_code_points, to_utf16)
        if flag is not None:
            flags.append(flag)
    flags.sort(key=lambda f: (f.span.start, f.span.end))
    kept: list[GrammarFlag] = []
    for flag in flags:
        if not kept or kept[-1].span.end <= flag.span.start:
            kept.append(flag)
    return kept


def _flag(
    text: str, match: Mapping[str, Any], to_code_points: CodePoints, to_utf16: Utf16Offsets
) -> GrammarFlag | None:
    # The server is another program: anything missing or out of range drops that one match.
    try:
        offset, length = int(match["offset"]), int(match["length"])
        rule = match["rule"]
        rule_id = RULE_PREFIX + str(rule["id"])
        issue_type = str(rule.get("issueType", ""))
        message = str(match["message"])
        why = str(rule.get("description") or match.get("shortMessage") or message)
        values = [str(r["value"]) for r in match.get("replacements") or []]
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    start, end = to_code_points(offset), to_code_points(offset + length)
    if start is None or end is None or start >= end:
        return None
    span = Span(start, end, to_utf16(start), to_utf16(end))
    return GrammarFlag(
        id=f"{rule_id}@{start}",
        rule_id=rule_id,
        severity="warning" if issue_type in _WARNING_ISSUE_TYPES else "suggestion",
        text=text[start:end],
        span=span,
        message=message,
        why=why,
        suggestions=tuple(Suggestion(value, span, "phrase") for value in values[:MAX_SUGGESTIONS]),
        source=match,
    )


def merge_flags(bank: Sequence[Flag], grammar: Sequence[GrammarFlag]) -> list[Flag | GrammarFlag]:
    """The bank's flags and the grammar flags that overlap none of them, in order of the draft."""
    taken = sorted((f.span.start, f.span.end) for f in bank)
    starts = [start for start, _ in taken]
    kept: list[Flag | GrammarFlag] = list(bank)
    for flag in grammar:
        # The bank spans do not overlap one another, so only the last one starting before this flag's end
        # can reach into it.
        i = bisect.bisect_left(starts, flag.span.end)
        if i and taken[i - 1][1] > flag.span.start:
            continue
        kept.append(flag)
    kept.sort(key=lambda f: (f.span.start, f.span.end))
    return kept

"""A flag as one of LanguageTool's matches: offsets in UTF-16 code units of the original text, 40 characters
of context either side, the sentence, the rule and its category, and the rewrites as replacements of the
flagged words.

A bank flag's rule is its entry (id, category, why as the description); a warning is an issue of `register`
(the wrong tone for the reader, in the W3C ITS list LanguageTool uses), a suggestion one of `style`, which
LanguageTool's clients show as a hint. A grammar flag is LanguageTool's own match, answered on as it came.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from typing import Any

from replycoach.engine.results import FlagFields, Suggestion
from replycoach.engine.text import Utf16Offsets
from replycoach.grammar.flags import RULE_PREFIX, GrammarFlag
from replycoach.ltapi.annotated import Annotated

CONTEXT_CHARS = 40
ELLIPSIS = "..."
ISSUE_TYPES = {"warning": "register", "suggestion": "style"}
TYPE_NAMES = {"warning": "Other", "suggestion": "Hint"}


class Utf16:
    """UTF-16 offsets of one text, and back (LanguageTool's offsets count UTF-16 code units, as Java does);
    the forward map is the engine's own (`Utf16Offsets`)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.units = Utf16Offsets(text)
        self.length = self.units(len(text))

    def index(self, units: int, *, up: bool) -> int:
        """The code point at UTF-16 offset `units`; inside a surrogate pair, the character's start or
        (`up`) its end."""
        low, high = 0, len(self.text)
        while low < high:
            middle = (low + high) // 2
            if self.units(middle) < units:
                low = middle + 1
            else:
                high = middle
        if self.units(low) > units and not up:
            low -= 1
        return low


def lt_rule_id(flag: FlagFields) -> str:
    """The rule id LanguageTool's clients see and name in enabledRules / disabledRules: the bank entry's id,
    or LanguageTool's own for a grammar match (without the prefix the /v1 API gives it)."""
    return flag.rule_id.removeprefix(RULE_PREFIX)


def lt_match(
    flag: FlagFields,
    plain: str,
    annotated: Annotated,
    original: Utf16,
    sentences: Sequence[tuple[int, int]],
) -> dict[str, Any]:
    """One flag of the plain text as a LanguageTool match over the original text."""
    start, end = annotated.span(flag.span.start, flag.span.end)
    offset = original.units(start)
    length = original.units(end) - offset
    source = flag.source if isinstance(flag, GrammarFlag) else None
    match: dict[str, Any] = {"message": _message(flag, source)}
    short = source.get("shortMessage") if source else _short_message(flag)
    if isinstance(short, str):
        match["shortMessage"] = short
    match["replacements"] = [{"value": value} for value in _replacements(flag, plain)]
    match["offset"] = offset
    match["length"] = length
    match["context"] = _context(original, offset, length)
    match["sentence"] = _sentence(plain, sentences, flag.span.start)
    match["type"] = {"typeName": _type_name(flag, source)}
    match["rule"] = _rule(flag, source)
    match["ignoreForIncompleteSentence"] = False
    match["contextForSureMatch"] = 0
    return match


def _message(flag: FlagFields, source: Mapping[str, Any] | None) -> str:
    message = source.get("message") if source else None
    return message if isinstance(message, str) else flag.message


def _short_message(flag: FlagFields) -> str:
    """A bank flag's short message: its category, in words ("Refusal", "Toxic positivity")."""
    return category_name(flag.category)


def category_name(category: str) -> str:
    return category.replace("-", " ").replace("_", " ").capitalize()


def _type_name(flag: FlagFields, source: Mapping[str, Any] | None) -> str:
    if source:
        kind = source.get("type")
        if isinstance(kind, Mapping) and isinstance(kind.get("typeName"), str):
            return str(kind["typeName"])
        return "Other"
    return TYPE_NAMES.get(flag.severity, "Other")


def _rule(flag: FlagFields, source: Mapping[str, Any] | None) -> dict[str, Any]:
    if source and isinstance(source.get("rule"), Mapping):
        # LanguageTool's rule as it answered it; the id without the prefix the /v1 API gives it.
        rule = dict(source["rule"])
        rule["id"] = lt_rule_id(flag)
        return rule
    return {
        "id": flag.rule_id,
        "description": flag.why,
        "issueType": ISSUE_TYPES.get(flag.severity, "style"),
        "category": {"id": flag.category, "name": category_name(flag.category)},
    }


def _replacements(flag: FlagFields, plain: str) -> list[str]:
    """Each suggestion as the text that replaces the flagged words: a rewrite of the phrase as it is; a
    rewrite of a wider span (the sentence) or an insertion beside the words, as the flagged words become
    after it, where the text around them stays as it was (else that rewrite is left out)."""
    values: list[str] = []
    for suggestion in flag.suggestions:
        value = _replacement(flag, suggestion, plain)
        if value is not None and value not in values:
            values.append(value)
    return values


def _replacement(flag: FlagFields, suggestion: Suggestion, plain: str) -> str | None:
    f_start, f_end = flag.span.start, flag.span.end
    s_start, s_end = suggestion.span.start, suggestion.span.end
    if (s_start, s_end) == (f_start, f_end):
        return suggestion.text
    low, high = min(f_start, s_start), max(f_end, s_end)
    rewritten = plain[low:s_start] + suggestion.text + plain[s_end:high]
    before, after = plain[low:f_start], plain[f_end:high]
    if not rewritten.startswith(before) or not rewritten.endswith(after):
        return None
    if len(before) + len(after) > len(rewritten):
        return None
    return rewritten[len(before) : len(rewritten) - len(after)]


def _context(original: Utf16, offset: int, length: int) -> dict[str, Any]:
    """LanguageTool's context: up to 40 UTF-16 units either side, cut ends marked with an ellipsis, line
    breaks as spaces."""
    low = offset - CONTEXT_CHARS
    high = offset + length + CONTEXT_CHARS
    prefix = ELLIPSIS if low > 0 else ""
    suffix = ELLIPSIS if high < original.length else ""
    low, high = max(low, 0), min(high, original.length)
    start, end = original.index(low, up=True), original.index(high, up=False)
    text = original.text[start:end].replace("\n", " ")
    context_offset = len(prefix) + offset - original.units(start)
    return {"text": prefix + text + suffix, "offset": context_offset, "length": length}


def _sentence(plain: str, sentences: Sequence[tuple[int, int]], at: int) -> str:
    """The sentence of the plain text the match starts in, trimmed."""
    index = bisect.bisect_right([start for start, _ in sentences], at) - 1
    if index < 0:
        return plain.strip()
    start, end = sentences[index]
    return plain[start:end].strip()

"""Where a draft is not speaking in the agent's own voice: quoted text and reported speech stay quiet."""

from __future__ import annotations

import bisect
import re
from functools import cached_property

from replycoach.engine.draft import Draft
from replycoach.engine.matcher import all_spans, compile_pattern

# "the agent told you to calm down", "you mentioned that we can't...", "you wrote: ..."
# RE2, case-insensitive, like the bank's patterns (and, on a draft's bytes, several times faster than re).
_REPORTING = compile_pattern(
    r"\b(?:you|they|he|she|someone|somebody|the (?:agent|driver|rep|representative|courier|store|caller)|"
    r"(?:our|another|a|the other) (?:agent|colleague|rep|representative|team member))"
    r"(?: (?:were|was|had|have|has|might have|may have))? "
    r"(?:said|told you|mentioned|wrote|asked|replied|claimed|suggested|heard|been told)\b"
)
_QUOTE = re.compile('"')


class Voice:
    """Answers, for spans of one normalized draft, whether the agent is saying them in their own voice.

    Quotes and reporting verbs are found once per draft, so each span is answered in O(log n) however long
    the draft and however many flags it has."""

    def __init__(self, draft: Draft) -> None:
        self._draft = draft
        text = draft.normalized.text
        quotes = [m.start() for m in _QUOTE.finditer(text)]
        self._quoted = [(quotes[i], quotes[i + 1]) for i in range(0, len(quotes) - 1, 2)]
        self._quote_starts = [q_start for q_start, _ in self._quoted]

    @cached_property
    def _reports(self) -> tuple[list[int], list[int]]:
        """Starts and ends of the reporting phrases, found on the first span asked about (most drafts have
        no match at all, and pay nothing)."""
        utf8 = self._draft.utf8
        spans = [(utf8.to_chars(m[0][0]), utf8.to_chars(m[0][1])) for m in all_spans(_REPORTING, utf8.data)]
        return [s for s, _ in spans], [e for _, e in spans]

    def own(self, start: int, end: int) -> bool:
        """False when [start, end) (normalized offsets) is inside double quotes, or follows reported speech
        in its sentence."""
        # Only the last quoted stretch opening before the span can hold it (quoted stretches never overlap).
        last_quote = bisect.bisect_left(self._quote_starts, start) - 1
        if last_quote >= 0 and end <= self._quoted[last_quote][1] + 1:
            return False
        report_starts, report_ends = self._reports
        if not report_starts:
            return True  # no reported speech anywhere: no need to find the sentences for it
        starts = self._draft.normalized_sentence_starts
        index = bisect.bisect_right(starts, start) - 1
        sentence_start = starts[index] if index >= 0 else 0
        # Reporting phrases never overlap, so their ends are sorted like their starts: the first one that
        # starts in this sentence is the first to end, and it must end before the span.
        first = bisect.bisect_left(report_starts, sentence_start)
        return not (first < len(report_ends) and report_ends[first] <= start)

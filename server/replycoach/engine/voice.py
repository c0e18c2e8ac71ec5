"""Where a draft is not speaking in the agent's own voice: quoted text and reported speech stay quiet."""

from __future__ import annotations

import bisect
import re
from functools import cached_property

from replycoach.engine.draft import Draft
from replycoach.engine.families import FamilyRegex

_QUOTE = re.compile('"')


class Voice:
    """Answers, for spans of one normalized draft, whether the agent is saying them in their own voice.

    Quotes and reporting verbs are found once per draft, so each span is answered in O(log n) however long
    the draft and however many flags it has."""

    def __init__(self, draft: Draft, reporting: FamilyRegex | None = None) -> None:
        """`reporting`: the bank's `reported-speech` family ("you said", "the courier told you"; None: the
        bank has none, and only quotes are read)."""
        self._draft = draft
        self._reporting = reporting
        text = draft.normalized.text
        quotes = [m.start() for m in _QUOTE.finditer(text)]
        self._quoted = [(quotes[i], quotes[i + 1]) for i in range(0, len(quotes) - 1, 2)]
        self._quote_starts = [q_start for q_start, _ in self._quoted]

    @cached_property
    def _reports(self) -> tuple[list[int], list[int]]:
        """Starts and ends of the reporting phrases, found on the first span asked about (most drafts have
        no match at all, and pay nothing)."""
        spans = self._reporting.spans(self._draft) if self._reporting is not None else []
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

"""Where a draft is not speaking in the agent's own voice: quoted text and reported speech stay quiet."""

from __future__ import annotations

import bisect
import re

from replycoach.engine.draft import Draft

# "the agent told you to calm down", "you mentioned that we can't...", "you wrote: ..."
_REPORTING = re.compile(
    r"\b(?:you|they|he|she|someone|somebody|the (?:agent|driver|rep|representative|courier|store|caller)|"
    r"(?:our|another|a|the other) (?:agent|colleague|rep|representative|team member))"
    r"(?: (?:were|was|had|have|has|might have|may have))? "
    r"(?:said|told you|mentioned|wrote|asked|replied|claimed|suggested|heard|been told)\b",
    re.IGNORECASE,
)


class Voice:
    """Answers, for spans of one normalized draft, whether the agent is saying them in their own voice."""

    def __init__(self, draft: Draft) -> None:
        self._draft = draft
        text = draft.normalized.text
        quotes = [i for i, c in enumerate(text) if c == '"']
        self._quoted = [(quotes[i], quotes[i + 1]) for i in range(0, len(quotes) - 1, 2)]

    def own(self, start: int, end: int) -> bool:
        """False when [start, end) (normalized offsets) is inside double quotes, or follows reported speech
        in its sentence."""
        if any(q_start < start and end <= q_end + 1 for q_start, q_end in self._quoted):
            return False
        starts = self._draft.normalized_sentence_starts
        index = bisect.bisect_right(starts, start) - 1
        sentence_start = starts[index] if index >= 0 else 0
        return not _REPORTING.search(self._draft.normalized.text, sentence_start, start)

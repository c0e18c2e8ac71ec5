"""Context checks an entry opts into by name (`quiet_when`): words around a match that change its meaning.

A bare "we can't refund it" stonewalls; "we can't refund it, but I can send a replacement today" offers a way
forward. "If you need to reset it" is a condition, not an order; "Can't you see the button?" asks. Each check
looks at the match's own sentence (and the start of the next one) for the words of a vocabulary family
(families.py says which): the words are the bank's, this module only how each check reads them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import cached_property

from replycoach.bank.model import QUIET_CHECKS
from replycoach.engine.context import CustomerContext
from replycoach.engine.draft import Draft
from replycoach.engine.families import (
    CONDITION_WORDS,
    QUESTION_WORDS,
    QUIET_CHECK_FAMILIES,
    CheckWords,
    FamilyRegex,
)
from replycoach.engine.matcher import RawMatch
from replycoach.engine.voice import Voice

# How far past a match an alternative may come and still belong to it (characters, within its sentence).
ALTERNATIVE_REACH = 120
_QUESTION_MARK = re.compile(r"\?")
assert set(QUIET_CHECK_FAMILIES) == set(QUIET_CHECKS), "every check says which families it reads"


class Quiet:
    """Answers, for matches in one draft, whether a named context check silences them."""

    def __init__(self, draft: Draft, words: CheckWords) -> None:
        self._draft = draft
        self._words = words
        self._checks: dict[str, Callable[[RawMatch], bool]] = {
            "alternative-follows": self._alternative_follows,
            "conditional": self._conditional,
            "question": self._question,
        }
        assert set(self._checks) == set(QUIET_CHECKS), "every documented check is implemented"
        self._occurs: dict[int, bool] = {}

    def _in_draft(self, family: FamilyRegex | None) -> FamilyRegex | None:
        """The family, if the draft has any of its words at all (asked once per draft and family): most
        drafts have no condition or indirect question, and need not read the words before each match."""
        if family is None:
            return None
        key = id(family)
        if key not in self._occurs:
            self._occurs[key] = family.occurs(self._draft)
        return family if self._occurs[key] else None

    @cached_property
    def _question_marks(self) -> list[int]:
        """Where the question marks are, found when an entry first asks (most drafts never do)."""
        return [m.start() for m in _QUESTION_MARK.finditer(self._draft.normalized.text)]

    def silences(self, match: RawMatch) -> bool:
        """Whether any of the match's entry's `quiet_when` checks holds for it."""
        return any(self._checks[name](match) for name in match.entry.quiet_when)

    def _sentence(self, start: int) -> tuple[int, int, int | None]:
        """The normalized bounds of the sentence holding `start`, and where the next one starts."""
        starts = self._draft.normalized_sentence_starts
        ends = self._draft.normalized_sentence_ends
        index = max(bisect.bisect_right(starts, start) - 1, 0)
        if not starts:
            return 0, len(self._draft.normalized.text), None
        following = starts[index + 1] if index + 1 < len(starts) else None
        return starts[index], ends[index], following

    def _alternative_follows(self, match: RawMatch) -> bool:
        """The sentence goes on, within ALTERNATIVE_REACH characters, to offer a way forward (the family
        way-forward), or the next sentence opens with one (way-forward-opener)."""
        _, sentence_end, following = self._sentence(match.start)
        reach = min(sentence_end, match.end + ALTERNATIVE_REACH)
        # An alternative comes after the refusal itself: after the match, or inside the words its closing
        # slot took ("we can't refund it but I can send one" captures "refund it but I can send one").
        after = min((s for s, e in match.groups.values() if e == match.end), default=match.end)
        way_forward = self._in_draft(self._words.way_forward)
        if way_forward is not None and way_forward.search(self._draft, after, reach):
            return True
        if following is None or sentence_end > reach:
            return False
        opener = self._in_draft(self._words.way_forward_opener)
        return opener is not None and opener.opens(self._draft, following)

    def _conditional(self, match: RawMatch) -> bool:
        """The match is inside a condition (the family `condition` at most CONDITION_WORDS words before it:
        "if you need to"), follows the condition's clause ("If you need it today, you will have to..."), or
        shares its clause, no comma between them ("If you need it today you will have to...")."""
        before = self._in_draft(self._words.condition_before)
        if before is None:
            return False
        sentence_start, _, _ = self._sentence(match.start)
        if before.ends(self._draft, sentence_start, match.start, CONDITION_WORDS):
            return True
        opens = self._words.condition_opens
        return opens is not None and (
            opens.opens_clause_before(self._draft, sentence_start, match.start)
            or opens.opens_clause_holding(self._draft, sentence_start, match.start)
        )

    def _question(self, match: RawMatch) -> bool:
        """The match's sentence ends in a question mark, or an indirect question opens just before it (the
        family `indirect-question`: "I wonder why", "can you tell me why")."""
        sentence_start, sentence_end, _ = self._sentence(match.start)
        marks = self._question_marks
        after = bisect.bisect_left(marks, match.end)
        if after < len(marks) and marks[after] <= sentence_end:
            return True
        asks = self._in_draft(self._words.question_before)
        return asks is not None and asks.ends(self._draft, sentence_start, match.start, QUESTION_WORDS)


class MatchContext:
    """Whether a raw match of one draft stands in its context: the customer condition of its entry, the
    agent's own voice (not quoted or reported), and the entry's `quiet_when` checks."""

    def __init__(self, draft: Draft, customer: CustomerContext, words: CheckWords) -> None:
        self._draft = draft
        self._customer = customer
        self._voice = Voice(draft, words.reported_speech)
        self._quiet = Quiet(draft, words)

    def keeps(self, match: RawMatch, *, apply_condition: bool = True) -> bool:
        """Whether the match stays a flag here (`apply_condition` False: ignore the entry's `when`)."""
        entry = match.entry
        if (
            apply_condition
            and entry.when is not None
            and not self._customer.allows(entry.when, match.slot_texts(self._draft.normalized.text))
        ):
            return False
        return self._voice.own(match.start, match.end) and not self._quiet.silences(match)

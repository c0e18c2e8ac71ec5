"""Context checks an entry opts into by name (`quiet_when`): words around a match that change its meaning.

A bare "we can't refund it" stonewalls; "we can't refund it, but I can send a replacement today" offers a way
forward. "If you need to reset it" is a condition, not an order; "Can't you see the button?" asks. Each check
looks at the match's own sentence (and the start of the next one) in the draft's normalized text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import cached_property

from replycoach.bank.model import QUIET_CHECKS
from replycoach.engine.context import CustomerContext
from replycoach.engine.draft import Draft
from replycoach.engine.matcher import RawMatch, compile_pattern, found_in
from replycoach.engine.voice import Voice

# How far past a match an alternative may come and still belong to it (characters, within its sentence).
ALTERNATIVE_REACH = 120

_HELP_VERBS = (
    "offer|do|help|send|give|suggest|recommend|arrange|provide|set|book|escalate|pass|refer|connect|"
    "make|look|try|check|chase|contact|follow"
)
_CUSTOMER_ACTIONS = (
    "mark|use|try|request|get|switch|change|cancel|set|add|move|book|order|buy|upgrade|downgrade|pause|"
    "reach us|send|offer|give|arrange|help|apply|choose|pick|keep|save|transfer|create|enable|turn|"
    "schedule|claim|exchange|return|refund|replace|fix|restore|do"
)
# Within the sentence: a contrast, an offer, a way forward the agent or the customer can take.
_ALTERNATIVE = compile_pattern(
    r"\b(?:but|however|instead|although|though|in the meantime|meanwhile|alternatively|what (?:we|I) can|"
    rf"(?:we|I)(?:'d| would| will|'ll) (?:\w+ )?(?:happily |gladly |still )?(?:{_HELP_VERBS})|"
    r"(?:we|I|you) (?:can|could) \w+|(?:we|I) do (?:have|offer|support)|"
    r"(?:we|I)(?:'d)? (?:recommend|suggest)|"
    r"let me (?:see|find|look|check|share|show|offer|explain|walk)|let's (?:see|find|look)|"
    r"(?:other|some|a few|several|your|what) options|alternatives?|"
    r"please (?:send us|email us|DM us|message us|reach out to us|contact us|let us know))\b"
)
# The next sentence opens with one (matched at its start).
_ALTERNATIVE_OPENS = compile_pattern(
    r"(?:however|but|instead|in the meantime|meanwhile|alternatively|that said|what (?:I|we) can|"
    rf"(?:you|I|we) (?:can|could) (?:still |also |instead )?(?:{_CUSTOMER_ACTIONS})|here's what|here is what|"
    r"if you'd like|if you want|(?:we|I)(?:'d)? (?:recommend|suggest)|(?:we|I) do (?:have|offer)|"
    r"(?:I|we)(?:'ll| will| can|'ve| have) (?:\w+ )?"
    r"(?:chase|contact|check|follow|ask|escalate|help|send|look|push|keep|stay|update|make))\b"
)
# A condition or an indirect question governing the match: "if you need to", "whether we can't".
CONDITION_WORDS = 4
_QUESTION_MARK = re.compile(r"\?")
_CONDITION = compile_pattern(rf"\b(?:if|whether|unless|in case|even if)\b(?: \S+){{0,{CONDITION_WORDS}}} ?$")


class Quiet:
    """Answers, for matches in one draft, whether a named context check silences them."""

    def __init__(self, draft: Draft) -> None:
        self._draft = draft
        self._checks: dict[str, Callable[[RawMatch], bool]] = {
            "alternative-follows": self._alternative_follows,
            "conditional": self._conditional,
            "question": self._question,
        }
        assert set(self._checks) == set(QUIET_CHECKS), "every documented check is implemented"

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
        _, sentence_end, following = self._sentence(match.start)
        reach = min(sentence_end, match.end + ALTERNATIVE_REACH)
        # An alternative comes after the refusal itself: after the match, or inside the words its closing
        # slot took ("we can't refund it but I can send one" captures "refund it but I can send one").
        after = min((s for s, e in match.groups.values() if e == match.end), default=match.end)
        # RE2 runs on the draft's bytes, encoded once: a search costs the stretch it looks at, not the draft.
        utf8 = self._draft.utf8
        if found_in(_ALTERNATIVE, utf8.data, utf8.to_bytes(after), utf8.to_bytes(reach)):
            return True
        return (
            following is not None
            and sentence_end <= reach
            and found_in(
                _ALTERNATIVE_OPENS, utf8.data, utf8.to_bytes(following), len(utf8.data), at_start=True
            )
        )

    def _conditional(self, match: RawMatch) -> bool:
        text = self._draft.normalized.text
        sentence_start, _, _ = self._sentence(match.start)
        # The condition is at most six words back (spaces are single in the normalized text): look
        # at those words only, not the whole sentence, so a long sentence with many flags stays linear.
        window = match.start
        for _ in range(CONDITION_WORDS + 2):  # "in case" and "even if" are two words
            space = text.rfind(" ", sentence_start, max(window - 1, sentence_start))
            if space < 0:
                window = sentence_start
                break
            window = space
        return _CONDITION.search(text[window : match.start]) is not None

    def _question(self, match: RawMatch) -> bool:
        _, sentence_end, _ = self._sentence(match.start)
        marks = self._question_marks
        after = bisect.bisect_left(marks, match.end)
        return after < len(marks) and marks[after] <= sentence_end


class MatchContext:
    """Whether a raw match of one draft stands in its context: the customer condition of its entry, the
    agent's own voice (not quoted or reported), and the entry's `quiet_when` checks."""

    def __init__(self, draft: Draft, customer: CustomerContext) -> None:
        self._draft = draft
        self._customer = customer
        self._voice = Voice(draft)
        self._quiet = Quiet(draft)

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

"""The voice and quiet checks answer each span from work done once per draft; they must say exactly what a
plain scan of the sentence says, for any draft."""

from __future__ import annotations

import bisect

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from replycoach.bank.model import Entry
from replycoach.engine.draft import Draft
from replycoach.engine.matcher import RawMatch
from replycoach.engine.quiet import _ALTERNATIVE, _ALTERNATIVE_OPENS, _CONDITION, ALTERNATIVE_REACH, Quiet
from replycoach.engine.voice import _REPORTING, Voice

_PIECES = [
    "calm down",
    "you said ",
    "the agent told you ",
    '"',
    "if ",
    "in case ",
    "even if ",
    "whether ",
    "?",
    ". ",
    "! ",
    " ",
    "we can't ",
    "really ",
    "a very long sentence with words ",
    "\n",
]
_DRAFTS = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40).map("".join)
_SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _spans(text: str) -> list[tuple[int, int]]:
    """Every word of the normalized text, and every pair of neighbouring words, as spans to ask about."""
    words = [(i, text.index(" ", i) if " " in text[i:] else len(text)) for i in range(len(text))]
    words = [(s, e) for s, e in words if s < e and (s == 0 or text[s - 1] == " ") and text[s] != " "]
    return words + [(a[0], b[1]) for a, b in zip(words, words[1:], strict=False)]


def _plain_own(draft: Draft, start: int, end: int) -> bool:
    text = draft.normalized.text
    quotes = [i for i, c in enumerate(text) if c == '"']
    quoted = [(quotes[i], quotes[i + 1]) for i in range(0, len(quotes) - 1, 2)]
    if any(q_start < start and end <= q_end + 1 for q_start, q_end in quoted):
        return False
    starts = draft.normalized_sentence_starts
    index = bisect.bisect_right(starts, start) - 1
    sentence_start = starts[index] if index >= 0 else 0
    return not _REPORTING.search(text, sentence_start, start)


@_SETTINGS
@given(_DRAFTS)
def test_voice_says_what_a_scan_of_the_sentence_says(text: str) -> None:
    draft = Draft(text)
    voice = Voice(draft)
    for start, end in _spans(draft.normalized.text):
        assert voice.own(start, end) == _plain_own(draft, start, end), (text, start, end)


def _entry(quiet_when: tuple[str, ...]) -> Entry:
    entry = Entry.__new__(Entry)
    object.__setattr__(entry, "quiet_when", quiet_when)
    return entry


@_SETTINGS
@given(_DRAFTS)
def test_conditional_and_question_say_what_a_scan_of_the_sentence_says(text: str) -> None:
    draft = Draft(text)
    quiet = Quiet(draft)
    normalized = draft.normalized.text
    conditional, question = _entry(("conditional",)), _entry(("question",))
    for start, end in _spans(normalized):
        sentence_start, sentence_end, _ = quiet._sentence(start)
        expected_conditional = _CONDITION.search(normalized[sentence_start:start]) is not None
        expected_question = "?" in normalized[end : sentence_end + 1]
        assert quiet.silences(RawMatch(conditional, start, end, {})) == expected_conditional, (text, start)
        assert quiet.silences(RawMatch(question, start, end, {})) == expected_question, (text, start)


_WIDE_PIECES = [
    *_PIECES,
    "caf\u00e9 ",
    "\U0001f600 ",
    "\u2019",
    "but I can send one ",
    "however ",
    "I'll check ",
]
_WIDE_DRAFTS = st.lists(st.sampled_from(_WIDE_PIECES), min_size=1, max_size=40).map("".join)


@_SETTINGS
@given(_WIDE_DRAFTS)
def test_alternative_follows_says_what_a_search_of_the_text_says(text: str) -> None:
    """The check searches the draft's UTF-8 bytes; it must answer as a search of the text itself would."""
    draft = Draft(text)
    quiet = Quiet(draft)
    normalized = draft.normalized.text
    refusal = _entry(("alternative-follows",))
    for start, end in _spans(normalized):
        _, sentence_end, following = quiet._sentence(start)
        reach = min(sentence_end, end + ALTERNATIVE_REACH)
        expected = _ALTERNATIVE.search(normalized, end, reach) is not None or (
            following is not None
            and sentence_end <= reach
            and _ALTERNATIVE_OPENS.match(normalized, following) is not None
        )
        assert quiet.silences(RawMatch(refusal, start, end, {})) == expected, (text, start)

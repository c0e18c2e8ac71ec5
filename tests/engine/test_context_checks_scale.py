"""The voice and quiet checks answer each span from work done once per draft, reading only a few words around
it; they must say exactly what a plain scan of the sentence says, for any draft."""

from __future__ import annotations

import bisect
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from replycoach.bank.files import read_bank_dir
from replycoach.bank.model import Entry
from replycoach.engine.compiled import Bank
from replycoach.engine.draft import Draft
from replycoach.engine.families import FamilyRegex
from replycoach.engine.matcher import CANONICAL, CORE, RawMatch
from replycoach.engine.quiet import ALTERNATIVE_REACH, Quiet
from replycoach.engine.voice import Voice

# The checks read the curated vocabulary's families, over the views its skippable words make.
_BANK = Bank.build([], vocabulary=read_bank_dir(Path(__file__).parents[2] / "phrasebank")[0].vocabulary)
_WORDS = _BANK.checks

_PIECES = [
    "calm down",
    "you said ",
    "the agent told you ",
    "you just said ",
    "you've been told ",
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
    return not _plain_search(_WORDS.reported_speech, draft, sentence_start, start)


@_SETTINGS
@given(_DRAFTS)
def test_voice_says_what_a_scan_of_the_sentence_says(text: str) -> None:
    draft = Draft(text, _BANK.skip)
    voice = Voice(draft, _WORDS.reported_speech)
    for start, end in _spans(draft.normalized.text):
        assert voice.own(start, end) == _plain_own(draft, start, end), (text, start, end)


def _entry(quiet_when: tuple[str, ...]) -> Entry:
    entry = Entry.__new__(Entry)
    object.__setattr__(entry, "quiet_when", quiet_when)
    return entry


_WIDE_PIECES = [
    *_PIECES,
    "caf\u00e9 ",
    "\U0001f600 ",
    "\u2019",
    "but I can send one ",
    "however ",
    "However, ",
    "Acme can send one ",
    "I'll check ",
    "I wonder why ",
    "if you need it, ",
    ", ",
]
_WIDE_DRAFTS = st.lists(st.sampled_from(_WIDE_PIECES), min_size=1, max_size=40).map("".join)


def _readings(
    regex: FamilyRegex | None, draft: Draft, start: int, end: int, *, end_is_end: bool = False
) -> list[tuple[str, int, int, Any]]:
    """Each view's whole text with the stretch [start, end) mapped into it and the regex to read it with:
    the family over the core view, its phrases that name a skippable word over the canonical view (always,
    where the check reads it only where the core view dropped words)."""
    assert regex is not None
    readings = []
    for view, compiled in ((CORE, regex.whole), (CANONICAL, regex.skipped)):
        if compiled is not None:
            low, high = draft.to_view(view, start), draft.to_view(view, end, end=end_is_end)
            readings.append((draft.views[view].text, low, high, compiled))
    return readings


def _plain_search(regex: FamilyRegex | None, draft: Draft, start: int, end: int) -> bool:
    readings = _readings(regex, draft, start, end, end_is_end=True)
    return any(compiled.search(text, low, high) is not None for text, low, high, compiled in readings)


def _plain_opens(regex: FamilyRegex | None, draft: Draft, start: int) -> bool:
    for text, low, _, compiled in _readings(regex, draft, start, start):
        while low < len(text) and text[low] in " ,":
            low += 1
        if compiled.match(text, low) is not None:
            return True
    return False


def _plain_ends(regex: FamilyRegex | None, draft: Draft, start: int, end: int) -> bool:
    return any(
        compiled.search(text[low:high]) is not None
        for text, low, high, compiled in _readings(regex, draft, start, end)
    )


def _plain_clause(draft: Draft, sentence_start: int, start: int) -> bool:
    """The match follows a clause that ends in a comma and opens with a condition, or its own clause (from the
    last comma, semicolon or colon before it) opens with one, scanned in full."""
    for text, low, high, compiled in _readings(_WORDS.condition_opens, draft, sentence_start, start):
        stretch = text[low:high]
        before = stretch.rstrip(" ")
        if before.endswith(","):
            clause = before[:-1]
            opening = max(clause.rfind(mark) for mark in ",;:") + 1
            if compiled.match(clause[opening:].lstrip(" ")) is not None:
                return True
        own = stretch[max(stretch.rfind(mark) for mark in ",;:") + 1 :].lstrip(" ")
        if own and compiled.match(own) is not None:
            return True
    return False


@_SETTINGS
@given(_WIDE_DRAFTS)
def test_conditional_and_question_say_what_a_scan_of_the_sentence_says(text: str) -> None:
    draft = Draft(text, _BANK.skip)
    quiet = Quiet(draft, _WORDS)
    normalized = draft.normalized.text
    conditional, question = _entry(("conditional",)), _entry(("question",))
    for start, end in _spans(normalized):
        sentence_start, sentence_end, _ = quiet._sentence(start)
        expected_conditional = _plain_ends(
            _WORDS.condition_before, draft, sentence_start, start
        ) or _plain_clause(draft, sentence_start, start)
        expected_question = "?" in normalized[end : sentence_end + 1] or _plain_ends(
            _WORDS.question_before, draft, sentence_start, start
        )
        assert quiet.silences(RawMatch(conditional, start, end, {})) == expected_conditional, (text, start)
        assert quiet.silences(RawMatch(question, start, end, {})) == expected_question, (text, start)


@_SETTINGS
@given(_WIDE_DRAFTS)
def test_alternative_follows_says_what_a_search_of_the_text_says(text: str) -> None:
    """The check searches each view's UTF-8 bytes; it must answer as a search of the view's text would."""
    draft = Draft(text, _BANK.skip)
    quiet = Quiet(draft, _WORDS)
    normalized = draft.normalized.text
    refusal = _entry(("alternative-follows",))
    for start, end in _spans(normalized):
        _, sentence_end, following = quiet._sentence(start)
        reach = min(sentence_end, end + ALTERNATIVE_REACH)
        expected = _plain_search(_WORDS.way_forward, draft, end, reach) or (
            following is not None
            and sentence_end <= reach
            and _plain_opens(_WORDS.way_forward_opener, draft, following)
        )
        assert quiet.silences(RawMatch(refusal, start, end, {})) == expected, (text, start)

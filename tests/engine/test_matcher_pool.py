"""A bank's phrase patterns are compiled once, into the prefilter the matcher uses: what it finds must be
exactly what a matcher with filters of its own finds, across several filters and with disabled entries."""

from __future__ import annotations

import dataclasses

from replycoach.bank.model import Entry, Example, Rewrite
from replycoach.engine import matcher
from replycoach.engine.compiled import Bank
from replycoach.engine.draft import Draft
from replycoach.engine.matcher import Matcher


def _entry(i: int) -> Entry:
    word = "w" + "".join("abcdefghij"[int(d)] for d in f"{i:04d}")
    return Entry(
        id=f"refusal.generated-{i}",
        category="refusal",
        severity="warning",
        # RE2 from before the phrase language (both run over the draft's own words).
        patterns=(rf"(?:we|I) can't {word}(?P<thing>(?: \w+){{0,2}})", rf"{word} now\b"),
        message="Generated.",
        why="Generated.",
        rewrites=(Rewrite("let me help", "phrase"),),
        flag_examples=(
            Example(f"OK, {word} now.", f"{word} now"),
            Example(f"Fine: {word} now!", f"{word} now"),
        ),
        pass_examples=(Example("Thanks."), Example(f"The {word} arrived.")),
        enabled=i % 7 != 3,
    )


def test_the_pooled_prefilter_finds_what_separate_filters_find() -> None:
    entries = [_entry(i) for i in range(1300)]
    bank = Bank.build(entries)
    # 2,600 patterns over the draft's own words, 2,500 to a filter; none over the phrase language's views.
    assert {view: len(filters) for view, filters in bank.matcher._filters.items()} == {
        "core": 0,
        "canonical": 0,
        "surface": 2,
    }
    own_filters = Matcher(list(bank._compiled))
    assert not own_filters._pooled and bank.matcher._pooled
    words = [
        "w" + "".join("abcdefghij"[int(d)] for d in f"{i:04d}") for i in (0, 3, 11, 999, 1260, 1299, 501)
    ]
    text = " ".join(f"Sorry, we can't {w} that today, {w} now." for w in words)
    views = Draft(text).views
    found = [(m.entry.id, m.start, m.end, m.groups) for m in bank.matcher.find(views)]
    assert found == [(m.entry.id, m.start, m.end, m.groups) for m in own_filters.find(views)]
    assert sorted({entry_id for entry_id, *_ in found}) == sorted(
        f"refusal.generated-{i}" for i in (0, 11, 999, 1260, 1299, 501)
    )  # entry 3 is disabled: its patterns sit in the filter, and match nothing
    assert len(found) == 12


def test_a_pattern_re2_refuses_is_reported_with_its_reason() -> None:
    entry = dataclasses.replace(_entry(1), patterns=("we (?=can't) help",))
    _, problems = matcher.compile_entry(entry, None, matcher.PatternPool())
    assert [p.message for p in problems] == [
        'RE2 cannot compile "we (?=can\'t) help" (invalid perl operator: (?=); RE2 has no look-around and no '
        "back-references: rewrite the pattern, or move the exception to `unless`"
    ]


def test_exceptions_silence_exactly_the_matches_they_overlap() -> None:
    """`unless` spans found once per draft and bisected: the same matches fall as with a test of every pair,
    on a long draft with many of both."""
    entry = dataclasses.replace(
        _entry(1),
        patterns=(r"you(?:'ll| will) have to wait(?: \w+){0,2}", r"wait \d+ (?:hours|days)"),
        unless=(r"if you need to \w+ it, you'll", r"wait 2 days", r"have to wait for"),
    )
    compiled, problems = matcher.compile_entry(entry)
    assert compiled is not None and not problems
    pieces = [
        "If you need to reset it, you'll have to wait. ",
        "You'll have to wait 24 hours. ",
        "Please wait 2 days. ",
        "You will have to wait for the courier. ",
        "You'll have to wait a bit longer. ",
    ]
    text = "".join(pieces[(i * 7) % 5] for i in range(400))
    views = Draft(text).views
    kept = [(m.start, m.end) for m in compiled.matches(views)]
    every = [(m.start, m.end) for m in Matcher([compiled]).find(views)]
    exceptions = [m.span() for pattern in compiled.unless for m in pattern.regex.finditer(text)]
    raw = dataclasses.replace(entry, unless=())
    unfiltered, _ = matcher.compile_entry(raw)
    assert unfiltered is not None
    expected = [
        (m.start, m.end)
        for m in unfiltered.matches(views)
        if not any(s < m.end and m.start < e for s, e in exceptions)
    ]
    assert kept == every == expected
    assert 0 < len(kept) < len(unfiltered.matches(views))

"""A bank's phrase patterns are compiled once, into the prefilter the matcher uses: what it finds must be
exactly what a matcher with filters of its own finds, across several filters and with disabled entries."""

from __future__ import annotations

import dataclasses

from replycoach import Engine
from replycoach.bank.model import Condition, Entry, Example, Rewrite
from replycoach.bank.vocabulary import Family
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
    assert {lane: len(filters) for lane, filters in bank.matcher._filters.items() if filters} == {
        ("surface", False): 2,
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


def test_entries_that_need_the_customers_message_are_searched_only_with_one() -> None:
    """An entry that applies only for an upset customer, or only to an action the customer says they tried,
    could not flag a draft analyzed alone: its patterns sit in a lane of their own, left out without a
    message, and the flags are the same as if they had run."""
    upset = dataclasses.replace(_entry(1), id="refusal.upset-only", when=Condition(customer_mood=("upset",)))
    tried = dataclasses.replace(
        _entry(2),
        id="refusal.tried-only",
        when=Condition(customer_tried="thing"),
        patterns=(r"(?:we|I) can't wabac(?P<thing>(?: \w+){0,2})",),
    )
    unknown = dataclasses.replace(
        _entry(4), id="refusal.unknown-too", when=Condition(customer_mood=("upset", "unknown"))
    )
    claims = [Family("already-tried", ("I tried",)), Family("tried-everything", ("everything",))]
    bank = Bank.build([upset, tried, unknown, _entry(5)], vocabulary=claims)
    lanes = {lane: len(filters) for lane, filters in bank.matcher._filters.items() if filters}
    assert lanes == {("surface", False): 1, ("surface", True): 1}
    text = "Sorry, we can't waaab that. We can't wabac the thing. OK, waaae now and waaaf now."
    for matcher_ in (bank.matcher, Matcher(list(bank._compiled))):
        views = Draft(text).views
        alone = sorted({m.entry.id for m in matcher_.find(views, with_message=False)})
        assert alone == ["refusal.generated-5", "refusal.unknown-too"]
        every = sorted({m.entry.id for m in matcher_.find(views)})
        assert every == [
            "refusal.generated-5",
            "refusal.tried-only",
            "refusal.unknown-too",
            "refusal.upset-only",
        ]
    engine = Engine(bank)
    assert sorted({f.rule_id for f in engine.analyze(text).flags}) == [
        "refusal.generated-5",
        "refusal.unknown-too",
    ]
    upset_flags = engine.analyze(text, "This is terrible, awful service and I am so angry!!").flags
    assert sorted({f.rule_id for f in upset_flags}) == [
        "refusal.generated-5",
        "refusal.unknown-too",
        "refusal.upset-only",
    ]

"""The curated bank stays readable: word lists live in the vocabulary, not pasted again and again."""

from __future__ import annotations

from collections import Counter

from replycoach import default_engine
from replycoach.bank.vocabulary import references
from replycoach.engine.families import CHECK_FAMILIES
from replycoach.engine.phrase import is_raw

_BANK = default_engine().bank


def _groups(pattern: str) -> list[str]:
    """Every parenthesised group of a pattern, outermost and nested (character classes skipped)."""
    found: list[str] = []
    opened: list[int] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = pattern.index("]", i + 2) + 1
            continue
        if char == "(":
            opened.append(i)
        elif char == ")" and opened:
            found.append(pattern[opened.pop() : i + 1])
        i += 1
    return found


def test_no_long_alternation_is_pasted_into_three_places() -> None:
    patterns = [p for e in _BANK.all_entries for p in (*e.patterns, *e.unless)]
    patterns += [p for f in _BANK.vocabulary.families for p in f.patterns]
    pasted = Counter(g for p in patterns for g in set(_groups(p)) if "|" in g and len(g) >= 80)
    assert [g for g, count in pasted.items() if count >= 3] == []


def test_every_family_of_the_vocabulary_is_used() -> None:
    assert len(_BANK.vocabulary) >= 20
    patterns = [p for e in _BANK.all_entries for p in (*e.patterns, *e.unless)]
    patterns += [p for f in _BANK.vocabulary.families for p in (*f.patterns, *f.phrases)]
    named = {name for p in patterns for name, _ in references(p)}
    # `skippable` is used by the engine itself: its words are what every phrase pattern steps over; the
    # context and structure checks read theirs by name (way-forward, condition, acknowledgement...).
    engine_reads = {"skippable", *CHECK_FAMILIES}
    assert [f.name for f in _BANK.vocabulary.families if f.name not in named | engine_reads] == []
    assert engine_reads <= {f.name for f in _BANK.vocabulary.families}


def test_every_pattern_stays_short_enough_to_read() -> None:
    long_patterns = [(e.id, len(p)) for e in _BANK.all_entries for p in e.patterns if len(p) > 300]
    long_unless = [(e.id, len(p)) for e in _BANK.all_entries for p in e.unless if len(p) > 200]
    assert (long_patterns, long_unless) == ([], [])


def test_every_family_shows_its_concept_with_a_note_and_examples_of_both_kinds() -> None:
    """A lead reads what a family is for, texts it finds words in and a near miss it leaves alone (the
    examples themselves are checked whenever the bank's are: tests/bank/test_bank_examples.py)."""
    lacking = [
        f.name
        for f in _BANK.vocabulary.families
        if not (f.note and len(f.matches) >= 2 and len(f.misses) >= 1)
    ]
    assert lacking == []


def test_the_bank_keeps_the_shape_leads_can_read() -> None:
    """Issue 22's shape: nine in ten patterns in the phrase language, none over 120 characters, at most 60
    families and at most 60 `unless` lines in the whole bank (bench/bank_shape.py prints the figures)."""
    patterns = [p for e in _BANK.all_entries for p in e.patterns]
    raw = [p for p in patterns if is_raw(p)]
    assert len(raw) <= len(patterns) // 10
    assert [(e.id, p) for e in _BANK.all_entries for p in e.patterns if len(p) > 120] == []
    assert len(_BANK.vocabulary.families) <= 60
    assert sum(len(e.unless) for e in _BANK.all_entries) <= 60

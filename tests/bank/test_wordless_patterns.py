"""A pattern that needs no word runs on every draft (the prefilter cannot leave it out): it is refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import make_entry
from replycoach.bank.loader import lint_bank_dir

WriteBank = Callable[..., Path]

WORDLESS = (
    "needs no word that a draft must contain, so it would run on every draft, however long (the coach runs "
    "only the patterns whose words a draft holds); make it require at least one word, outside optional "
    "parts, gaps and alternatives that go without it"
)


def problems_of(folder: Path) -> list[str]:
    _, problems = lint_bank_dir(folder)
    return [str(p) for p in problems]


@pytest.mark.parametrize(
    "pattern",
    [
        r"re:(?:(?:[a-z]+ ?){1,30}){1,30}...[.!?]{3}",  # the security probe's: letters and punctuation only
        r"re:(?:[a-z]+ ){1,5}\.\.\.",  # needs only "..."
        r"re:[0-9]{2,} (?:[a-z]+ ?){1,9}",  # needs only digits
        "re:(?:just relax)?[a-z]+",  # its one word is optional
        "re:just relax|[a-z]+!",  # an alternative goes without a word
        "<what> <end>",  # the phrase language: a slot alone
        "<start> <what> <end>",  # a slot alone between the clause's marks
        "[just] ... !",  # the phrase language: an optional word and a gap
    ],
)
def test_a_pattern_without_a_word_it_needs_is_refused(write_bank: WriteBank, pattern: str) -> None:
    entry = make_entry(patterns=["just relax", pattern])
    assert problems_of(write_bank(entry)) == [f"entries.yml: dismissive.relax: patterns[1]: {WORDLESS}"]


def test_a_disabled_entrys_wordless_pattern_is_refused_too(write_bank: WriteBank) -> None:
    entry = make_entry(patterns=["just relax", "re:(?:[a-z]+ ){1,5}!!!"], enabled=False)
    assert problems_of(write_bank(entry)) == [f"entries.yml: dismissive.relax: patterns[1]: {WORDLESS}"]


@pytest.mark.parametrize(
    "pattern",
    [
        "re:(?:[a-z]+ ){0,5}unwind(?: [a-z]+)*",  # a word, then anything
        "re:(?:simply|gently) unwind",  # each alternative has one
        "simply <what> <end>",
        "<start> simply <what>",
        "re:[0-9]+ days? to unwind",
    ],
)
def test_a_pattern_with_a_word_it_always_needs_is_taken(write_bank: WriteBank, pattern: str) -> None:
    assert problems_of(write_bank(make_entry(patterns=["just relax", pattern]))) == []


def test_a_misplaced_start_is_reported_in_the_languages_terms(write_bank: WriteBank) -> None:
    entry = make_entry(patterns=["just relax", "relax <start>"])
    assert problems_of(write_bank(entry)) == [
        "entries.yml: dismissive.relax: patterns[1]: "
        "<start> marks where the clause starts: write it first, before the words it opens"
    ]

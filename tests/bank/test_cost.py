"""The cost of a change: both banks measured on one fixed worst-case draft."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import NO_WORRIES, make_entry
from replycoach import load_bank
from replycoach.bank.cost import DRAFT_CHARS, SHORT_CHARS, Cost, adds_no_work, worst_case_draft
from replycoach.bank.model import Entry, Topic
from replycoach.bank.vocabulary import Family

WriteBank = Callable[..., Path]
BASIC_BANK = Path(__file__).resolve().parent.parent / "banks" / "basic"


def test_the_worst_case_draft_is_fixed_long_and_full_of_the_changed_rules_words(
    write_bank: WriteBank,
) -> None:
    current = load_bank(BASIC_BANK)
    candidate = load_bank(write_bank(make_entry(), NO_WORRIES))
    draft = worst_case_draft(current, candidate)
    assert len(draft) == DRAFT_CHARS
    assert draft == worst_case_draft(current, candidate)
    short = draft[:SHORT_CHARS]
    assert "No worries, it's fixed." in short or "Ok no worries then." in short
    assert "..." in short and "!!" in short
    # The bank in service's examples are there too.
    assert "Sorry, you will have to wait 2 days for that." in draft


@pytest.mark.parametrize(
    ("current", "candidate", "too_slow"),
    [
        (0.040, 0.080, False),  # twice as slow: the limit
        (0.040, 0.140, True),  # more than twice, and more than 50 ms slower
        (0.001, 0.040, False),  # 40 times slower, but 39 ms: a small bank's noise
        (0.001, 0.060, True),
        (0.040, 0.020, False),
    ],
)
def test_a_change_is_too_slow_past_twice_the_time_and_50_ms(
    current: float, candidate: float, too_slow: bool
) -> None:
    assert Cost(current, candidate, DRAFT_CHARS).too_slow is too_slow


def _parts(bank_dir: Path) -> tuple[list[Entry], list[Topic], list[Family]]:
    bank = load_bank(bank_dir)
    return list(bank.all_entries), [t.topic for t in bank.topics], list(bank.vocabulary.families)


def test_disabling_deleting_or_rewording_entries_adds_no_work_to_measure() -> None:
    entries, topics, vocabulary = _parts(BASIC_BANK)
    first = entries[0]
    disabled = [replace(first, enabled=False), *entries[1:]]
    assert adds_no_work((entries, topics, vocabulary), (disabled, topics, vocabulary))
    assert adds_no_work((entries, topics, vocabulary), (entries[1:], topics, vocabulary))
    assert adds_no_work((entries, topics, vocabulary), (entries, topics, vocabulary))
    reworded = [replace(first, message="Says how to feel.", why="Because."), *entries[1:]]
    assert adds_no_work((entries, topics, vocabulary), (reworded, topics, vocabulary))


def test_a_new_changed_or_enabled_entry_or_another_vocabulary_is_measured() -> None:
    entries, topics, vocabulary = _parts(BASIC_BANK)
    first = entries[0]
    current = (entries, topics, vocabulary)
    changed = [replace(first, patterns=(*first.patterns, "kindly relax")), *entries[1:]]
    assert not adds_no_work(current, (changed, topics, vocabulary))
    assert not adds_no_work(current, ([*entries, replace(first, id="dismissive.other")], topics, vocabulary))
    exceptions = [replace(first, unless=("relax(ing)? plans",)), *entries[1:]]
    assert not adds_no_work(current, (exceptions, topics, vocabulary))
    rewrites = [replace(first, rewrites=first.rewrites[:1]), *entries[1:]]
    assert not adds_no_work(current, (rewrites, topics, vocabulary))
    off = [replace(first, enabled=False), *entries[1:]]
    assert not adds_no_work((off, topics, vocabulary), (entries, topics, vocabulary))
    assert vocabulary
    assert not adds_no_work(current, (entries, topics, vocabulary[1:]))

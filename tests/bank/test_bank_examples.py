"""Every curated entry's own examples, one test each: flagged by that entry at that phrase, or not at all; and
every family's, one test per family: words found in each of its examples, none in its near misses."""

from __future__ import annotations

import pytest
from replycoach import Engine, default_engine
from replycoach.bank.familycheck import found_words
from replycoach.bank.model import CATEGORIES, Entry, Example
from replycoach.bank.vocabulary import Family
from replycoach.engine.context import read_customer
from replycoach.engine.draft import Draft
from replycoach.engine.quiet import MatchContext

_ENTRIES = default_engine().bank.entries


def _cases(kind: str) -> list[tuple[Entry, Example]]:
    return [
        pytest.param(entry, example, id=f"{entry.id}-{kind}{i}")
        for entry in _ENTRIES
        for i, example in enumerate(entry.flag_examples if kind == "flag" else entry.pass_examples)
    ]


@pytest.mark.parametrize(("entry", "example"), _cases("flag"))
def test_flag_example_is_flagged_by_its_entry_at_its_phrase(
    curated: Engine, entry: Entry, example: Example
) -> None:
    assert example.flagged is not None
    start = example.text.index(example.flagged)
    flags = curated.analyze(example.text, example.customer).flags
    spans = {(f.entry.id, f.span.start, f.span.end, f.text) for f in flags}
    assert (entry.id, start, start + len(example.flagged), example.flagged) in spans


@pytest.mark.parametrize(("entry", "example"), _cases("pass"))
def test_pass_example_is_not_flagged_by_its_entry(curated: Engine, entry: Entry, example: Example) -> None:
    compiled = curated.bank.compiled(entry.id)
    draft = Draft(example.text, curated.bank.skip)
    context = MatchContext(
        draft, read_customer(example.customer, curated.bank.checks, curated.bank.skip), curated.bank.checks
    )
    hits = [m for m in compiled.matches(draft.views) if context.keeps(m)]
    assert hits == []


_FAMILIES = default_engine().bank.vocabulary.families


@pytest.mark.parametrize("family", _FAMILIES, ids=[f.name for f in _FAMILIES])
def test_each_family_finds_words_in_its_examples_and_none_in_its_near_misses(
    curated: Engine, family: Family
) -> None:
    found = {text: found_words(curated.bank, family, text) for text in (*family.matches, *family.misses)}
    assert [text for text in family.matches if not found[text]] == []
    assert {text: found[text] for text in family.misses if found[text]} == {}


def test_curated_bank_is_broad() -> None:
    assert len(_ENTRIES) >= 150
    assert {entry.category for entry in _ENTRIES} == set(CATEGORIES)


def test_every_warning_has_at_least_three_rewrites() -> None:
    assert [e.id for e in _ENTRIES if e.severity == "warning" and len(e.rewrites) < 3] == []

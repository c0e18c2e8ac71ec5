"""A family's examples: texts it must find words in and near misses it must not, checked with the bank's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import make_entry
from replycoach import load_bank
from replycoach.bank.familycheck import found_words
from replycoach.bank.loader import lint_bank_dir
from replycoach.bank.schema import FamilySchema, dump_family

WriteBank = Callable[..., Path]

# An entry that uses the family below, so the folder lints clean but for the family's examples.
ENTRY = make_entry(
    patterns=["everything is fine {our-end}"],
    examples={
        "flag": [
            {"text": "Everything is fine on our end.", "flagged": "Everything is fine on our end"},
            {"text": "Well, everything is fine from my side.", "flagged": "everything is fine from my side"},
        ],
        "pass": ["Everything is fine now.", "It is fine on your end."],
    },
)


def family(**examples: list[str]) -> dict[str, object]:
    return {
        "family": "our-end",
        "note": "The agent's side of things, where a check found nothing wrong.",
        "phrases": ["(on | from) (our | my) (end | side)", "with our ~system"],
        "examples": examples,
    }


def problems_of(write_bank: WriteBank, raw_family: dict[str, object]) -> list[str]:
    folder = write_bank(ENTRY, files={"vocabulary.yml": yaml.safe_dump({"vocabulary": [raw_family]})})
    _, problems = lint_bank_dir(folder)
    return [str(p) for p in problems]


def test_examples_that_hold_lint_clean_and_load(write_bank: WriteBank) -> None:
    raw = family(
        match=["It all looks right on our end.", "Nothing is wrong with our systems."],
        no_match=["At the end of the day it is your call."],
    )
    assert problems_of(write_bank, raw) == []
    folder = write_bank(ENTRY, files={"vocabulary.yml": yaml.safe_dump({"vocabulary": [raw]})})
    loaded = load_bank(folder).vocabulary.by_name["our-end"]
    assert loaded.matches == ("It all looks right on our end.", "Nothing is wrong with our systems.")
    assert loaded.misses == ("At the end of the day it is your call.",)


def test_a_match_example_the_family_finds_nothing_in_is_named(write_bank: WriteBank) -> None:
    raw = family(match=["It all looks right on our end.", "Our records show it was sent."])
    assert problems_of(write_bank, raw) == [
        "vocabulary.yml: our-end: examples.match[1]: the family finds no words in 'Our records show it was "
        "sent.'; add the words it should find there, or change the example"
    ]


def test_a_near_miss_the_family_finds_words_in_is_named_with_the_words(write_bank: WriteBank) -> None:
    raw = family(
        match=["It all looks right on our end."], no_match=["It is on my side of the desk, not yours."]
    )
    assert problems_of(write_bank, raw) == [
        "vocabulary.yml: our-end: examples.no_match[0]: the family finds 'on my side' in 'It is on my side "
        "of the desk, not yours.', a near miss it must not find; narrow the words that find it, or change "
        "the example"
    ]


def test_the_family_finds_words_as_a_pattern_reads_them(write_bank: WriteBank) -> None:
    """Contractions, inflections and the draft's own characters: the words found are the example's own."""
    raw = family(match=["It\u2019s all fine ON OUR END."])
    folder = write_bank(ENTRY, files={"vocabulary.yml": yaml.safe_dump({"vocabulary": [raw]})})
    bank = load_bank(folder)
    our_end = bank.vocabulary.by_name["our-end"]
    assert found_words(bank, our_end, "It\u2019s all fine ON OUR END, and with our systems too.") == [
        "ON OUR END",
        "with our systems",
    ]


@pytest.mark.parametrize(
    ("examples", "message"),
    [
        ({"matches": ["a"]}, "examples.matches: unknown field; check its spelling"),
        ({"match": ["  "]}, "examples.match[0]: must be one non-empty line"),
        ({"match": ["one\ntwo"]}, "examples.match[0]: must be one non-empty line"),
        ({"no_match": "just one"}, "examples.no_match: Not a valid list."),
    ],
)
def test_malformed_examples_are_refused(write_bank: WriteBank, examples: object, message: str) -> None:
    raw = {"family": "our-end", "phrases": ["on our end"], "examples": examples}
    family_problem, entry_problem = problems_of(write_bank, raw)
    assert family_problem.startswith(f"vocabulary.yml: our-end: {message}")
    # Nothing of a refused family is used: the entry that names it says so.
    assert entry_problem.startswith("entries.yml: dismissive.relax: patterns[0]: {our-end} is not a family")


def test_examples_round_trip_in_the_file_format_and_are_left_out_when_there_are_none() -> None:
    raw = {"family": "our-end", "phrases": ["on our end"], "examples": {"match": ["Fine on our end."]}}
    assert dump_family(FamilySchema().load(raw)) == raw
    bare = {"family": "our-end", "phrases": ["on our end"]}
    assert dump_family(FamilySchema().load(bare)) == bare

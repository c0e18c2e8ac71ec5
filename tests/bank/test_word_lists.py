"""An entry's own word lists: named like families, used as {name} by that entry's patterns alone."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import make_entry
from replycoach import Engine, load_bank
from replycoach.bank.cost import adds_no_work
from replycoach.bank.files import read_bank_dir
from replycoach.bank.loader import check_examples, lint_bank_dir
from replycoach.bank.schema import EntrySchema, dump_entry
from replycoach.engine.compiled import Bank
from replycoach.engine.explain import explain

WriteBank = Callable[..., Path]

OWN_WORDS: dict[str, list[str]] = {
    "our-end": ["(on | from) (our | my) (end | side)"],
    "fine": ["(fine | normal)", "working [fine | normally]"],
}


def fine_on_our_end(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {"words": OWN_WORDS, **overrides}
    return make_entry(
        patterns=["(it | everything) (~look | ~seem) {fine} {our-end}"],
        examples={
            "flag": [
                {"text": "Everything looks fine on our end.", "flagged": "Everything looks fine on our end"},
                {"text": "Well, it seems normal from my side.", "flagged": "it seems normal from my side"},
            ],
            "pass": ["Everything looks fine now.", "It looks fine on your end."],
        },
        **fields,
    )


def problems_of(folder: Path) -> list[str]:
    _, problems = lint_bank_dir(folder)
    return [str(p) for p in problems]


def vocabulary_file(*families: dict[str, object]) -> str:
    return yaml.safe_dump({"vocabulary": list(families)}, sort_keys=False)


def test_an_entry_flags_through_its_own_lists(write_bank: WriteBank) -> None:
    bank = load_bank(write_bank(fine_on_our_end()))
    flags = Engine(bank).analyze("Thanks. It seems to be working normally on our end, I'm afraid.").flags
    assert [(f.entry.id, f.text) for f in flags] == []  # "seems to be": not the pattern's shape
    flags = Engine(bank).analyze("Thanks. It seems working normally on our end, I'm afraid.").flags
    assert [(f.entry.id, f.text) for f in flags] == [
        ("dismissive.relax", "It seems working normally on our end")
    ]
    assert [f.name for f in bank.vocabulary.families] == []  # the lists are the entry's, not the vocabulary's


def test_lists_are_kept_in_the_file_format_after_the_patterns_and_left_out_when_empty() -> None:
    entry = EntrySchema().load(fine_on_our_end())
    assert entry.words == (("our-end", tuple(OWN_WORDS["our-end"])), ("fine", tuple(OWN_WORDS["fine"])))
    dumped = dump_entry(entry)
    assert list(dumped)[:5] == ["id", "category", "severity", "patterns", "words"]
    assert dumped["words"] == OWN_WORDS
    assert "words" not in dump_entry(dataclasses.replace(entry, words=()))
    assert EntrySchema().dump(dataclasses.replace(entry, words=()))["words"] == {}


def test_a_list_named_like_a_family_stands_for_it_in_its_entry_alone(write_bank: WriteBank) -> None:
    """The service takes it (a curated update may bring an entry's list while the team's vocabulary keeps the
    family of that name); a bank folder, where a lead reads both, is refused with the reason."""
    other = make_entry(
        id="dismissive.all-fine",
        patterns=["all {fine} here"],
        examples={
            "flag": [
                {"text": "All OK here.", "flagged": "All OK here"},
                {"text": "Well, all good here.", "flagged": "all good here"},
            ],
            "pass": ["All fine here.", "All normal here."],
        },
    )
    family = {"family": "fine", "phrases": ["ok", "good"]}
    folder = write_bank(fine_on_our_end(), other, files={"vocabulary.yml": vocabulary_file(family)})
    assert problems_of(folder) == [
        "entries.yml: dismissive.relax: words.fine: the vocabulary has a family named 'fine', which this "
        "list stands for in this entry alone; name the list differently, or use the vocabulary's family and "
        "remove the list"
    ]
    data, _ = read_bank_dir(folder)
    bank = Bank.build(data.entries, (), data.vocabulary)
    assert check_examples(bank) == []
    flags = Engine(bank).analyze("It looks normal on our end. All good here.").flags
    assert [(f.entry.id, f.text) for f in flags] == [
        ("dismissive.relax", "It looks normal on our end"),
        ("dismissive.all-fine", "All good here"),
    ]


def test_a_list_no_pattern_uses_is_named(write_bank: WriteBank) -> None:
    entry = fine_on_our_end(words={**OWN_WORDS, "spare": ["spare words"]})
    assert problems_of(write_bank(entry)) == [
        "entries.yml: dismissive.relax: words.spare: no pattern or unless line of this entry uses it; use it "
        "as {spare} or remove it"
    ]


def test_a_list_another_used_list_names_and_an_unless_line_are_uses(write_bank: WriteBank) -> None:
    entry = fine_on_our_end(
        words={
            "our-end": ["(on | from) {ours} (end | side)"],
            "ours": ["our", "my"],
            "fine": ["fine", "normal"],
        },
        unless=["fine {our-end} {now}"],
    )
    entry["words"]["now"] = ["now", "today"]
    assert problems_of(write_bank(entry)) == []


def test_a_list_is_the_entrys_alone(write_bank: WriteBank) -> None:
    other = make_entry(id="dismissive.other", patterns=["all {fine} here"])
    folder = write_bank(fine_on_our_end(), other)
    problems = problems_of(folder)
    assert problems[0].startswith("entries.yml: dismissive.other: patterns[0]: {fine} is not a family")


def test_a_vocabulary_family_named_only_by_an_entrys_list_is_used(write_bank: WriteBank) -> None:
    entry = fine_on_our_end(words={**OWN_WORDS, "our-end": ["(on | from) {mine} (end | side)"]})
    folder = write_bank(
        entry, files={"vocabulary.yml": vocabulary_file({"family": "mine", "phrases": ["our", "my"]})}
    )
    assert problems_of(folder) == []


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ({"Our-End": ["x"]}, "words.Our-End.key: must be lowercase words joined by hyphens, e.g. our-end"),
        ({"our-end": []}, "words.our-end.value: needs at least one phrase"),
        (
            {"number": ["x"]},
            "words.number.key: number is a family the engine provides itself; choose another name",
        ),
    ],
)
def test_a_malformed_list_is_refused(
    write_bank: WriteBank, words: dict[str, list[str]], message: str
) -> None:
    problems = problems_of(write_bank(fine_on_our_end(words=words)))
    assert problems[0] == f"entries.yml: dismissive.relax: {message}"


def test_explain_reads_the_entrys_lists_for_a_near_miss(write_bank: WriteBank) -> None:
    bank = load_bank(write_bank(fine_on_our_end()))
    explained = explain(bank, "Everything looks fine at the moment.", entry_id="dismissive.relax")
    [entry] = explained.entries
    near = entry.patterns[0].near_miss
    assert near is not None
    assert (near.matched_parts, near.next_part) == ("(it | everything) (~look | ~seem) {fine}", "{our-end}")


def test_a_change_to_an_entrys_lists_is_work_the_cost_check_measures(write_bank: WriteBank) -> None:
    bank = load_bank(write_bank(fine_on_our_end()))
    entry = bank.all_entries[0]
    wider = dataclasses.replace(entry, words=(*entry.words, ("extra", ("x",))))
    assert adds_no_work((bank.all_entries, (), ()), ([entry], (), ())) is True
    assert adds_no_work((bank.all_entries, (), ()), ([wider], (), ())) is False

"""A broken bank is refused with problems that name the file, the entry, the field and what to change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import make_entry
from replycoach import BankError, load_bank
from replycoach.bank.loader import lint_bank_dir

WriteBank = Callable[..., Path]


def problems_of(folder: Path) -> list[str]:
    _, problems = lint_bank_dir(folder)
    return [str(p) for p in problems]


def test_valid_entry_loads(write_bank: WriteBank) -> None:
    bank = load_bank(write_bank(make_entry()))
    assert [e.id for e in bank.entries] == ["dismissive.relax"]
    assert bank.entries[0].source == "entries.yml"


def test_a_folder_given_as_a_string_loads(write_bank: WriteBank) -> None:
    bank = load_bank(str(write_bank(make_entry())))
    assert [e.id for e in bank.entries] == ["dismissive.relax"]


def test_missing_field(write_bank: WriteBank) -> None:
    assert problems_of(write_bank(make_entry(why=None))) == [
        "entries.yml: dismissive.relax: why: missing; this field is required"
    ]


def test_unknown_field(write_bank: WriteBank) -> None:
    assert problems_of(write_bank(make_entry(level="warning"))) == [
        "entries.yml: dismissive.relax: level: unknown field; check its spelling "
        "(see phrasebank/README.md for the fields an entry has)"
    ]


def test_unknown_category(write_bank: WriteBank) -> None:
    (problem,) = problems_of(write_bank(make_entry(id="grumpy.relax", category="grumpy")))
    assert problem.startswith(
        "entries.yml: grumpy.relax: category: unknown category; use one of: dismissive, blame"
    )


def test_category_must_match_id(write_bank: WriteBank) -> None:
    assert problems_of(write_bank(make_entry(category="blame"))) == [
        "entries.yml: dismissive.relax: id: id 'dismissive.relax' must start with its category, 'blame'"
    ]


def test_bad_severity_and_scope(write_bank: WriteBank) -> None:
    rewrites = [{"text": "a", "scope": "paragraph"}, {"text": "b", "scope": "phrase"}]
    assert problems_of(write_bank(make_entry(severity="error", rewrites=rewrites))) == [
        "entries.yml: dismissive.relax: severity: must be warning or suggestion",
        "entries.yml: dismissive.relax: rewrites[0].scope: must be one of: phrase, sentence",
    ]


def test_too_few_rewrites_and_examples(write_bank: WriteBank) -> None:
    entry = make_entry(
        rewrites=[{"text": "a", "scope": "phrase"}],
        examples={"flag": [{"text": "Just relax.", "flagged": "Just relax"}], "pass": ["x", "y"]},
    )
    assert problems_of(write_bank(entry)) == [
        "entries.yml: dismissive.relax: rewrites: needs at least 2 rewrites",
        "entries.yml: dismissive.relax: examples.flag: needs at least 2 examples",
    ]


def test_duplicate_id_across_files(write_bank: WriteBank) -> None:
    folder = write_bank(make_entry())
    (folder / "more.yml").write_text((folder / "entries.yml").read_text())
    assert problems_of(folder) == [
        "more.yml: dismissive.relax: id: duplicate id: also defined in entries.yml; ids must be unique"
    ]


def test_a_pattern_past_1000_characters_is_refused(write_bank: WriteBank) -> None:
    long = "just relax" + "(?: now)?" * 120
    (problem,) = problems_of(write_bank(make_entry(patterns=[long])))
    assert problem == (
        "entries.yml: dismissive.relax: patterns[0]: is longer than 1,000 characters; "
        "move word lists into the vocabulary as families"
    )


def test_more_than_40_patterns_or_exceptions_is_refused(write_bank: WriteBank) -> None:
    many = [f"just relax{i}" for i in range(41)]
    problems = problems_of(write_bank(make_entry(patterns=["just relax", *many], unless=many)))
    assert problems == [
        "entries.yml: dismissive.relax: patterns: has more than 40 patterns; split the entry, or move word "
        "lists into the vocabulary",
        "entries.yml: dismissive.relax: unless: has more than 40 exceptions; split the entry, or move word "
        "lists into the vocabulary",
    ]


def test_a_pattern_that_expands_past_20000_characters_is_refused(write_bank: WriteBank) -> None:
    words = [f"word{i:04d}" for i in range(500)]
    vocabulary = yaml.safe_dump(
        {"vocabulary": [{"family": f"many-{n}", "phrases": words} for n in range(5)]}, sort_keys=False
    )
    pattern = "just relax (?:" + "|".join(f"{{{{many-{n}}}}}" for n in range(5)) + ")?"
    problems = problems_of(write_bank(make_entry(patterns=[pattern]), files={"vocabulary.yml": vocabulary}))
    families = ", ".join(f"{{many-{n}}} 500 phrases, 4,503 characters" for n in range(5))
    assert problems == [
        "entries.yml: dismissive.relax: patterns[0]: would expand to 2,500 phrases and 22,535 characters "
        f"through its families ({families}), over the limit of 20,000 characters, so it was not expanded; "
        "use smaller families, or fewer levels of families inside families"
    ]


def test_a_pattern_whose_program_is_too_large_is_refused(write_bank: WriteBank) -> None:
    pattern = "just relax" + "(?: [a-z]{1,100}){0,10}" * 3
    (problem,) = problems_of(write_bank(make_entry(patterns=[pattern])))
    assert problem.startswith("entries.yml: dismissive.relax: patterns[0]: compiles to an RE2 program of ")
    assert problem.endswith(
        "instructions (the limit is 20,000); simplify it or split it into several patterns"
    )


def test_a_rewrite_given_as_a_bare_string_shows_the_form_it_needs(write_bank: WriteBank) -> None:
    rewrites = ["I can see why this is stressful", {"text": "I understand", "scope": "phrase"}]
    (problem,) = problems_of(write_bank(make_entry(rewrites=rewrites)))
    assert problem == (
        "entries.yml: dismissive.relax: rewrites[0]: must be an object with text and scope, like "
        '{"text": "I\'ll look into it now", "scope": "phrase"}, not a bare string'
    )


def test_an_entry_with_bad_fields_and_a_bad_pattern_gets_every_problem_at_once(write_bank: WriteBank) -> None:
    entry = make_entry(
        severity="loud", patterns=["just relax", "just (?=relax)relax"], unless=["{{nowhere}}"]
    )
    assert problems_of(write_bank(entry)) == [
        "entries.yml: dismissive.relax: severity: must be warning or suggestion",
        "entries.yml: dismissive.relax: patterns[1]: RE2 cannot compile 'just (?=relax)relax' "
        "(invalid perl operator: (?=); RE2 has no look-around and no back-references: rewrite the pattern, "
        "or move the exception to `unless`",
        "entries.yml: dismissive.relax: unless[0]: uses {{nowhere}}, which the vocabulary does not define "
        "(defined: none); add the family to vocabulary.yml or fix the name",
    ]


def test_pattern_re2_cannot_compile(write_bank: WriteBank) -> None:
    (problem,) = problems_of(write_bank(make_entry(patterns=["just (?=relax)relax"])))
    assert problem == (
        "entries.yml: dismissive.relax: patterns[0]: RE2 cannot compile 'just (?=relax)relax' "
        "(invalid perl operator: (?=); RE2 has no look-around and no back-references: rewrite the pattern, "
        "or move the exception to `unless`"
    )


def test_rewrite_slot_not_captured_by_every_pattern(write_bank: WriteBank) -> None:
    entry = make_entry(
        patterns=["just (?P<verb>relax)", "simply relax"],
        rewrites=[
            {"text": "let's {verb} together", "scope": "phrase"},
            {"text": "I see why this is stressful", "scope": "phrase"},
        ],
    )
    assert problems_of(write_bank(entry)) == [
        "entries.yml: dismissive.relax: rewrites[0].text: slot {verb} is not captured by every "
        "pattern; add <verb> (the rest of the clause) or <verb: words> to each pattern, or remove the slot"
    ]


def test_flag_example_that_is_not_flagged(write_bank: WriteBank) -> None:
    examples = {
        "flag": [
            {"text": "Just relax, it will arrive.", "flagged": "Just relax"},
            {"text": "Chill out, it will arrive.", "flagged": "Chill out"},
        ],
        "pass": ["Relaxing plans.", "Nothing here."],
    }
    assert problems_of(write_bank(make_entry(examples=examples))) == [
        "entries.yml: dismissive.relax: examples.flag[1]: 'Chill out' is not flagged: no pattern "
        "matches it here (check the pattern, an `unless` exception, and word boundaries)"
    ]


def test_pass_example_that_is_flagged(write_bank: WriteBank) -> None:
    examples = {
        "flag": [
            {"text": "Just relax, it will arrive.", "flagged": "Just relax"},
            {"text": "Please just relax.", "flagged": "just relax"},
        ],
        "pass": ["You can just relax now that it shipped.", "Nothing here."],
    }
    assert problems_of(write_bank(make_entry(examples=examples))) == [
        "entries.yml: dismissive.relax: examples.pass[0]: flagged at 'just relax' but must pass; "
        "narrow the pattern or add an `unless` exception"
    ]


def test_flagged_must_occur_once(write_bank: WriteBank) -> None:
    examples = {
        "flag": [
            {"text": "Ok, just relax, just relax.", "flagged": "just relax"},
            {"text": "Please just relax.", "flagged": "calm"},
        ],
        "pass": ["a", "b"],
    }
    assert problems_of(write_bank(make_entry(examples=examples))) == [
        "entries.yml: dismissive.relax: examples.flag[0]: flagged 'just relax' occurs 2 times in text; "
        "it must occur exactly once",
        "entries.yml: dismissive.relax: examples.flag[1]: flagged 'calm' does not occur in text; "
        "it must occur exactly once",
    ]


def test_malformed_files(write_bank: WriteBank) -> None:
    folder = write_bank(files={"a.yml": "entries: [\n", "b.yml": "- id: x\n", "c.yaml": "entries: []\n"})
    problems = problems_of(folder)
    assert problems[0].startswith("a.yml: not valid YAML:")
    assert problems[1:] == [
        "b.yml: must hold one mapping with a single key: entries (a list of entries), "
        "acknowledgements (a list of topics) or vocabulary (a list of word families)",
        "a.yml, b.yml: the other files' entries, families and examples are checked once every file reads: "
        "fix the problems above first",
    ]


def test_an_unreadable_vocabulary_is_the_only_problem_reported(write_bank: WriteBank) -> None:
    # The entry names a family the broken file defines: one problem to fix, not one per reference.
    entry = make_entry(patterns=["just {soothing}"])
    broken = "vocabulary:\n- family: soothing\n  phrases:\n  - [relax\n"
    folder = write_bank(entry, files={"vocabulary.yml": broken})
    problems = problems_of(folder)
    assert len(problems) == 2
    assert problems[0].startswith("vocabulary.yml: not valid YAML:")
    assert problems[1] == (
        "vocabulary.yml: the other files' entries, families and examples are checked once every file "
        "reads: fix the problems above first"
    )


def test_empty_or_missing_folder(tmp_path: Path) -> None:
    assert problems_of(tmp_path) == [f"{tmp_path}: no .yml or .yaml files in this folder"]
    missing = tmp_path / "nope"
    assert problems_of(missing) == [
        f"{missing}: not a folder; give the folder that holds the bank's .yml files"
    ]


def test_load_bank_raises_with_every_problem(write_bank: WriteBank) -> None:
    folder = write_bank(make_entry(why=None), make_entry(id="dismissive.other", message=None))
    with pytest.raises(BankError) as caught:
        load_bank(folder)
    assert [p.field for p in caught.value.problems] == ["why", "message"]
    assert "the phrase bank has 2 problems" in str(caught.value)


def test_when_condition_validated(write_bank: WriteBank) -> None:
    assert problems_of(write_bank(make_entry(when={"customer_mood": "grumpy"}))) == [
        "entries.yml: dismissive.relax: when.customer_mood: unknown mood 'grumpy'; "
        "use one of: upset, neutral, positive, unknown"
    ]


def test_a_disabled_entry_loads_but_never_flags(write_bank: WriteBank) -> None:
    from replycoach import Engine

    examples = {
        "flag": [
            {"text": "Stay calm.", "flagged": "Stay calm"},
            {"text": "stay calm now", "flagged": "stay calm"},
        ],
        "pass": ["Calm seas.", "We stayed."],
    }
    calm = make_entry(id="dismissive.stay-calm", patterns=["stay calm"], examples=examples)
    bank = load_bank(write_bank(make_entry(enabled=False), calm))
    assert [e.id for e in bank.entries] == ["dismissive.stay-calm"]
    flags = Engine(bank).analyze("Just relax, stay calm.").flags
    assert [f.entry.id for f in flags] == ["dismissive.stay-calm"]


def test_a_disabled_entry_is_still_validated_but_its_examples_wait(write_bank: WriteBank) -> None:
    # Its examples run once it is enabled again; its fields and patterns must be sound now.
    failing_examples = make_entry(enabled=False, patterns=["simply relax"])
    assert problems_of(write_bank(failing_examples)) == []
    broken = make_entry(enabled=False, patterns=["just (?=relax)relax"])
    (problem,) = problems_of(write_bank(broken))
    assert problem.startswith("entries.yml: dismissive.relax: patterns[0]: RE2 cannot compile")
    assert problems_of(write_bank(make_entry(enabled="no"))) == [
        "entries.yml: dismissive.relax: enabled: Not a valid boolean."
    ]


def test_a_broken_family_a_check_reads_is_reported_not_raised(write_bank: WriteBank) -> None:
    # The `question` check reads `indirect-question`; broken, it takes the entry that opts into the check
    # with it. Lint says what to fix in the family, and does not fail on what follows from it.
    vocabulary = yaml.safe_dump(
        {"vocabulary": [{"family": "indirect-question", "phrases": ["I wonder {nowhere}"]}]}, sort_keys=False
    )
    entry = make_entry(quiet_when=["question"])
    problems = problems_of(write_bank(entry, files={"vocabulary.yml": vocabulary}))
    assert problems
    assert all(p.startswith("vocabulary.yml: indirect-question:") for p in problems), problems
    assert "{nowhere} is not a family of the vocabulary" in problems[0]

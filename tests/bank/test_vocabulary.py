"""Word families: stated once in vocabulary.yml, referenced as {{name}}, expanded into plain RE2."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import make_entry
from replycoach import Engine, load_bank
from replycoach.bank.loader import lint_bank_dir
from replycoach.bank.vocabulary import Family, Vocabulary, unused_families, verb_forms

WriteBank = Callable[..., Path]


def vocabulary_file(*families: dict[str, object]) -> str:
    return yaml.safe_dump({"vocabulary": list(families)}, sort_keys=False)


def problems_of(folder: Path) -> list[str]:
    _, problems = lint_bank_dir(folder)
    return [str(p) for p in problems]


def test_phrases_become_one_alternation_longest_first() -> None:
    words = Vocabulary([Family("apology", phrases=("sorry", "do apologize", "regret"))])
    assert words.expand("we {{apology}}") == "we (?:do apologize|regret|sorry)"


def test_phrases_are_literal_text() -> None:
    words = Vocabulary([Family("odd", phrases=("a.b (c)", "what?"))])
    assert words.expand("{{odd}}") == r"(?:a\.b \(c\)|what\?)"


def test_verbs_bring_every_form_and_a_form_narrows_them() -> None:
    words = Vocabulary([Family("fix", verbs=("refund", "give"))])
    assert words.expand("{{fix}}") == ("(?:refunding|refunded|refunds|giving|refund|given|gives|gave|give)")
    assert words.expand("{{fix:base}}") == "(?:refund|give)"
    assert words.expand("{{fix:past}}") == "(?:refunded|given|gave)"
    assert words.expand("{{fix:ing}}") == "(?:refunding|giving)"


def test_a_phrasal_verb_inflects_its_first_word() -> None:
    assert verb_forms("log in", "past") == ("logged in",)


def test_nouns_bring_their_plural() -> None:
    words = Vocabulary([Family("ask", nouns=("query", "refund request"))])
    assert words.expand("{{ask}}") == "(?:refund requests|refund request|queries|query)"


def test_families_can_use_families() -> None:
    words = Vocabulary(
        [
            Family("we", phrases=("we", "our team")),
            Family("we-cant", patterns=("{{we}} (?:can't|cannot)",)),
        ]
    )
    assert words.expand("sorry, {{we-cant}}") == "sorry, (?:(?:our team|we) (?:can't|cannot))"


def test_a_bank_entry_flags_through_a_family(write_bank: WriteBank) -> None:
    entry = make_entry(
        patterns=["{{settle}} down"],
        examples={
            "flag": [
                {"text": "Please calm down.", "flagged": "calm down"},
                {"text": "Everyone calmed down.", "flagged": "calmed down"},
            ],
            "pass": ["Calmly, we sat down.", "The storm settled."],
        },
    )
    family = {"family": "settle", "verbs": ["calm", "settle"]}
    bank = load_bank(write_bank(entry, files={"vocabulary.yml": vocabulary_file(family)}))
    flags = Engine(bank).analyze("OK, settle down and calming down helps.").flags
    assert [(f.entry.id, f.text, f.span.start) for f in flags] == [
        ("dismissive.relax", "settle down", 4),
        ("dismissive.relax", "calming down", 20),
    ]
    assert [f.name for f in bank.vocabulary.families] == ["settle"]


def test_an_undefined_family_is_named_with_the_defined_ones(write_bank: WriteBank) -> None:
    folder = write_bank(
        make_entry(patterns=["just {{relaxing}}"]),
        files={"vocabulary.yml": vocabulary_file({"family": "relax", "verbs": ["relax"]})},
    )
    assert problems_of(folder) == [
        "entries.yml: dismissive.relax: patterns[0]: uses {{relaxing}}, which the vocabulary does not define "
        "(defined: relax); add the family to vocabulary.yml or fix the name",
        "vocabulary.yml: relax: family: no pattern uses it; use it as {relax} in a pattern or remove it",
    ]


def test_an_unused_family_fails_lint(write_bank: WriteBank) -> None:
    folder = write_bank(
        make_entry(patterns=["just {{relax:base}}"]),
        files={
            "vocabulary.yml": vocabulary_file(
                {"family": "relax", "verbs": ["relax"]},
                {"family": "spare", "phrases": ["spare words"]},
            )
        },
    )
    assert problems_of(folder) == [
        "vocabulary.yml: spare: family: no pattern uses it; use it as {spare} in a pattern or remove it"
    ]


def test_a_family_used_only_by_another_used_family_is_used() -> None:
    words = Vocabulary(
        [Family("a", patterns=("{{b}}",)), Family("b", phrases=("x",)), Family("c", phrases=("y",))]
    )
    assert [f.name for f in unused_families(words, ["{{a}} now"])] == ["c"]


def test_a_family_that_contains_itself_is_refused(write_bank: WriteBank) -> None:
    folder = write_bank(
        make_entry(patterns=["just {{a}}"]),
        files={
            "vocabulary.yml": vocabulary_file(
                {"family": "a", "patterns": ["x {{b}}"]}, {"family": "b", "patterns": ["y {{a}}"]}
            )
        },
    )
    assert problems_of(folder) == [
        "vocabulary.yml: a: family: family 'a' references itself (a -> b -> a); "
        "a family may not contain itself",
        "vocabulary.yml: b: family: family 'b' references itself (b -> a -> b); "
        "a family may not contain itself",
        "entries.yml: dismissive.relax: patterns[0]: family 'a' references itself (a -> b -> a); "
        "a family may not contain itself",
    ]


def test_an_unknown_form_is_refused(write_bank: WriteBank) -> None:
    folder = write_bank(
        make_entry(patterns=["just {{relax:future}}"]),
        files={"vocabulary.yml": vocabulary_file({"family": "relax", "verbs": ["relax"]})},
    )
    assert problems_of(folder) == [
        "entries.yml: dismissive.relax: patterns[0]: {{relax:future}}: unknown form 'future'; "
        "use one of: all, base, s, ing, past"
    ]


def test_a_family_re2_refuses_is_named_even_when_unused(write_bank: WriteBank) -> None:
    folder = write_bank(
        make_entry(),
        files={"vocabulary.yml": vocabulary_file({"family": "bad", "patterns": ["(?<=x)y"]})},
    )
    problems = problems_of(folder)
    assert problems[0].startswith(
        "vocabulary.yml: bad: family: RE2 cannot compile '{{bad}}' (invalid perl operator"
    )
    assert problems[1:] == [
        "vocabulary.yml: bad: family: no pattern uses it; use it as {bad} in a pattern or remove it"
    ]


@pytest.mark.parametrize(
    ("family", "message"),
    [
        (
            {"family": "Apology", "phrases": ["sorry"]},
            "family: must be lowercase words joined by hyphens, e.g. apology",
        ),
        ({"family": "empty"}, "needs phrases, verbs, nouns or patterns: at least one word or fragment"),
        ({"family": "x", "phrases": ["  "]}, "phrases[0]: must not be empty"),
        (
            {"family": "x", "words": ["a"]},
            "words: unknown field; check its spelling (see phrasebank/README.md for the fields an entry has)",
        ),
    ],
)
def test_a_malformed_family_is_refused(
    write_bank: WriteBank, family: dict[str, object], message: str
) -> None:
    folder = write_bank(make_entry(), files={"vocabulary.yml": vocabulary_file(family)})
    assert problems_of(folder) == [f"vocabulary.yml: {family['family']}: {message}"]


def test_a_family_defined_twice_is_refused(write_bank: WriteBank) -> None:
    folder = write_bank(
        make_entry(patterns=["just {{relax:base}}"]),
        files={
            "vocabulary.yml": vocabulary_file({"family": "relax", "verbs": ["relax"]}),
            "more.yml": vocabulary_file({"family": "relax", "phrases": ["chill"]}),
        },
    )
    assert problems_of(folder) == ["vocabulary.yml: relax: family: duplicate family: also in more.yml"]


def test_the_vocabulary_is_part_of_the_revision(write_bank: WriteBank) -> None:
    entry = make_entry(patterns=["just {{relax:base}}"])
    one = load_bank(
        write_bank(entry, files={"vocabulary.yml": vocabulary_file({"family": "relax", "verbs": ["relax"]})})
    )
    two = load_bank(
        write_bank(
            entry, files={"vocabulary.yml": vocabulary_file({"family": "relax", "verbs": ["relax", "chill"]})}
        )
    )
    assert one.revision != two.revision


@pytest.mark.parametrize("name", ["subject-name", "number"])
def test_a_vocabulary_may_not_define_a_family_the_engine_provides(write_bank: WriteBank, name: str) -> None:
    folder = write_bank(
        make_entry(patterns=["just relax", f"{{{name}}} says relax"]),
        files={"vocabulary.yml": vocabulary_file({"family": name, "phrases": ["Acme"]})},
    )
    assert problems_of(folder) == [
        f"vocabulary.yml: {name}: family: {name} is a family the engine provides itself; choose another name"
    ]


def test_a_family_a_context_check_reads_is_used_though_no_pattern_names_it(write_bank: WriteBank) -> None:
    folder = write_bank(
        make_entry(quiet_when=["conditional"]),
        files={"vocabulary.yml": vocabulary_file({"family": "condition", "phrases": ["if", "unless"]})},
    )
    assert problems_of(folder) == []


@pytest.mark.parametrize(
    ("check", "families"),
    [
        ("alternative-follows", ["way-forward", "way-forward-opener"]),
        ("conditional", ["condition"]),
        ("question", ["indirect-question"]),
    ],
)
def test_an_entry_whose_context_check_has_no_family_names_the_family_to_add(
    write_bank: WriteBank, check: str, families: list[str]
) -> None:
    assert problems_of(write_bank(make_entry(quiet_when=[check]))) == [
        f"entries.yml: dismissive.relax: quiet_when: {check} needs the vocabulary's {family} family; "
        "copy it from the curated bank's vocabulary.yml"
        for family in families
    ]


def test_an_entry_reading_what_the_customer_tried_names_the_families_to_add(write_bank: WriteBank) -> None:
    entry = make_entry(
        when={"customer_tried": "action"},
        patterns=["have you tried <action>"],
        rewrites=[
            {"text": "since you've tried {action}, what happened", "scope": "phrase"},
            {"text": "thanks for trying {action} already", "scope": "phrase"},
        ],
        examples={
            "flag": [
                {"text": "Have you tried it?", "flagged": "Have you tried it", "customer": c}
                for c in ("I reset it twice.", "I tried resetting it.")
            ],
            "pass": ["Have you tried it?", "Nothing here."],
        },
    )
    assert problems_of(write_bank(entry)) == [
        f"entries.yml: dismissive.relax: when.customer_tried: customer_tried needs the vocabulary's {family} "
        "family; copy it from the curated bank's vocabulary.yml"
        for family in ("already-tried", "tried-everything")
    ]


def test_topics_without_the_structure_checks_families_name_them(write_bank: WriteBank) -> None:
    topics = yaml.safe_dump(
        {
            "acknowledgements": [
                {"topic": "general", "cues": [], "acknowledge": ["a.", "b."], "next_steps": ["c.", "d."]}
            ]
        }
    )
    folder = write_bank(
        make_entry(),
        files={
            "topics.yml": topics,
            "vocabulary.yml": vocabulary_file({"family": "commitment", "phrases": ["I will"]}),
        },
    )
    assert problems_of(folder) == [
        "topics.yml: general: acknowledgements: the structure checks need the vocabulary's acknowledgement "
        "family; copy it from the curated bank's vocabulary.yml"
    ]

"""Families inside families multiply: the size an expansion would have is computed from the family graph
and a pattern or family past the limit is refused before anything is expanded."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import make_entry
from hypothesis import given, settings
from hypothesis import strategies as st
from replycoach.bank.loader import lint_bank_dir
from replycoach.bank.vocabulary import Family, Vocabulary
from replycoach.cli import main
from replycoach.engine import phrase
from replycoach.engine.expansion import ExpansionSizes, Size
from replycoach.engine.matcher import phrase_compiler

WriteBank = Callable[..., Path]

# The security probe's graph: f-zero = 10 phrases naming {f-one}, f-one = 15 naming {f-two}, f-two = 200
# naming {g}, g = 480 phrases.
NESTED = [
    {"family": "g", "phrases": [f"gword{i}" for i in range(480)]},
    {"family": "f-two", "phrases": [f"{{g}} two{i}" for i in range(200)]},
    {"family": "f-one", "phrases": [f"{{f-two}} one{i}" for i in range(15)]},
    {"family": "f-zero", "phrases": [f"{{f-one}} zero{i}" for i in range(10)]},
]
LIMIT_ADVICE = (
    "over the limit of 20,000 characters, so it was not expanded; use smaller families, or fewer levels of "
    "families inside families"
)
G = "{g} 480 phrases, 6,133 characters"
F_TWO = "{f-two} 96,000 phrases, 1,228,893 characters"
F_ONE = "{f-one} 1,440,000 phrases, 18,433,553 characters"


@pytest.fixture
def expanded(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The families the phrase compiler really expanded (each family's alternation built)."""
    seen: list[str] = []
    real = phrase.Compiler._family

    def spy(self: phrase.Compiler, name: str, form: str, chain: tuple[str, ...], column: Any = None) -> str:
        seen.append(name)
        return real(self, name, form, chain, column)

    monkeypatch.setattr(phrase.Compiler, "_family", spy)
    yield seen


def test_the_nested_families_are_refused_with_their_sizes_and_never_expanded(
    write_bank: WriteBank, expanded: list[str]
) -> None:
    entry = make_entry(patterns=["{f-zero} relax"])
    folder = write_bank(entry, files={"vocabulary.yml": yaml.safe_dump({"vocabulary": NESTED})})
    _, problems = lint_bank_dir(folder)
    assert [str(p) for p in problems] == [
        "vocabulary.yml: f-two: family: would expand to 96,000 phrases and 1,228,893 characters through its "
        f"families ({G}), {LIMIT_ADVICE}",
        "vocabulary.yml: f-one: family: would expand to 1,440,000 phrases and 18,433,553 characters through "
        f"its families ({F_TWO}, {G}), {LIMIT_ADVICE}",
        "vocabulary.yml: f-zero: family: would expand to 14,400,000 phrases and 184,335,643 characters "
        f"through its families ({F_ONE}, {F_TWO}, {G}), {LIMIT_ADVICE}",
        "entries.yml: dismissive.relax: patterns[0]: would expand to 14,400,000 phrases and 184,335,653 "
        f"characters through its families ({{f-zero}} 14,400,000 phrases, 184,335,643 characters, {F_ONE}, "
        f"{F_TWO}, {G}), {LIMIT_ADVICE}",
    ]
    # g fits and is compiled on its own; the families above it never are.
    assert set(expanded) == {"g"}


def test_bank_lint_names_the_nested_families_and_their_size(write_bank: WriteBank) -> None:
    entry = make_entry(patterns=["{f-zero} relax"])
    folder = write_bank(entry, files={"vocabulary.yml": yaml.safe_dump({"vocabulary": NESTED})})
    result = CliRunner().invoke(main, ["bank", "lint", str(folder)])
    assert result.exit_code == 1
    assert (
        "vocabulary.yml: f-zero: family: would expand to 14,400,000 phrases and 184,335,643 characters"
        in result.output
    )


SMALL_GRAPHS: list[tuple[list[Family], str, Size]] = [
    ([Family("a", phrases=("x", "yy"))], "{a}", Size(2, 16)),
    ([Family("a", phrases=("x", "x"))], "{a}", Size(1, 9)),
    (
        [Family("a", phrases=("x", "yy")), Family("b", phrases=("{a} z", "{a}", "w"))],
        "{b} now",
        Size(5, 57),
    ),
    (
        [
            Family("a", phrases=("one", "two", "three")),
            Family("b", phrases=("{a} {a}", "four")),
            Family("c", phrases=("[{b}] five", "{b}"), verbs=("refund",)),
        ],
        "we {c:past}",
        Size(15, 187),
    ),
    (
        [Family("a", verbs=("give",), nouns=("refund request",)), Family("b", patterns=("{{a}}s?",))],
        "re: {{b}} (?:x|y)",
        Size(7, 105),
    ),
    ([Family("a", phrases=("{number} days",))], "{a} {subject-name}", Size(1, 126)),
]


@pytest.mark.parametrize(("families", "pattern", "size"), SMALL_GRAPHS)
def test_the_computed_size_is_the_expanded_size(families: list[Family], pattern: str, size: Size) -> None:
    vocabulary = Vocabulary(families)
    computed = ExpansionSizes(vocabulary, phrase=True).pattern(pattern)
    assert computed is not None
    assert computed[0] == size
    assert computed[0].chars == len(phrase_compiler(vocabulary).compile(pattern))


LEGACY_GRAPHS: list[tuple[list[Family], str]] = [
    ([Family("a", phrases=("a.b (c)", "what?"))], "{{a}}"),
    ([Family("fix", verbs=("refund", "give"))], "we {{fix:past}} it"),
    (
        [
            Family("we", phrases=("we", "our team")),
            Family("we-cant", patterns=("{{we}} (?:can't|cannot)", "{{we}} won't")),
            Family("sorry", patterns=("sorry, {{we-cant}}|{{we}}",), nouns=("apology",)),
        ],
        "{{sorry}} {{we}}",
    ),
]


@pytest.mark.parametrize(("families", "pattern"), LEGACY_GRAPHS)
def test_the_computed_size_of_re2_from_before_the_language_is_its_expanded_size(
    families: list[Family], pattern: str
) -> None:
    vocabulary = Vocabulary(families)
    computed = ExpansionSizes(vocabulary, phrase=False).pattern(pattern)
    assert computed is not None
    assert computed[0].chars == len(vocabulary.expand(pattern))


@st.composite
def family_graphs(draw: st.DrawFn) -> list[Family]:
    """A few families, each phrase a word of its own with optional references to earlier families (plain,
    optional or in a choice), some with verbs or an RE2 fragment."""
    families: list[Family] = []
    for number in range(draw(st.integers(1, 4))):
        phrases = []
        for index in range(draw(st.integers(1, 3))):
            parts = [f"w{number}x{index}"]
            for earlier in draw(st.lists(st.integers(0, number - 1), max_size=2)) if number else []:
                shape = draw(st.sampled_from(["{%s}", "[{%s}]", "(y | {%s})"]))
                parts.append(shape % f"f{earlier}")
            phrases.append(" ".join(draw(st.permutations(parts))))
        verbs = ("refund",) if draw(st.booleans()) else ()
        fragments = (f"z{number}|{{{{f{number - 1}}}}}",) if number and draw(st.booleans()) else ()
        families.append(Family(f"f{number}", phrases=tuple(phrases), verbs=verbs, patterns=fragments))
    return families


@settings(max_examples=60, deadline=None)
@given(family_graphs(), st.sampled_from(["all", "past"]))
def test_the_computed_size_of_any_small_graph_is_its_expanded_size(families: list[Family], form: str) -> None:
    vocabulary = Vocabulary(families)
    pattern = f"we {{{families[-1].name}:{form}}} now"
    computed = ExpansionSizes(vocabulary, phrase=True).pattern(pattern)
    assert computed is not None
    assert computed[0].chars == len(phrase_compiler(vocabulary).compile(pattern))


def test_families_nested_past_32_levels_are_refused_naming_the_chain(write_bank: WriteBank) -> None:
    # Listed outermost first, so nothing below a family is compiled before it.
    chain = [{"family": f"f{n}", "phrases": [f"{{f{n - 1}}} w{n}" if n else "w"]} for n in range(40)][::-1]
    entry = make_entry(patterns=["{f39} relax"])
    folder = write_bank(entry, files={"vocabulary.yml": yaml.safe_dump({"vocabulary": chain})})
    _, problems = lint_bank_dir(folder)
    refused = {p.entry: p.message for p in problems}
    assert refused["f33"] == (
        "uses families nested more than 32 levels deep ({f32}, which names {f31}, which names {f30}, which "
        "names {f29}, which names ..., which names {f2}, which names {f1}); use fewer levels of families "
        "inside families"
    )
    assert sorted(refused, key=lambda name: (len(name), name)) == [
        *(f"f{n}" for n in range(32, 40)),
        "dismissive.relax",
    ]


def test_nested_re2_fragments_are_refused_before_they_are_expanded(
    write_bank: WriteBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    expanded: list[str] = []
    real = Vocabulary._family

    def spy(self: Vocabulary, name: str, form: str, chain: tuple[str, ...]) -> str:
        expanded.append(name)
        return real(self, name, form, chain)

    monkeypatch.setattr(Vocabulary, "_family", spy)
    families = [
        {"family": "g", "phrases": [f"gword{i}" for i in range(480)]},
        {"family": "f-two", "patterns": [f"{{{{g}}}} a{i}" for i in range(40)]},
    ]
    entry = make_entry(patterns=["{{f-two}} relax"])
    folder = write_bank(entry, files={"vocabulary.yml": yaml.safe_dump({"vocabulary": families})})
    _, problems = lint_bank_dir(folder)
    refused = {p.entry: p.message for p in problems}
    assert refused["f-two"] == (
        "would expand to 19,200 phrases and 168,713 characters through its families ({g} 480 phrases, 4,213 "
        f"characters), {LIMIT_ADVICE}"
    )
    assert refused["dismissive.relax"].startswith("would expand to 19,200 phrases and 168,719 characters")
    assert "f-two" not in expanded

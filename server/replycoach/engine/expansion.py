"""How large a pattern or a family becomes once its families are expanded, computed from the family graph
without expanding anything: families that reference each other a few levels deep multiply (ten phrases
naming a family of fifteen, each naming one of two hundred...), and building such an expansion first and
measuring it after can take gigabytes.

Each family is compiled one level deep, every family it references written as a marker, and its size is its
own characters plus, for each marker, the referenced family's size (memoized per family and form). The
figures are those of the real expansion: the same alternatives, deduplicated the same way, in the same
`(?:a|b)` shape."""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from replycoach.bank.vocabulary import (
    REFERENCE,
    VERB_FORMS,
    Vocabulary,
    noun_forms,
    phrase_regex,
    verb_forms,
)
from replycoach.engine.canonical import canonical_words
from replycoach.engine.phrase import BUILT_IN, Compiler, PhraseError, _words, canonical_regex, parse

_MARKER = re.compile("\x00([^\x00\x01]+)\x01([^\x00]*)\x00")
# How deep families may sit inside families (a family naming a family naming a family... is 3 levels): far
# more than any bank needs, and shallow enough for the compilers, which recurse through each level.
MAX_NESTING = 32


class NestedTooDeep(ValueError):
    """Families nested past MAX_NESTING: the chain, outermost first (each names the next)."""

    def __init__(self, chain: list[str]) -> None:
        self.chain = chain
        super().__init__(" > ".join(chain))


def _marker(name: str, form: str) -> str:
    return f"\x00{name}\x01{form}\x00"


@dataclass(frozen=True)
class Size:
    """An expansion's size: the phrases it writes out (a family's alternatives, each alternative naming
    families counting as their phrases: ten phrases naming a family of fifteen write out 150) and the
    characters of its RE2."""

    phrases: int
    chars: int


class _ShallowCompiler(Compiler):
    """The phrase compiler with each vocabulary family written as a marker instead of its expansion."""

    def _family(self, name: str, form: str, chain: tuple[str, ...], column: int | None = None) -> str:
        if name in BUILT_IN:
            return BUILT_IN[name]
        return _marker(name, form)


class ExpansionSizes:
    """The expanded sizes of one vocabulary's families and of patterns using them, in one of the two ways
    families expand: the phrase language's (`phrase=True`) or RE2's `{{name}}` from before it."""

    def __init__(self, vocabulary: Vocabulary, *, phrase: bool) -> None:
        self._vocabulary = vocabulary
        self._phrase = phrase
        self._compiler = _ShallowCompiler(vocabulary.by_name)
        self._sizes: dict[tuple[str, str], Size] = {}
        self._uses: dict[tuple[str, str], frozenset[str]] = {}
        # How many levels deep each family's references go (1: it names no family).
        self._depths: dict[tuple[str, str], int] = {}
        self._visiting: list[tuple[str, str]] = []

    def pattern(self, pattern: str) -> tuple[Size, list[str]] | None:
        """A pattern's expanded size and the families it reaches (None: it does not compile as written, and
        compiling it says why); raises NestedTooDeep."""
        try:
            shallow = self._compiler.compile(pattern) if self._phrase else self._legacy_refs(pattern)
        except PhraseError:
            return None
        phrases, chars, uses = self._measure([shallow])
        return Size(phrases, chars - 4), sorted(uses)

    def family(self, name: str, form: str = "all") -> Size:
        """One family's expanded size (0 for a name the vocabulary lacks, an unknown form or a family reached
        again through itself: compiling says what is wrong with those)."""
        key = (name, form)
        if key in self._sizes:
            return self._sizes[key]
        family = self._vocabulary.by_name.get(name)
        if family is None or form not in VERB_FORMS or key in self._visiting:
            return Size(0, 0)
        self._visiting.append(key)
        try:
            if len(self._visiting) > MAX_NESTING:
                raise NestedTooDeep([n for n, _ in self._visiting])
            phrases, chars, uses = self._measure(self._alternatives(name, form))
        finally:
            self._visiting.pop()
        size = self._sizes[key] = Size(phrases, chars)
        self._uses[key] = uses
        return size

    def _check_depth(self, key: tuple[str, str]) -> int:
        """The levels below a family already measured; raises NestedTooDeep if, seen from the families
        being measured, they go past MAX_NESTING."""
        depth = self._depths.get(key, 0)
        if len(self._visiting) + depth > MAX_NESTING:
            raise NestedTooDeep([*(n for n, _ in self._visiting), key[0], "..."])
        return depth

    def uses(self, name: str, form: str = "all") -> frozenset[str]:
        """The families a family reaches through its references, itself excluded."""
        self.family(name, form)
        return self._uses.get((name, form), frozenset())

    def _measure(self, alternatives: Iterable[str]) -> tuple[int, int, frozenset[str]]:
        """Phrases, characters and families reached of `(?:a|b|...)` over alternatives with markers."""
        unique = set(alternatives)
        phrases = 0
        chars = 4 + max(len(unique) - 1, 0)
        uses: set[str] = set()
        deepest = 0
        for alternative in unique:
            written = 0
            chars += len(alternative)
            for found in _MARKER.finditer(alternative):
                name, form = found.group(1), found.group(2)
                size = self.family(name, form)
                deepest = max(deepest, self._check_depth((name, form)))
                chars += size.chars - len(found.group())
                written += size.phrases
                uses.add(name)
                uses.update(self._uses.get((name, form), ()))
            phrases += max(written, 1)
        if self._visiting:
            self._depths[self._visiting[-1]] = deepest + 1
        return phrases, chars, frozenset(uses)

    def _alternatives(self, name: str, form: str) -> list[str]:
        """A family's alternatives one level deep, as its expansion writes them (references as markers)."""
        family = self._vocabulary.by_name[name]
        inner = (name,)
        out: list[str] = []
        if self._phrase:
            for phrase in family.phrases:
                try:
                    out.append(self._compiler._options(parse(phrase), inner))
                except PhraseError:
                    continue  # compiling the family reports it
            out += [_words(canonical_words(f)) for verb in family.verbs for f in verb_forms(verb, form)]
            out += [_words(canonical_words(f)) for noun in family.nouns for f in noun_forms(noun)]
            out += [self._compiler.raw(canonical_regex(fragment), inner) for fragment in family.patterns]
        else:
            out += [phrase_regex(p) for p in family.phrases]
            out += [phrase_regex(f) for verb in family.verbs for f in verb_forms(verb, form)]
            out += [phrase_regex(f) for noun in family.nouns for f in noun_forms(noun)]
            out += [self._legacy_refs(fragment) for fragment in family.patterns]
        return out

    @staticmethod
    def _legacy_refs(source: str) -> str:
        return REFERENCE.sub(lambda m: _marker(m.group(1), m.group(2) or "all"), source)


_SIZES: weakref.WeakKeyDictionary[Vocabulary, dict[bool, ExpansionSizes]] = weakref.WeakKeyDictionary()


def expansion_sizes(vocabulary: Vocabulary, *, phrase: bool) -> ExpansionSizes:
    """The size calculator of one vocabulary, made once for each way of expanding."""
    by_kind = _SIZES.setdefault(vocabulary, {})
    if phrase not in by_kind:
        by_kind[phrase] = ExpansionSizes(vocabulary, phrase=phrase)
    return by_kind[phrase]


def oversize_message(size: Size, families: list[str], family_size: Callable[[str], Size], limit: int) -> str:
    """What a lead reads when a pattern or family would expand past `limit` characters."""
    ranked = sorted(families, key=lambda n: -family_size(n).chars)
    shown = ", ".join(
        f"{{{n}}} {family_size(n).phrases:,} phrases, {family_size(n).chars:,} characters" for n in ranked[:6]
    )
    more = f" and {len(ranked) - 6} more" if len(ranked) > 6 else ""
    through = f" through its families ({shown}{more})" if ranked else ""
    return (
        f"would expand to {size.phrases:,} phrases and {size.chars:,} characters{through}, over the limit of "
        f"{limit:,} characters, so it was not expanded; use smaller families, or fewer levels of families "
        "inside families"
    )

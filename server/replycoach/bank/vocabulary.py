"""The bank's vocabulary: named word families that patterns reference as `{{name}}`, stated once.

A family lists literal phrases, verbs and nouns (every inflected form comes from lemminflect, so "refund"
also matches "refunds", "refunded" and "refunding") and RE2 fragments, which may reference other families.
At compile time each `{{name}}` (or `{{name:form}}`, a form narrowing the verbs to base, s, ing or past)
becomes a plain RE2 alternation, longest alternative first: the patterns RE2 runs stay linear-time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from lemminflect import getAllInflections, getAllInflectionsOOV

from replycoach.errors import Problem

# `{{name}}` or `{{name:form}}`.
REFERENCE = re.compile(r"\{\{\s*([A-Za-z0-9_-]+)\s*(?::\s*([a-z]+)\s*)?\}\}")
NAME_FORMAT = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"

# Which Penn tags each verb form selector takes from lemminflect.
VERB_FORMS: dict[str, tuple[str, ...]] = {
    "all": ("VB", "VBP", "VBZ", "VBD", "VBN", "VBG"),
    "base": ("VB", "VBP"),
    "s": ("VBZ",),
    "ing": ("VBG",),
    "past": ("VBD", "VBN"),
}
_REGEX_SPECIAL = re.compile(r"([\\.^$|?*+()\[\]{}])")


@dataclass(frozen=True)
class Family:
    """A named word family: literal phrases, verbs and nouns (with their forms), RE2 fragments, and examples
    of what it finds."""

    name: str
    phrases: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    note: str = ""
    # Texts the family must find words of (`matches`) and near misses it must not (`misses`): what the
    # concept is, shown to a lead, and checked whenever the bank's examples run.
    matches: tuple[str, ...] = ()
    misses: tuple[str, ...] = ()
    source: str = field(default="", compare=False)


# `{name}` or `{name:form}` in the phrase language (not `{{name}}`).
PHRASE_REFERENCE = re.compile(r"(?<!\{)\{\s*([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\s*(?::\s*([a-z]+)\s*)?\}(?!\})")
# The family whose words every phrase pattern may step over (the engine uses it without a reference).
SKIPPABLE = "skippable"
# Families the engine provides itself (engine/phrase.py), which a vocabulary may not define.
BUILT_IN_FAMILIES = frozenset({"subject-name", "number"})


def references(pattern: str) -> list[tuple[str, str]]:
    """The (family, form) pairs a pattern references, in order: {{name}} in RE2, {name} in the phrase
    language."""
    found = [(m.start(), m.group(1), m.group(2) or "all") for m in REFERENCE.finditer(pattern)]
    found += [(m.start(), m.group(1), m.group(2) or "all") for m in PHRASE_REFERENCE.finditer(pattern)]
    return [(name, form) for _, name, form in sorted(found)]


def phrase_regex(phrase: str) -> str:
    """A literal phrase as RE2: special characters escaped, any run of spaces matching one space."""
    return " ".join(_REGEX_SPECIAL.sub(r"\\\1", word) for word in phrase.split())


@lru_cache(maxsize=4096)
def verb_forms(lemma: str, form: str = "all") -> tuple[str, ...]:
    """The forms of a verb (or of each verb in a phrasal verb's first word: "log in" -> "logged in")."""
    head, _, rest = lemma.partition(" ")
    inflections = getAllInflections(head, upos="VERB") or getAllInflectionsOOV(head, upos="VERB")
    forms = {head} if form in ("all", "base") else set()
    for tag in VERB_FORMS[form]:
        forms.update(inflections.get(tag, ()))
    return tuple(sorted(f"{f} {rest}".strip() for f in forms))


@lru_cache(maxsize=4096)
def noun_forms(lemma: str) -> tuple[str, ...]:
    """A noun and its plural (for a compound, the last word's): "refund request" -> "... requests"."""
    *first, last = lemma.split(" ")
    inflections = getAllInflections(last, upos="NOUN") or getAllInflectionsOOV(last, upos="NOUN")
    forms = {last, *inflections.get("NN", ()), *inflections.get("NNS", ())}
    return tuple(sorted(" ".join([*first, f]) for f in forms))


class Vocabulary:
    """The families of one bank, expanding `{{name}}` references into RE2 (results are cached)."""

    def __init__(self, families: Iterable[Family] = (), parent: Vocabulary | None = None) -> None:
        self.families: tuple[Family, ...] = tuple(families)
        self.by_name: Mapping[str, Family] = {f.name: f for f in self.families}
        self._cache: dict[tuple[str, str], str] = {}
        # The bank's vocabulary, when this one is it with one entry's own word lists added (`with_lists`).
        self.parent = parent
        self.own_lists: tuple[Family, ...] = ()

    def with_lists(self, lists: Iterable[tuple[str, tuple[str, ...]]]) -> Vocabulary:
        """This vocabulary with one entry's own word lists added as families of phrases, for that entry's
        patterns (this vocabulary is unchanged). A list named like a family stands for it in the entry's
        patterns and lists alone; the families keep their own words."""
        local = tuple(Family(name, phrases=phrases) for name, phrases in lists)
        shadowed = {f.name for f in local}
        child = Vocabulary((*(f for f in self.families if f.name not in shadowed), *local), parent=self)
        child.own_lists = local
        return child

    def shadowed_by(self, lists: Iterable[tuple[str, tuple[str, ...]]]) -> list[str]:
        """The names of an entry's word lists that are families of this vocabulary too."""
        return [name for name, _ in lists if name in self.by_name]

    def __len__(self) -> int:
        return len(self.families)

    def expand(self, pattern: str) -> str:
        """`pattern` with every family reference replaced by its alternation; raises KeyError naming an
        undefined family, ValueError for an unknown form or a family that references itself."""
        return self._expand(pattern, ())

    def problems(self, pattern: str, source: str, label: str, path: str) -> list[Problem]:
        """What is wrong with the references of one pattern, as bank problems (none when it expands)."""
        try:
            self.expand(pattern)
        except (KeyError, ValueError) as err:
            return [Problem(source, label, path, str(err.args[0]))]
        return []

    def _expand(self, pattern: str, chain: tuple[str, ...]) -> str:
        def replace(match: re.Match[str]) -> str:
            return self._family(match.group(1), match.group(2) or "all", chain)

        return REFERENCE.sub(replace, pattern)

    def _family(self, name: str, form: str, chain: tuple[str, ...]) -> str:
        if name not in self.by_name:
            known = ", ".join(sorted(self.by_name)) or "none"
            raise KeyError(
                f"uses {{{{{name}}}}}, which the vocabulary does not define (defined: {known}); "
                "add the family to vocabulary.yml or fix the name"
            )
        if form not in VERB_FORMS:
            raise ValueError(
                f"{{{{{name}:{form}}}}}: unknown form {form!r}; use one of: {', '.join(VERB_FORMS)}"
            )
        if name in chain:
            cycle = " -> ".join((*chain, name))
            raise ValueError(f"family {name!r} references itself ({cycle}); a family may not contain itself")
        key = (name, form)
        if key not in self._cache:
            family = self.by_name[name]
            alternatives = [phrase_regex(p) for p in family.phrases]
            # A form narrows the verbs only; phrases, nouns and fragments are always in.
            alternatives += [phrase_regex(f) for verb in family.verbs for f in verb_forms(verb, form)]
            alternatives += [phrase_regex(f) for noun in family.nouns for f in noun_forms(noun)]
            alternatives += [self._expand(p, (*chain, name)) for p in family.patterns]
            unique = sorted(set(alternatives), key=lambda a: (-len(a), a))
            self._cache[key] = "(?:" + "|".join(unique) + ")"
        return self._cache[key]


def unused_families(
    vocabulary: Vocabulary, patterns: Iterable[str], read_by_engine: Iterable[str] = ()
) -> list[Family]:
    """The families no pattern references, directly or through another family that is used; the skippable
    family and those `read_by_engine` (the engine's checks read them by name) are used."""
    used: set[str] = set()
    pending = [name for pattern in patterns for name, _ in references(pattern)]
    pending.append(SKIPPABLE)
    pending.extend(read_by_engine)
    while pending:
        name = pending.pop()
        if name in used or name not in vocabulary.by_name:
            continue
        used.add(name)
        family = vocabulary.by_name[name]
        pending.extend(n for p in (*family.patterns, *family.phrases) for n, _ in references(p))
    return [f for f in vocabulary.families if f.name not in used]

"""The phrase language: bank patterns written in words, compiled to RE2 over the draft's canonical text.

A pattern is a sequence of parts separated by spaces:

    word            the word itself, in any case; contractions are the canonical words ("can't" is "can not")
    ~word           any form of the word ("~refund": refund, refunds, refunded, refunding)
    {family}        any phrase of a vocabulary family; {family:base} narrows its verbs to one form
    [words]         optional words; [a | b] one of them or neither
    (a | b)         one of the alternatives
    ...             a short gap: up to four words, inside one clause
    <slot>          the rest of the clause (one to fifteen words), captured for the rewrite's {slot}
    <slot?>         the same, possibly empty
    <slot: parts>   the parts, captured as {slot}; `...` closing a slot takes the rest of the clause too
    <end>           the clause ends here: punctuation or the end of the draft follows (the
                    punctuation is not part of the flagged words); closes an alternative
    <start>         the clause starts here: punctuation or the start of the draft comes before, or
                    "but" (neither is part of the flagged words); opens the pattern or one of its
                    top-level alternatives
    , . ! : ; "     that punctuation (a question is the `question` context check's, not a pattern's)

Patterns run over the core view of the draft: the canonical text without the words a rule steps over, the
phrases of the `skippable` family ("we currently can not" reads "we can not") and a parenthetical of them
between commas, or of a few words in brackets ("we can not, unfortunately, refund" reads "we can not refund").
A pattern that names a skippable word itself ("simply click") runs over the canonical text with every word.

A pattern starting with `re:` is raw RE2 over the canonical text, the escape hatch for what the language
cannot say. Compiled patterns are plain RE2: matching stays linear in the draft.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from lemminflect import getAllInflections, getAllInflectionsOOV

from replycoach.bank.vocabulary import (
    BUILT_IN_FAMILIES,
    REFERENCE,
    SKIPPABLE,
    VERB_FORMS,
    Family,
    noun_forms,
    verb_forms,
)
from replycoach.engine.canonical import NAME_MARK, canonical_words
from replycoach.engine.text import is_word_char, normalize

RAW_PREFIX = "re:"
# Families the engine itself provides (a vocabulary may not define them): `subject-name`, from what the
# canonical view marks, a capitalised name (one to three words) that opens a clause and is followed by a verb,
# the company speaking of itself ("Acme cannot ..."); `number`, a number in digits or a range of them ("24",
# "2.5", "3-5", "3 to 5"), which words cannot list.
_NAME_WORD = r"(?-i:[A-Z][\w&-]*)"
_NUMBER = r"\d+(?:[.,]\d+)?"
BUILT_IN = {
    "subject-name": f"\\x{{{ord(NAME_MARK):x}}}{_NAME_WORD}(?: {_NAME_WORD}){{0,2}}",
    "number": rf"\b{_NUMBER}(?:(?:-|\x{{2013}}| to ){_NUMBER})?\b",
}
assert set(BUILT_IN) == BUILT_IN_FAMILIES
GAP_WORDS = 4
SLOT_WORDS = 15
PARENTHETICAL_WORDS = 4

# One word of the draft inside a gap or a slot, ending on a letter or digit, or a word in quotes ('Billing'):
# a closing quote on its own ends the words there, so a slot never runs out of a quotation.
# (A subject's name carries the canonical view's mark before it.)
_BARE_WORD = rf"\x{{{ord(NAME_MARK):x}}}?[\w$#@](?:[\w'&/.:+-]*\w)?"
WORD = rf"(?:['\"]{_BARE_WORD}['\"]|['\"]?{_BARE_WORD})"
# A word of a parenthetical in brackets, which the core view drops.
_ASIDE_WORD = r"[^\s,.!?;:()]+"
_PUNCTUATION = ',.!:;"'
# What only RE2 writes: a group's flags, a backslash, a negated class, {{family}}, repetition, a `?` that
# makes what stands before it optional.
_RE2_SIGNS = re.compile(r"\(\?|\\|\[\^|\{\{|[*+]|\{\d|\?")
_WORD_CHARS = re.compile(r"[\w'&/.$%#@+-]+")
# Symbols written as they are (an emoji, a currency sign): anything but spaces and the language's own marks.
_SYMBOLS = re.compile(r"[^\s\w\[\](){}<>|~\\*+^$?]+")
_SLOTS = re.compile(r"<[A-Za-z][A-Za-z0-9_]*\?>")
_SLOT_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*$")
# `<end>`: what follows the last word of a clause (spaces, then punctuation other than an apostrophe or a
# handle's sign, the mark before a subject's name, which opens a clause of its own: "Calm down Acme is on it",
# or the end of the text; line breaks read as spaces, as everywhere in the engine). An empty
# group named END_GROUP + n marks where the clause ended: the flag's words stop there, before the punctuation.
END = "end"
END_GROUP = "end_of_clause_"
_CLAUSE_END = r"(?: *[^\w\s'@#$]| *$)"
# `<start>`, its mirror: what comes before the first word of a clause (the start of the text, or punctuation
# other than an apostrophe, a handle's sign or the mark before a subject's name, then a space). An empty group
# named START_GROUP + n marks where the clause starts: the flag's words start there, after the punctuation and
# any @handles the clause is addressed to ("@sam_k Relax."), and after a "but" that opens it ("Sorry, but
# relax", "I hear you but relax"). Skippable words opening a clause are not in the core view, at the draft's
# start too ("Now relax." reads "relax.").
START = "start"
START_GROUP = "start_of_clause_"
_CLAUSE_PUNCTUATION = rf"[^\w\s'@#$\x{{{ord(NAME_MARK):x}}}] ?"
_HANDLES = r"(?:@\w+ )*"
# "but" opens a clause of its own, after punctuation or not ("Sorry, but relax", "I hear you but relax").
_OPENING_BUT = "but"
_OPTIONAL_NAME_MARK = rf"\x{{{ord(NAME_MARK):x}}}?"
_FAMILY_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class PhraseError(ValueError):
    """A pattern the language cannot read: what is wrong, where (column, counted from 1) and what to write."""

    def __init__(self, message: str, column: int | None = None, *, re2_sign: bool = False) -> None:
        super().__init__(message if column is None else f"{message} (at column {column})")
        self.message = message
        self.column = column
        # The message already says which family and phrase it is about.
        self.in_family = False
        # The pattern holds what only RE2 writes: it is RE2 from before the language, not a phrase.
        self.re2_sign = re2_sign


# The parsed pattern: a tree of parts.
@dataclass(frozen=True)
class Word:
    text: str
    inflected: bool = False


@dataclass(frozen=True)
class FamilyRef:
    name: str
    form: str
    column: int


@dataclass(frozen=True)
class Choice:
    options: tuple[tuple[Part, ...], ...]
    optional: bool


@dataclass(frozen=True)
class Gap:
    pass


@dataclass(frozen=True)
class Slot:
    name: str
    parts: tuple[Part, ...] | None  # None: the rest of the clause
    may_be_empty: bool = False


@dataclass(frozen=True)
class Punctuation:
    text: str


@dataclass(frozen=True)
class End:
    pass


@dataclass(frozen=True)
class Start:
    pass


Part = Word | FamilyRef | Choice | Gap | Slot | Punctuation | End | Start


def is_raw(pattern: str) -> bool:
    """Whether the pattern is raw RE2 (the escape hatch)."""
    return pattern.startswith(RAW_PREFIX)


class _Reader:
    """Reads one pattern into parts, with errors that say what to write instead."""

    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.pos = 0

    def error(self, message: str, at: int | None = None) -> PhraseError:
        return PhraseError(message, (self.pos if at is None else at) + 1)

    def skip_spaces(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def sequence(self, closers: str) -> tuple[tuple[Part, ...], ...]:
        """Alternatives of parts up to one of `closers` (or the end, when `closers` is empty)."""
        options: list[tuple[Part, ...]] = []
        current: list[Part] = []
        while True:
            self.skip_spaces()
            if self.pos >= len(self.text):
                break
            char = self.text[self.pos]
            if char in closers:
                break
            if char == "|":
                if not current:
                    raise self.error("`|` needs words on both sides")
                options.append(_canonical_runs(current))
                current = []
                self.pos += 1
                continue
            current.append(self.part())
        if not current:
            raise self.error("`|` needs words on both sides" if options else "nothing to match here")
        options.append(_canonical_runs(current))
        return tuple(options)

    def part(self) -> Part:
        text, start = self.text, self.pos
        char = text[start]
        if text.startswith("...", start):
            self.pos += 3
            return Gap()
        if char in "[(":
            closer = "]" if char == "[" else ")"
            self.pos += 1
            options = self.sequence(closer)
            if self.pos >= len(text) or text[self.pos] != closer:
                raise self.error(f"`{char}` is never closed: add `{closer}` after the words it holds", start)
            self.pos += 1
            return Choice(options, optional=char == "[")
        if char == "{":
            return self.family(start)
        if char == "<":
            return self.slot(start)
        if char in "]})>":
            raise self.error(f"`{char}` closes nothing: remove it or add its opening bracket")
        if char in _PUNCTUATION:
            self.pos += 1
            return Punctuation(char)
        inflected = char == "~"
        if inflected:
            self.pos += 1
        found = _WORD_CHARS.match(text, self.pos) or _SYMBOLS.match(text, self.pos)
        if not found:
            hint = (
                "; for RE2, start the pattern with `re:`"
                if char in "\\*+^$"
                else "; the language has words, ~word, {family}, [optional], (a | b), ..., <slot>"
            )
            raise self.error(f"`{char}` is not part of the phrase language{hint}")
        self.pos = found.end()
        word = found.group()
        if word.endswith(".") and word != "." and not inflected:
            # "refund." is the word and a full stop.
            self.pos -= 1
            word = word[:-1]
        return Word(word, inflected)

    def family(self, start: int) -> FamilyRef:
        end = self.text.find("}", start)
        if end < 0:
            raise self.error("`{` is never closed: write the family as {name}", start)
        inside = self.text[start + 1 : end]
        if inside.startswith("{"):
            raise self.error("{{name}} is the old RE2 form; in the phrase language a family is {name}", start)
        name, _, form = (piece.strip() for piece in inside.partition(":"))
        if not _FAMILY_NAME.match(name):
            raise self.error(
                f"{{{inside}}} is not a family name: names are lower-case words and hyphens", start
            )
        form = form or "all"
        if form not in VERB_FORMS:
            raise self.error(
                f"{{{inside}}}: unknown form {form!r}; use one of: {', '.join(VERB_FORMS)}", start
            )
        self.pos = end + 1
        return FamilyRef(name, form, start + 1)

    def slot(self, start: int) -> Slot | End | Start:
        self.pos = start + 1
        colon = self.text.find(":", self.pos)
        close = self.text.find(">", self.pos)
        if close < 0:
            raise self.error("`<` is never closed: write a slot as <name> or <name: words>", start)
        parts: tuple[Part, ...] | None
        if 0 <= colon < close:
            name = self.text[self.pos : colon].strip()
            self.pos = colon + 1
            options = self.sequence(">")
            parts = (Choice(options, optional=False),) if len(options) > 1 else options[0]
            self.pos += 1  # the `>`, which `sequence` stopped at
            empty = False
        else:
            name = self.text[self.pos : close].strip()
            empty = name.endswith("?")
            name = name.rstrip("?").strip()
            parts = None
            self.pos = close + 1
        if not _SLOT_NAME.match(name):
            raise self.error(f"<{name}> is not a slot name: use letters, digits and _ (like <action>)", start)
        if name == END:
            if parts is not None or empty:
                raise self.error(
                    "<end> marks where the clause ends and holds no words: write it as <end>", start
                )
            return End()
        if name == START:
            if parts is not None or empty:
                raise self.error(
                    "<start> marks where the clause starts and holds no words: write it as <start>", start
                )
            return Start()
        return Slot(name, parts, empty)


@lru_cache(maxsize=8192)
def parse(pattern: str) -> tuple[tuple[Part, ...], ...]:
    """A pattern's alternatives, each a sequence of parts; raises PhraseError."""
    if not pattern.strip():
        raise PhraseError("is empty: write the words to match")
    sign = _RE2_SIGNS.search(_SLOTS.sub("", pattern))
    if sign:
        raise PhraseError(
            f"`{sign.group()}` is RE2, not the phrase language: write the words (see the bank README's "
            "Phrase language), or start the pattern with `re:` to keep it as raw RE2",
            pattern.find(sign.group()) + 1,
            re2_sign=True,
        )
    # Curly quotes read as straight ones and whitespace runs as one space, as in drafts (one for one, so
    # columns stay the pattern's own).
    pattern = normalize(pattern).text
    reader = _Reader(pattern)
    options = reader.sequence("")
    if reader.pos < len(pattern):
        raise reader.error(f"`{pattern[reader.pos]}` closes nothing: remove it or add its opening bracket")
    for option in options:
        if all(isinstance(part, (End, Start)) for part in option):
            if isinstance(option[0], Start):
                raise PhraseError("<start> needs the words it opens after it")
            raise PhraseError("<end> needs the words it closes before it")
        _check_end(option, last=True)
        _check_start(option)
    seen: set[str] = set()
    for name in _slot_names(options):
        if name in seen:
            raise PhraseError(
                f"slot <{name}> is named twice; name it once, around the alternatives: "
                f"`we (can not | will not) <{name}>`"
            )
        seen.add(name)
    return options


def _check_end(parts: tuple[Part, ...], *, last: bool) -> None:
    """`<end>` stands only last in a pattern's alternative (or last in a choice that closes one)."""
    for index, part in enumerate(parts):
        closing = last and index == len(parts) - 1
        if isinstance(part, End) and not closing:
            raise PhraseError("<end> marks where the clause ends: write it last, after the words it closes")
        if isinstance(part, Choice):
            for option in part.options:
                _check_end(option, last=closing)
        elif isinstance(part, Slot) and part.parts is not None and _holds_end(part.parts):
            raise PhraseError(f"<end> stands outside a slot: write it after <{part.name}: ...>")


def _check_start(parts: tuple[Part, ...]) -> None:
    """`<start>` stands only first in a pattern's alternative (never inside brackets or a slot)."""
    for index, part in enumerate(parts):
        if isinstance(part, Start) and index > 0:
            raise PhraseError(
                "<start> marks where the clause starts: write it first, before the words it opens"
            )
        if isinstance(part, Choice) and any(_holds(option, Start) for option in part.options):
            raise PhraseError(
                "<start> stands outside brackets: write it first in the pattern, or first in one of its "
                "alternatives (`<start> relax | and relax`)"
            )
        if isinstance(part, Slot) and part.parts is not None and _holds(part.parts, Start):
            raise PhraseError(f"<start> stands outside a slot: write it before <{part.name}: ...>")


def _holds(parts: tuple[Part, ...], mark: type[Start]) -> bool:
    return any(
        isinstance(part, mark)
        or (isinstance(part, Choice) and any(_holds(option, mark) for option in part.options))
        or (isinstance(part, Slot) and part.parts is not None and _holds(part.parts, mark))
        for part in parts
    )


def _holds_end(parts: tuple[Part, ...]) -> bool:
    return any(
        isinstance(part, End)
        or (isinstance(part, Choice) and any(_holds_end(option) for option in part.options))
        or (isinstance(part, Slot) and part.parts is not None and _holds_end(part.parts))
        for part in parts
    )


def _slot_names(options: tuple[tuple[Part, ...], ...]) -> list[str]:
    names: list[str] = []
    for option in options:
        for part in option:
            if isinstance(part, Slot):
                names.append(part.name)
                if part.parts is not None:
                    names.extend(_slot_names((part.parts,)))
            elif isinstance(part, Choice):
                names.extend(_slot_names(part.options))
    return names


def _canonical_runs(parts: list[Part]) -> tuple[Part, ...]:
    """Runs of plain words written as the canonical view writes them, each run as a whole ("it's been" is
    "it has been", "can't" is "can not"), one Word a word."""
    out: list[Part] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.extend(Word(w) for w in canonical_words(" ".join(run)).split())
            run.clear()

    for part in parts:
        if isinstance(part, Word) and not part.inflected:
            run.append(part.text)
        else:
            flush()
            out.append(part)
    flush()
    return tuple(out)


@lru_cache(maxsize=4096)
def word_forms(word: str) -> tuple[str, ...]:
    """Every form of a word: as a verb, a noun and an adjective ("refund" -> refunds, refunded...). Where the
    dictionary knows the word, its forms are the dictionary's: a noun takes no made-up verb forms
    ("agreement" -> agreements, never "agreemented"). A word it knows neither as a verb nor as a noun takes
    the rules' plural ("accessory" -> accessories), and one it lacks altogether the rules' verb forms too
    ("videocall" -> videocalled)."""
    lower = word.lower()
    forms = {lower}
    verb, noun, adjective = (getAllInflections(lower, upos=upos) for upos in ("VERB", "NOUN", "ADJ"))
    known = [verb, noun, adjective]
    if not verb and not noun:
        known.append(getAllInflectionsOOV(lower, upos="NOUN"))
        if not adjective:
            known.append(getAllInflectionsOOV(lower, upos="VERB"))
    for inflections in known:
        for values in inflections.values():
            forms.update(values)
    return tuple(sorted(forms, key=lambda f: (-len(f), f)))


def _words(words: str) -> str:
    """Literal words as RE2, with a word boundary at either end that is a letter or digit: "refund" never
    matches inside "refunds" or "prerefund", so a false match inside a word cannot hide a real one."""
    regex = " ".join(re.escape(w) for w in words.split())
    start = r"\b" if is_word_char(words[:1]) else ""
    end = r"\b" if is_word_char(words[-1:]) else ""
    return start + regex + end


class Compiler:
    """Compiles phrase patterns to RE2 with one vocabulary (families compiled once and cached)."""

    def __init__(self, families: Mapping[str, Family]) -> None:
        self.families = families
        self._cache: dict[tuple[str, str], str] = {}
        # For an entry's compiler (`within`): the bank's compiler, which compiles every family, and the names
        # of the entry's own lists, which this one compiles.
        self._parent: Compiler | None = None
        self._own: frozenset[str] = frozenset()
        self._skippable: tuple[str, ...] = ()
        # `<end>` and `<start>` marks compiled so far in the pattern being compiled (their groups are
        # numbered).
        self._ends = 0
        self._starts = 0
        if SKIPPABLE in families:
            family = families[SKIPPABLE]
            self._skippable = tuple(
                " ".join(canonical_words(p).lower().split()) for p in (*family.phrases, *family.verbs)
            )
        # Any skippable phrase as whole words of a run (`view_of`), and the runs of each family phrase read
        # so far (a family is read once, not once for every pattern that names it).
        self._names_skippable = re.compile(
            "(?<![^ ])(?:"
            + "|".join(re.escape(p) for p in sorted(set(self._skippable), key=len, reverse=True))
            + ")(?![^ ])"
        )
        self._runs_of: dict[tuple[str, tuple[str, ...]], list[str]] = {}

    def within(self, lists: Mapping[str, Family]) -> Compiler:
        """A compiler for one entry's patterns: its own word lists (`lists`) first, then this compiler's
        families. The lists see each other and the families; a family sees only families (compiled, and
        cached, by this compiler), so an entry's list named like a family changes nothing outside the
        entry."""
        child = Compiler({**self.families, **lists})
        child._parent = self
        child._own = frozenset(lists)
        return child

    def skip_source(self) -> str | None:
        """RE2 for what the core view drops from the canonical text: runs of skippable words ("currently",
        "at this time") and a short parenthetical of them between commas or in brackets (None: the
        vocabulary has no skippable words, and the core view is the canonical text)."""
        if SKIPPABLE not in self.families:
            return None
        words = self._family(SKIPPABLE, "all", ())
        # At the draft's start a run has no space before it: it takes the comma and the space after it instead
        # ("Sadly, we can not" reads "we can not").
        return (
            rf"(?:^{words}(?: {words})*(?:, ?| )?|(?:,(?: {words})+)+,"
            rf"| \((?:{_ASIDE_WORD} ?){{1,{PARENTHETICAL_WORDS}}}\)|(?: {words})+)"
        )

    def view_of(self, pattern: str) -> str:
        """Which canonical text a pattern runs over: `core`, without the skippable words, unless the
        pattern names one of them itself (then `canonical`, every word kept); raw RE2 runs on `canonical`."""
        if is_raw(pattern) or not self._skippable:
            return "canonical"
        # One search over every run of the pattern's words (runs parted by a break, which no phrase crosses),
        # as canonical words ("I'm" is "I am").
        runs = canonical_words(f" {_BREAK} ".join(self._literal_words(pattern, ()))).lower()
        return "canonical" if self._names_skippable.search(runs) is not None else "core"

    def _literal_words(self, pattern: str, chain: tuple[str, ...]) -> list[str]:
        """The literal words of a pattern and of the families it names, as canonical lower-case runs (slot
        and family names are not words)."""
        try:
            options = parse(pattern)
        except PhraseError:
            return []
        runs = [" ".join(_plain_words(options)), *_word_runs(options)]
        for name in families_used(pattern):
            family = self.families.get(name)
            if family is None or name in chain or name == SKIPPABLE:
                continue
            for phrase in family.phrases:
                key = (phrase, (*chain, name))
                if key not in self._runs_of:
                    self._runs_of[key] = self._literal_words(phrase, (*chain, name))
                runs.extend(self._runs_of[key])
        return runs

    def compile(self, pattern: str) -> str:
        """The RE2 source for a pattern (raw RE2 after `re:` as it is); raises PhraseError."""
        if is_raw(pattern):
            return self.raw(canonical_regex(pattern[len(RAW_PREFIX) :].strip()), ())
        self._ends = self._starts = 0
        return self._options(parse(pattern), ())

    def family_sources(self, name: str) -> tuple[str, str | None]:
        """A family as the engine's context checks read it: RE2 of all its parts (phrases, verbs, nouns and
        RE2 fragments), which runs over the core view, and RE2 of those of its phrases that name a skippable
        word (None: none does), which also runs over the canonical view where the core view dropped words
        ("however" opening a sentence). Raises PhraseError (an undefined family too)."""
        family = self.families.get(name)
        if family is None:
            raise PhraseError(unknown_family_message(name, self.families))
        every: set[str] = set()
        skipped: set[str] = set()
        for phrase in family.phrases:
            regex = self.compile(phrase)
            every.add(regex)
            if self._skippable and self.view_of(phrase) == "canonical":
                skipped.add(regex)
        for verb in family.verbs:
            every.update(_words(canonical_words(f)) for f in verb_forms(verb))
        for noun in family.nouns:
            every.update(_words(canonical_words(f)) for f in noun_forms(noun))
        every.update(self.raw(canonical_regex(fragment), (name,)) for fragment in family.patterns)

        def alternation(alternatives: set[str]) -> str:
            return "(?:" + "|".join(sorted(alternatives, key=lambda a: (-len(a), a))) + ")"

        return alternation(every), alternation(skipped) if skipped else None

    def compile_prefixes(self, pattern: str) -> list[list[tuple[str, str]]]:
        """For `bank explain`'s near misses: each top-level alternative of a phrase pattern as its parts in
        order, each part as written (`show_part`) with the RE2 of the alternative's parts up to and including
        it; [] for raw RE2. Raises PhraseError."""
        if is_raw(pattern):
            return []
        self._ends = self._starts = 0
        return [
            [(show_part(part), self._sequence(parts[: i + 1], (), first="")) for i, part in enumerate(parts)]
            for parts in parse(pattern)
        ]

    def compile_suffixes(self, pattern: str) -> list[list[tuple[str, str]]]:
        """Like `compile_prefixes`, from the other end: each part with the RE2 of the alternative's parts from
        it to the last (a near miss whose first parts did not match: "Acme" for `{agent}`)."""
        if is_raw(pattern):
            return []
        self._ends = self._starts = 0
        return [
            [(show_part(part), self._sequence(parts[i:], (), first="")) for i, part in enumerate(parts)]
            for parts in parse(pattern)
        ]

    def raw(self, source: str, chain: tuple[str, ...]) -> str:
        """Raw RE2 with its {{name}} references replaced by the families' canonical regexes."""

        def family(match: re.Match[str]) -> str:
            return self._family(match.group(1), match.group(2) or "all", chain)

        return REFERENCE.sub(family, source)

    def _options(self, options: tuple[tuple[Part, ...], ...], chain: tuple[str, ...]) -> str:
        compiled = [self._sequence(parts, chain, first="") for parts in options]
        return compiled[0] if len(compiled) == 1 else "(?:" + "|".join(compiled) + ")"

    def _sequence(self, parts: tuple[Part, ...], chain: tuple[str, ...], *, first: str) -> str:
        """Parts in order, each after its separator (`first` for the first part: "" at a pattern's start).

        An optional part where nothing comes before it takes the space after it instead of the one before,
        so the next part starts the match when it is absent ("[sadly] we can not" matches "We can't")."""
        out = []
        sep = first
        for index, part in enumerate(parts):
            if sep == "" and _is_optional(part):
                out.append(f"(?:{self._part(part, chain, sep='', optional_inner=True)} |)")
                continue
            if sep == "" and isinstance(part, Gap):
                if index == len(parts) - 1:
                    out.append(f"(?:{WORD}(?: {WORD}){{0,{GAP_WORDS - 1}}})?")
                    continue
                # A gap opening a sequence may be empty: its words carry the space after them.
                out.append(f"(?:{WORD} ){{0,{GAP_WORDS}}}")
                continue
            out.append(self._part(part, chain, sep=sep))
            if isinstance(part, Start):
                # The clause's first words follow as a sequence's first do (the mark took the space).
                sep = ""
                continue
            # A word after an opening or closing quote may touch it: just "sorry".
            sep = " ?" if isinstance(part, Punctuation) and part.text == '"' else " "
        return "".join(out)

    def _part(self, part: Part, chain: tuple[str, ...], *, sep: str, optional_inner: bool = False) -> str:
        """One part after its separator `sep`; `optional_inner`: an optional part without its `?` (the
        caller makes it optional)."""
        if isinstance(part, Word):
            if part.inflected:
                forms = word_forms(canonical_words(part.text))
                return sep + "(?:" + "|".join(_words(f) for f in forms) + ")"
            return sep + _words(part.text)
        if isinstance(part, Punctuation):
            return (" ?" if sep else "") + re.escape(part.text)
        if isinstance(part, End):
            if chain:
                raise PhraseError(
                    f"family {chain[-1]!r}: <end> belongs in a pattern, not in a family's phrase"
                )
            self._ends += 1
            return f"(?P<{END_GROUP}{self._ends}>){_CLAUSE_END}"
        if isinstance(part, Start):
            if chain:
                raise PhraseError(
                    f"family {chain[-1]!r}: <start> belongs in a pattern, not in a family's phrase"
                )
            self._starts += 1
            # The clause's first word may carry the mark of a subject's name ("Partial refunds are ..." reads
            # like "Acme refunds ..."): a pattern's words after <start> read past it.
            return (
                f"(?:(?:^|{_CLAUSE_PUNCTUATION}){_HANDLES}(?:{_OPENING_BUT} )?|\\b{_OPENING_BUT} )"
                f"(?P<{START_GROUP}{self._starts}>){_OPTIONAL_NAME_MARK}"
            )
        if isinstance(part, FamilyRef):
            return sep + self._family(part.name, part.form, chain, part.column)
        if isinstance(part, Gap):
            return f"(?: {WORD}){{0,{GAP_WORDS}}}" if sep else f"(?:{WORD} ?){{0,{GAP_WORDS}}}"
        if isinstance(part, Choice):
            inner = "|".join(self._sequence(option, chain, first=sep) for option in part.options)
            return f"(?:{inner}" + ("|)" if part.optional and not optional_inner else ")")
        if part.parts is None:
            words = f"(?P<{part.name}>{WORD}(?: {WORD}){{0,{SLOT_WORDS - 1}}})"
            if part.may_be_empty and not optional_inner:
                return f"(?:{sep}{words}|)"
            return sep + words
        parts = part.parts
        rest = ""
        if len(parts) > 1 and isinstance(parts[-1], Gap):
            # `...` closing a slot: the rest of the clause is part of it.
            parts, rest = parts[:-1], f"(?: {WORD}){{0,{SLOT_WORDS - 1}}}"
        return f"{sep}(?P<{part.name}>{self._sequence(parts, chain, first='')}{rest})"

    def _family(self, name: str, form: str, chain: tuple[str, ...], column: int | None = None) -> str:
        if name in BUILT_IN:
            return BUILT_IN[name]
        if self._parent is not None and name not in self._own:
            return self._parent._family(name, form, chain, column)
        family = self.families.get(name)
        if family is None:
            raise PhraseError(unknown_family_message(name, self.families), column)
        if name in chain:
            raise PhraseError(f"family {name!r} contains itself ({' -> '.join((*chain, name))})", column)
        key = (name, form)
        if key not in self._cache:
            inner = (*chain, name)
            alternatives: set[str] = set()
            for phrase in family.phrases:
                try:
                    alternatives.add(self._options(parse(phrase), inner))
                except PhraseError as err:
                    message = (
                        err.message if err.in_family else f"family {name!r}, phrase {phrase!r}: {err.message}"
                    )
                    located = PhraseError(message, column)
                    located.in_family = True
                    raise located from None
            for verb in family.verbs:
                alternatives.update(_words(canonical_words(f)) for f in verb_forms(verb, form))
            for noun in family.nouns:
                alternatives.update(_words(canonical_words(f)) for f in noun_forms(noun))
            alternatives.update(self.raw(canonical_regex(fragment), inner) for fragment in family.patterns)
            ordered = sorted(alternatives, key=lambda a: (-len(a), a))
            self._cache[key] = "(?:" + "|".join(ordered) + ")"
        return self._cache[key]


def show_part(part: Part) -> str:
    """A parsed part written back in the phrase language ("{remedy:base}", "[an | any]", "<action: ...>")."""
    if isinstance(part, Word):
        return ("~" if part.inflected else "") + part.text
    if isinstance(part, FamilyRef):
        return f"{{{part.name}}}" if part.form == "all" else f"{{{part.name}:{part.form}}}"
    if isinstance(part, Choice):
        inner = " | ".join(" ".join(show_part(p) for p in option) for option in part.options)
        return f"[{inner}]" if part.optional else f"({inner})"
    if isinstance(part, Gap):
        return "..."
    if isinstance(part, Punctuation):
        return part.text
    if isinstance(part, End):
        return f"<{END}>"
    if isinstance(part, Start):
        return f"<{START}>"
    if part.parts is None:
        return f"<{part.name}{'?' if part.may_be_empty else ''}>"
    parts = part.parts
    if len(parts) == 1 and isinstance(parts[0], Choice) and not parts[0].optional:
        # <slot: a | b> is read as one choice of its alternatives.
        inner = " | ".join(" ".join(show_part(p) for p in option) for option in parts[0].options)
    else:
        inner = " ".join(show_part(p) for p in parts)
    return f"<{part.name}: {inner}>"


# Contracted spellings inside RE2 written for the draft's own text, as the canonical text spells them: a
# family's RE2 fragments from before the phrase language keep matching when a phrase pattern uses them.
_REGEX_CONTRACTIONS = (
    (re.compile(r"\bcan(?:'t|not)\b"), "can not"),
    (re.compile(r"\bwon'?t\b"), "will not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'m\b"), " am"),
    (re.compile(r"'d\b"), " would"),
    (re.compile(r"\b(let)'s\b", re.IGNORECASE), r"\1 us"),
    (re.compile(r"\b(it|that|there|here|what|who)'s\b", re.IGNORECASE), r"\1 is"),
)


def canonical_regex(source: str) -> str:
    """RE2 written for the draft's own spellings, rewritten for the canonical text ("can't" -> "can not");
    a {{family}} reference is a name, left as written ("{{cannot}}")."""
    pieces: list[str] = []
    last = 0
    for reference in REFERENCE.finditer(source):
        pieces.append(_canonical_spellings(source[last : reference.start()]))
        pieces.append(reference.group())
        last = reference.end()
    pieces.append(_canonical_spellings(source[last:]))
    return "".join(pieces)


def _canonical_spellings(source: str) -> str:
    for contraction, canonical in _REGEX_CONTRACTIONS:
        source = contraction.sub(canonical, source)
    return source


def unknown_family_message(name: str, families: Mapping[str, Family]) -> str:
    """Says a family is not defined, naming the few closest ones."""
    close = difflib.get_close_matches(name, [*families, *BUILT_IN], n=4, cutoff=0.5)
    if close:
        return (
            f"{{{name}}} is not a family of the vocabulary; did you mean "
            + ", ".join(f"{{{c}}}" for c in close)
            + "?"
        )
    return f"{{{name}}} is not a family of the vocabulary; add it to the vocabulary or fix the name"


def _is_optional(part: Part) -> bool:
    return (isinstance(part, Choice) and part.optional) or (
        isinstance(part, Slot) and part.parts is None and part.may_be_empty
    )


def _plain_words(options: tuple[tuple[Part, ...], ...]) -> list[str]:
    """The plain words of parsed parts, in order (inside choices and slots too)."""
    words: list[str] = []
    for option in options:
        for part in option:
            if isinstance(part, Word) and not part.inflected:
                words.append(part.text)
            elif isinstance(part, Choice):
                words.extend(_plain_words(part.options))
            elif isinstance(part, Slot) and part.parts is not None:
                words.extend(_plain_words((part.parts,)))
    return words


# At most this many word runs are spelled out for one pattern (its choices multiply them).
_MAX_RUNS = 256
# Where a run of plain words breaks (a family, a slot, a gap): no phrase is named across it.
_BREAK = "|"


def _word_runs(options: tuple[tuple[Part, ...], ...]) -> list[str]:
    """The runs of plain words a match of the parts can hold, each choice taken every way it can be ("(I |
    we) (am | are) afraid" holds "I am afraid"), with a break where other parts stand; at most _MAX_RUNS
    (then the first of them)."""
    runs: list[str] = []
    for option in options:
        sequences = [""]
        for part in option:
            if isinstance(part, Word) and not part.inflected:
                ways = [part.text]
            elif isinstance(part, Choice):
                ways = _word_runs(part.options) + ([""] if part.optional else [])
            elif isinstance(part, Slot) and part.parts is not None:
                ways = _word_runs((part.parts,))
            else:
                ways = [_BREAK]
            sequences = [f"{s} {way}".strip() for s in sequences for way in ways][:_MAX_RUNS]
        runs.extend(sequences)
    return runs[:_MAX_RUNS]


def families_used(pattern: str) -> list[str]:
    """The families a phrase pattern names directly (none for raw RE2 or a pattern that does not parse)."""
    if is_raw(pattern):
        return []
    try:
        options = parse(pattern)
    except PhraseError:
        return []
    names: list[str] = []

    def walk(parts: tuple[Part, ...]) -> None:
        for part in parts:
            if isinstance(part, FamilyRef):
                names.append(part.name)
            elif isinstance(part, Choice):
                for option in part.options:
                    walk(option)
            elif isinstance(part, Slot) and part.parts is not None:
                walk(part.parts)

    for option in options:
        walk(option)
    return names

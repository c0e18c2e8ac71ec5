"""The canonical view of a draft: the text the phrase language matches, with a map back to the draft.

Drafts say one thing many ways on the surface: "can't", "cannot", "can not" and a hurried "cant"; "we're" and
"we are"; "won't" and "will not"; "e-mail" and "email". The canonical text writes each of those one way (the
words split, "not" its own word, "email" without its hyphen), so a rule written once, "we can not", holds for
all of them. It also puts in what a hurried reply leaves out: the subject of "Can't refund it" ("I can not
refund it"), and a mark before a company's name as a subject. Only these change: every other character is the
normalized draft's own (straight quotes, single spaces), so offsets map back exactly and a flag or a rewrite's
slot is always the draft's own characters.

The same rules canonicalize a pattern's literal words (`canonical_words`), so a lead who writes "can't" in a
rule means what the draft means by it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import re2

from replycoach.engine.text import Utf8Text, byte_spans

# Auxiliaries that take a contracted "not" ("don't", "isn't") or drop its apostrophe in haste ("dont").
_NOT_AUXILIARIES = "do|does|did|is|are|was|were|has|have|had|could|would|should|must|need|might|dare|ought"
# Subjects that take a contracted verb written without its apostrophe ("youre", "theyll"): only the
# spellings that are not English words of their own ("were", "well", "ill" are left alone; "its" is read
# as "it is" only where it opens a clause, see `_opens_clause`).
_BARE_SUBJECT_VERBS = {
    "im": ("I", "am"),
    "youre": ("you", "are"),
    "theyre": ("they", "are"),
    "youll": ("you", "will"),
    "theyll": ("they", "will"),
    "youve": ("you", "have"),
    "weve": ("we", "have"),
    "theyve": ("they", "have"),
    "ive": ("I", "have"),
    "thats": ("that", "is"),
    "whats": ("what", "is"),
    "theres": ("there", "is"),
}
_CLITIC_WORDS = {"re": "are", "ll": "will", "ve": "have", "m": "am", "d": "would"}
# Words whose "'s" is "is" (or "has", before a past participle): "it's", "that's"; any other "'s" is a
# possessive ("Acme's") and stays.
_IS_WORDS = "it|that|there|here|what|who|where|how|this|he|she|everything|nothing|something|someone"
_HAS_NEXT = re.compile(r" (?:been|got|gotten|had)\b", re.IGNORECASE)

_CONTRACTION = re.compile(
    r"\b(?:"
    r"(?P<cannot>can(?:not|'t|t))"
    r"|(?P<wont>won'?t)"
    r"|(?P<shant>shan't)"
    r"|(?P<aint>ain't)"
    rf"|(?P<aux>{_NOT_AUXILIARIES})(?:n't|nt)"
    rf"|(?P<is_word>{_IS_WORDS})'s"
    r"|(?P<lets>let)'s"
    r"|(?P<host>[A-Za-z]+)'(?P<clitic>re|ll|ve|m|d)"
    rf"|(?P<bare>{'|'.join(_BARE_SUBJECT_VERBS)})"
    r"|(?P<its>its)"
    r"|(?P<spelling>e-mail(?:s|ed|ing)?|on-line)"
    r")\b",
    re.IGNORECASE,
)


def _re2_options() -> Any:
    options = re2.Options()
    options.case_sensitive = False
    return options


_CANDIDATE = re2.compile(_CONTRACTION.pattern, _re2_options())


def _same_case(word: str, like: str) -> str:
    """`word` written in the case of `like` (all capitals, capitalised or as it is)."""
    if len(like) > 1 and like.isupper():
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _expansion(match: re.Match[str], text: str, draft: bool = True) -> str:
    """The canonical words for one contraction found in `text` (a draft's, or a pattern's when not `draft`:
    a pattern's words have no clauses around them, so its "its" stays the word it is)."""
    whole = match.group()
    kind = match.lastgroup
    if kind == "cannot":
        return _same_case("can", whole) + " not"
    if kind == "wont":
        return _same_case("will", whole) + " not"
    if kind == "shant":
        return _same_case("shall", whole) + " not"
    if kind == "aint":
        return _same_case("is", whole) + " not"
    if kind == "aux":
        return match.group("aux") + " not"
    if kind == "is_word":
        verb = "has" if _HAS_NEXT.match(text, match.end()) else "is"
        return f"{match.group('is_word')} {verb}"
    if kind == "lets":
        return match.group("lets") + " us"
    if kind == "its":
        # A hurried "it's": "Its company policy.", "..., its not possible". Inside a clause "its" is the
        # possessive ("we updated its settings") and stays.
        return _same_case("it", whole) + " is" if draft and _opens_clause(text, match.start()) else whole
    if kind == "spelling":
        return whole.replace("-", "")  # "e-mail" is "email", "on-line" is "online"
    if kind == "bare":
        subject, verb = _BARE_SUBJECT_VERBS[whole.lower()]
        return f"{subject if subject == 'I' else _same_case(subject, whole)} {verb}"
    host = match.group("host")
    clitic = match.group("clitic").lower()
    if host.lower() in ("i", "you", "we", "they", "he", "she", "it", "who", "that", "there", "what"):
        return f"{host} {_CLITIC_WORDS[clitic]}"
    if clitic == "ve" and host.lower() in ("should", "would", "could", "must", "might"):
        return f"{host} have"  # "should've"
    return whole  # "O'Reilly", "rock'n'roll": not a contraction


_CLAUSE_END = ".,;:!?\n"


def _opens_clause(text: str, index: int) -> bool:
    """Whether the word at `index` is the first of a sentence or of a clause after a comma or semicolon."""
    at = index - 1
    while at >= 0 and text[at] == " ":
        at -= 1
    return at < 0 or text[at] in _CLAUSE_END


@dataclass(frozen=True)
class Edit:
    """One place where an edited text differs from its source: [start, end) of the edited text stands for
    [source_start, source_end) of the source (start == end: the source's words there were dropped)."""

    start: int
    end: int
    source_start: int
    source_end: int


class EditedText:
    """A text made from a source by replacing some spans, with a map from its offsets to the source's."""

    def __init__(self, source: str, replacements: Iterable[tuple[int, int, str]]) -> None:
        self.source = source
        pieces: list[str] = []
        edits: list[Edit] = []
        last = 0
        length = 0
        for start, end, words in replacements:
            pieces.append(source[last:start])
            length += start - last
            pieces.append(words)
            edits.append(Edit(length, length + len(words), start, end))
            length += len(words)
            last = end
        pieces.append(source[last:])
        self.text = "".join(pieces) if edits else source
        self.edits: tuple[Edit, ...] = tuple(edits)
        self._starts = [edit.start for edit in edits]

    def to_source(self, index: int, *, end: bool = False) -> int:
        """The source's offset for offset `index`. Inside a replaced span, a start maps to the span's start
        and an `end` to its end: a match of "can" in "can not" written "can't" is the whole "can't". Where
        words were dropped, an end stays before them and a start comes after them."""
        before = bisect.bisect_right(self._starts, index) - 1
        if before < 0:
            return index
        edit = self.edits[before]
        if edit.start == edit.end == index:
            if end and (index == len(self.text) or self.text[index] in _CLAUSE_END):
                return edit.source_end  # words dropped at a clause's end go with what precedes them
            return edit.source_start if end else edit.source_end
        if index >= edit.end:
            return index - edit.end + edit.source_end
        if index == edit.start:
            return edit.source_start
        return edit.source_end if end else edit.source_start

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """A span of this text as the source's span."""
        return self.to_source(start), self.to_source(end, end=True)

    def cut_words(self, start: int, end: int) -> tuple[str, str]:
        """The words of replaced spans that [start, end) cuts through, outside it: before its start ("It " of
        the "It is" written for "It's", when the span starts at "is") and after its end (" not" of "can not",
        when it ends after "can"). The source's characters for the span take those words in too, so a
        rewrite of it must keep them."""
        before = after = ""
        at = bisect.bisect_right(self._starts, start) - 1
        if at >= 0 and self.edits[at].start < start < self.edits[at].end:
            before = self.text[self.edits[at].start : start]
        at = bisect.bisect_right(self._starts, end) - 1
        if at >= 0 and self.edits[at].start < end < self.edits[at].end:
            after = self.text[end : self.edits[at].end]
        return before, after

    def covers_part(self, start: int, end: int) -> bool:
        """Whether [start, end) starts or ends strictly inside a replaced span ("is" of the "is not" written
        for "isn't"): the source's characters for it would be the whole replaced span."""
        for index in (start, end):
            before = bisect.bisect_right(self._starts, index) - 1
            if before >= 0 and self.edits[before].start < index < self.edits[before].end:
                return True
        return False

    @cached_property
    def _source_starts(self) -> list[int]:
        """Where each edit starts in the source (in order, as the edits are), for `from_source`."""
        return [edit.source_start for edit in self.edits]

    def from_source(self, index: int, *, end: bool = False) -> int:
        """This text's offset for the source's offset `index`, the inverse of `to_source`. Outside the edits
        an offset moves by what the edits before it added or took away. Inside a replaced span a start maps
        to the replacement's start and an `end` to its end ("can't" -> the whole "can not"); inside words
        that were dropped, both map to where they were; where words were inserted (a name's mark), an offset
        maps to before them, so a stretch that starts there takes them in."""
        before = bisect.bisect_right(self._source_starts, index) - 1
        if before < 0:
            return index
        while before > 0 and self.edits[before - 1].source_start == index:
            before -= 1  # words put in before a contraction at the same place ("I " before "Can not")
        edit = self.edits[before]
        if index == edit.source_start:
            return edit.start
        if index >= edit.source_end:
            return index - edit.source_end + edit.end
        return edit.end if end else edit.start


class CanonicalText(EditedText):
    """A normalized draft's canonical text: contractions written as their words, a NAME_MARK before a
    capitalised name that is the subject of its clause ("Thanks. \ue000Acme can not refund it"), and the
    subject a clause left out ("Can't refund it" reads "I can not refund it")."""

    def __init__(self, source: str, utf8: Utf8Text | None = None) -> None:
        # The source's bytes, for the three searches below (a draft has them already: `Draft.utf8`).
        utf8 = utf8 if utf8 is not None else Utf8Text(source)
        contractions = list(_contractions(source, utf8=utf8))
        # A word a contraction rewrites ("Im" -> "I am") is not a name.
        taken = {start for start, _, _ in contractions}
        names = [name for name in _subject_names(source, utf8) if name[0] not in taken]
        # Words put in where there were none come before the words a contraction rewrites at the same place.
        edits = [*contractions, *names, *_dropped_subjects(source, utf8)]
        super().__init__(source, sorted(edits, key=lambda edit: (edit[0], edit[1])))


# A clause that opens on an inability, a refusal, "not sure", or "don't know / have / see / think", has left
# its subject out: a hurried reply or a tweet, the agent speaking ("Can't refund opened items", "Unable to
# reopen the profile", "Not sure why", "Don't have an ETA yet"). The canonical view writes the subject it left
# out, "I" ("I am" before "unable to", "not able to", "not sure"), so a rule about the agent reads it. Not
# "don't" before other verbs: "Don't worry", "Don't forget" are asks; and not a question that names its
# subject after the verb ("Won't you try again?").
_DROPPED_SUBJECT = re2.compile(
    r"(?:^|[.!?;:,] |\n|@\w+ )(?i:unable to|not able to|not sure|can't|cannot|cant|can not|won't|wont"
    r"|will not|(?:don't|dont|do not) (?:know|have|see|think))\b"
)
_PRONOUN_AFTER = re.compile(r" (?:you|we|they|I|he|she|it|u)\b", re.IGNORECASE)


# Words a clause goes on after ("We are, sadly, unable"): before a comma, not the end of an opening.
_AUXILIARIES = frozenset(
    "am is are was were be been will would can could do does did have has had must".split()
)


def _after_opening_words(source: str, comma: int) -> bool:
    """Whether the comma at `comma` ends the sentence's opening words ("Sorry,", "Hi Sam,", "Thanks again,"):
    at most three words since the sentence began, no other comma among them and no auxiliary last. Not a
    parenthetical's comma ("We are, unfortunately, unable to"), nor one inside a clause ("I am, unable")."""
    begun = max(source.rfind(mark, 0, comma) for mark in ".!?;:\n") + 1
    opening = source[begun:comma]
    words = opening.lower().split()
    return "," not in opening and len(words) <= 3 and not (words and words[-1] in _AUXILIARIES)


def _dropped_subjects(source: str, utf8: Utf8Text) -> Iterator[tuple[int, int, str]]:
    for start, end in byte_spans(_DROPPED_SUBJECT, source, utf8):
        if source[start] == "," and not _after_opening_words(source, start):
            continue
        while not source[start].isalpha():  # past the clause's punctuation, a handle and a space
            start += source.index(" ", start) + 1 - start if source[start] == "@" else 1
        if _PRONOUN_AFTER.match(source, end):
            continue
        words = source[start:end].lower()
        yield start, start, "I am " if words.startswith(("unable", "not")) else "I "


# Marks a capitalised name that opens a clause and is followed by a verb: the company's own name, as the
# subject of the agent's own sentence ("Acme cannot guarantee delivery"), which the phrase language's
# {subject-name} matches. A private-use character: never in a draft's words, never a word character.
NAME_MARK = "\ue000"
# Words that open clauses capitalised but are not names, and words said with weight in capitals ("We are NOT
# allowed to", "Acme can NEVER refund"): grammar words, never a name.
_NOT_NAMES = frozenset(
    """i we you they he she it this that these those there here who what which whoever everything nothing
    something someone somebody anyone anybody everyone everybody nobody none one all some any each every both
    either neither our your my their his her its the a an please sorry unfortunately sadly thanks thank hi
    hello hey dear yes no ok okay also but and so or if when once while because as since after before then
    now today tomorrow yesterday refunds orders returns payments accounts
    not never must only always ever just still really can cannot could will would shall should may might do
    does did is are was were be been has have had need""".split()
)


def capital_only_to_open(word: str) -> bool:
    """Whether `word`, written with a capital, has it only because it opens a sentence ("Your", "The",
    "Refunds"): a common word, not a name (and not "I")."""
    lower = word.lower()
    return lower != "i" and lower in _NOT_NAMES


# Past forms without "-ed" that follow a company's name in support replies ("Acme said", "Acme sent").
_IRREGULAR_PAST = (
    "said|told|sent|made|gave|took|got|kept|left|found|knew|thought|meant|went|came|saw|wrote|paid|sold|"
    "bought|spent|lost|held|put|set|shut"
)
# A clause's opening (the text's start, clause punctuation and a space, a line break), then the name and its
# verb: searched as bytes by RE2 (one pass), each candidate's first word then checked against _NOT_NAMES.
# A capitalised word after a lower-case one is a name wherever it stands ("There's nothing Acme can do").
_SUBJECT_NAME = re2.compile(
    r"(?:^|[.!?;:,] |\n|@\w+ |\b[a-z]+ )"
    r"[A-Z][\w&-]*(?: [A-Z][\w&-]*){0,2} "
    r"(?:(?:only|also|still|just|now|never|always|currently|already|no longer|[a-z]+ly) )?"
    r"(?:(?i:can|could|will|would|wo|shall|should|must|may|might|is|are|was|were|does|do|did|has|have|had)"
    r"(?i:n't|nt|not)?|(?i:cant|wont)|[a-z]+s|[a-z]+ed|" + _IRREGULAR_PAST + r")\b"
)


# Words that open a sentence and may be written without the comma after them ("Unfortunately Acme can't",
# "Sorry Acme has to"): a capitalised word after one still opens the clause. Not a greeting's words: the
# capitalised word after "Hi" or "Thanks" is the customer's name.
_OPENERS = frozenset(
    """unfortunately sadly sorry regrettably however honestly actually currently fortunately luckily
    hopefully also but and so now then yes no ok okay today""".split()
)


def _subject_names(source: str, utf8: Utf8Text) -> Iterator[tuple[int, int, str]]:
    for start, _ in byte_spans(_SUBJECT_NAME, source, utf8):
        while not source[start].isupper():  # past the clause's punctuation, a word or a handle, and a space
            start += 1
        end = _word_end(source, start)
        while source[start:end].lower() in _OPENERS and source[end + 1 : end + 2].isupper():
            start = end + 1
            end = _word_end(source, start)
        if source[start:end].lower() not in _NOT_NAMES:
            yield start, start, NAME_MARK


def _word_end(source: str, start: int) -> int:
    end = start
    while end < len(source) and source[end] != " ":
        end += 1
    return end


def _contractions(
    source: str, draft: bool = True, utf8: Utf8Text | None = None
) -> Iterator[tuple[int, int, str]]:
    # RE2 finds the few candidates in one pass over the bytes (several times faster than Python's re, which
    # tries every alternative at every position); Python's re then reads each one.
    for start, _ in byte_spans(_CANDIDATE, source, utf8):
        match = _CONTRACTION.match(source, start)
        if match is None:
            continue
        words = _expansion(match, source, draft)
        if words != match.group():
            yield match.start(), match.end(), words


class CoreText(EditedText):
    """The canonical text without the words a rule steps over (the bank's skippable words and short
    parentheticals), found by `skip` (an RE2 regex over the canonical text): "we currently can not, sadly,
    refund" reads "we can not refund", so one rule covers every such way of saying it."""

    def __init__(self, canonical: CanonicalText, skip: Any, utf8: Utf8Text | None = None) -> None:
        self.canonical = canonical
        super().__init__(canonical.text, _skipped(canonical.text, skip, utf8))

    def to_normalized(self, index: int, *, end: bool = False) -> int:
        """The normalized draft's offset for an offset of the core text."""
        return self.canonical.to_source(self.to_source(index, end=end), end=end)

    def part_words(self, start: int, end: int) -> str | None:
        """The canonical words of [start, end) when it takes only part of a contraction's words, as
        `canonical_part_words` says; None otherwise."""
        return canonical_part_words(self.canonical, self.to_source(start), self.to_source(end, end=True))

    def cut_words(self, start: int, end: int) -> tuple[str, str]:
        """The canonical words of contractions [start, end) cuts through, outside it (as
        `EditedText.cut_words` says)."""
        return self.canonical.cut_words(self.to_source(start), self.to_source(end, end=True))


def canonical_part_words(canonical: EditedText, start: int, end: int) -> str | None:
    """The canonical text's words [start, end) when that span takes only part of a contraction's words ("is"
    of "isn't", "will" of "We'll"): a slot there is those words, never the whole contraction, which would
    add words the slot does not hold (its "not"). None when the span maps to the draft's own characters."""
    return canonical.text[start:end] if canonical.covers_part(start, end) else None


def _skipped(text: str, skip: Any, utf8: Utf8Text | None) -> Iterator[tuple[int, int, str]]:
    """Runs to drop, next to each other ones joined into one: "can not (sadly) really refund" drops
    " (sadly) really" as one run. A run between two words with no space on either side ("not,
    unfortunately,refund") leaves a space, so the words stay apart."""
    runs: list[list[int]] = []
    for start, end in byte_spans(skip, text, utf8):
        if end <= start:
            continue
        if runs and runs[-1][1] == start:
            runs[-1][1] = end
        else:
            runs.append([start, end])
    for start, end in runs:
        glued = 0 < start and end < len(text) and not text[start - 1].isspace() and not text[end].isspace()
        yield start, end, " " if glued and text[end] not in _CLAUSE_END else ""


def canonical_words(text: str) -> str:
    """A phrase's words as the canonical text writes them ("can't help" -> "can not help"); no name is
    marked (a pattern names a subject with {subject-name})."""
    return EditedText(text, _contractions(text, draft=False)).text


# A word of the canonical view: letters, digits and the characters inside words ("e-mail", "24/7", "Acme's").
_TOKEN = re.compile(r"[\w@#$][\w'&/.:+-]*[\w]|[\w@#$]|[^\w\s]")


@dataclass(frozen=True)
class Token:
    """One token of the canonical view: its text, lemma and where it is in the canonical text and the
    normalized draft."""

    text: str
    lemma: str
    start: int
    end: int
    source_start: int
    source_end: int


class CanonicalView:
    """The canonical text with its tokens and their lemmas, as `bank explain` shows it (the matcher needs the
    text alone, so tokens and lemmas are made only when asked)."""

    def __init__(self, normalized: str) -> None:
        self.canonical = CanonicalText(normalized)

    @property
    def text(self) -> str:
        """The canonical text."""
        return self.canonical.text

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        """Every token, with its lemma (lemminflect) and its offsets."""
        return tuple(self._tokens())

    def _tokens(self) -> Iterator[Token]:
        from lemminflect import getLemma  # only explain asks for lemmas

        for match in _TOKEN.finditer(self.text):
            word = match.group()
            if word == NAME_MARK:
                continue
            source_start, source_end = self.canonical.span_to_source(match.start(), match.end())
            lemma = word.lower()
            if lemma.endswith("'s"):
                lemma = lemma[:-2]  # a possessive: "Acme's" is Acme
            if lemma[:1].isalpha():
                # Only words the dictionary knows: lemminflect's guesses for others ("this" -> "thi") mislead.
                for upos in ("VERB", "NOUN", "ADJ"):
                    lemmas = getLemma(lemma, upos=upos, lemmatize_oov=False)
                    if lemmas:
                        lemma = lemmas[0]
                        break
            yield Token(word, lemma, match.start(), match.end(), source_start, source_end)

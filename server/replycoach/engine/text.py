"""Plain-text helpers for the engine: matching normalization, UTF-16 offsets and sentence bounds."""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import re2

# Curly quotes and look-alikes become the straight ones patterns are written with; one code point for one,
# so offsets only shift where whitespace runs collapse.
_QUOTES = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "\uff07": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\uff02": '"',
    }
)
_STRAIGHTEN = tuple((chr(code), straight) for code, straight in _QUOTES.items())
# Whitespace as Python's str.isspace has it (RE2's \s is ASCII only), as an RE2 character class; all of it is
# below U+3001.
_SPACES = "".join(f"\\x{{{code:x}}}" for code in range(0x3001) if chr(code).isspace() and chr(code) != " ")
_SPACE = f"[ {_SPACES}]"
# Spaces and line breaks written as HTML entities ("&nbsp;", "&#10;").
_SPACE_ENTITY = r"&(?:nbsp|#(?:9|10|13|32|160)|#[xX](?:9|[aAdD]|20|[aA]0));"
# What normalizing changes, searched by RE2 over the text's UTF-8 bytes (one pass, several times faster than
# Python's re, which tries each alternative at every character): a whitespace run of two or more characters
# (entities written for spaces counted in) or one that is not a space (a lone space, most of them, is never
# visited), and, in a draft with an "&", a character written as an HTML entity ("can&#x27;t", "T&amp;Cs", as a
# system that stores HTML hands a reply over).
_WHITESPACE_RUN = re2.compile(f"{_SPACE}{{2,}}|[{_SPACES}]")
_RUN_OR_ENTITY = re2.compile(
    f"(?:{_SPACE}|{_SPACE_ENTITY}){{2,}}|[{_SPACES}]|{_SPACE_ENTITY}"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class NormalizedText:
    """A draft as patterns see it (straight quotes, single spaces), with a map back to the original."""

    text: str
    _run_positions: tuple[int, ...]
    _shrink_before: tuple[int, ...]

    def to_original(self, index: int) -> int:
        """Map an offset in the normalized text to the same boundary in the original text."""
        runs_before = bisect.bisect_left(self._run_positions, index)
        return index + (self._shrink_before[runs_before - 1] if runs_before else 0)

    @cached_property
    def _run_ends(self) -> list[int]:
        # Run i starts at normalized offset _run_positions[i] and ends, in the original, at this offset.
        return [p + shrink + 1 for p, shrink in zip(self._run_positions, self._shrink_before, strict=True)]

    def to_normalized(self, index: int) -> int:
        """Map an offset of the original text that is not inside a whitespace run to the normalized text."""
        runs_before = bisect.bisect_right(self._run_ends, index)
        return index - (self._shrink_before[runs_before - 1] if runs_before else 0)


def normalize(text: str) -> NormalizedText:
    """Straighten quotes, collapse each whitespace run to one space and read each HTML entity as its
    character (one character for several: the same map back as a run's), remembering how to map back."""
    # str.translate walks the whole text in Python-level steps; a replace per look-alike the draft holds
    # (usually none, or the curly apostrophe alone) is several times faster.
    translated = text
    for look_alike, straight in _STRAIGHTEN:
        if look_alike in translated:
            translated = translated.replace(look_alike, straight)
    pieces: list[str] = []
    positions: list[int] = []
    shrink: list[int] = []
    total = 0
    last = 0
    runs = _RUN_OR_ENTITY if "&" in translated else _WHITESPACE_RUN
    for start, end in byte_spans(runs, translated):
        written = " "
        if translated[start] == "&" and end - start > 1 and not translated[end - 1].isspace():
            # One entity, or a run of entities written for spaces ("&nbsp;&nbsp;"): a space for the run.
            written = html.unescape(translated[start:end]).translate(_QUOTES)
            if written.isspace():
                written = " "
            elif len(written) != 1:
                continue  # not an entity HTML knows, or more than one character: the text stays as written
        pieces.append(translated[last:start])
        pieces.append(written)
        last = end
        removed = end - start - 1
        if removed:
            positions.append(start - total)
            total += removed
            shrink.append(total)
    pieces.append(translated[last:])
    return NormalizedText("".join(pieces), tuple(positions), tuple(shrink))


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


class Utf8Text:
    """A text's UTF-8 bytes, encoded once, and its offsets mapped between code points and bytes.

    RE2 matches bytes: handed a str, its binding encodes the whole text again on every call (and counts
    from the start to find `pos`), so each search of a long draft would cost its whole length. Searching these
    bytes costs only the stretch searched. Offsets are the same in an ASCII text (most drafts)."""

    def __init__(self, text: str) -> None:
        self.data = text.encode("utf-8")
        self.ascii = len(self.data) == len(text)
        # For each non-ASCII code point: its offset, the offset of its first byte, and how many bytes all the
        # non-ASCII code points up to it take beyond one each.
        self._chars: list[int] = []
        self._bytes: list[int] = []
        self._extra: list[int] = []
        if not self.ascii:
            extra = 0
            for m in _NON_ASCII.finditer(text):
                self._chars.append(m.start())
                self._bytes.append(m.start() + extra)
                extra += len(m.group().encode("utf-8")) - 1
                self._extra.append(extra)

    def to_bytes(self, index: int) -> int:
        """The byte offset of code-point offset `index`."""
        if self.ascii:
            return index
        before = bisect.bisect_left(self._chars, index)
        return index + (self._extra[before - 1] if before else 0)

    def to_chars(self, offset: int) -> int:
        """The code-point offset of byte offset `offset` (a boundary between code points)."""
        if self.ascii:
            return offset
        before = bisect.bisect_left(self._bytes, offset)
        return offset - (self._extra[before - 1] if before else 0)


# The binding's RE2 object and its unanchored search, called directly where the binding has them (its
# `finditer` builds a Python match object around every match, which costs more than RE2's search).
UNANCHORED = getattr(getattr(re2, "_Anchor", None), "UNANCHORED", None)
NO_MATCH = (-1, -1)


def _match_spans(regex: Any, data: bytes) -> Iterator[tuple[int, int]]:
    """The byte spans of each match of an RE2 regex in `data`, as `finditer` steps through it."""
    low = getattr(regex, "_regexp", None)
    if low is None or UNANCHORED is None:
        for match in regex.finditer(data):
            yield match.span()
        return
    pos, end = 0, len(data)
    while True:
        found = low.Match(UNANCHORED, data, pos, end)[0]
        if found == NO_MATCH:
            return
        yield found
        if found[0] < found[1]:
            pos = found[1]
        elif found[1] < end:
            pos = found[1] + 1  # past an empty match, as `finditer` goes on
        else:
            return


def byte_spans(regex: Any, text: str, utf8: Utf8Text | None = None) -> Iterator[tuple[int, int]]:
    """The spans (in code points) of each match of an RE2 regex in `text`, searched as UTF-8 bytes (`utf8`:
    the text's, when the caller has them already: several searches of one text encode it once)."""
    if utf8 is None:
        utf8 = Utf8Text(text)
    if utf8.ascii:
        yield from _match_spans(regex, utf8.data)
        return
    for start, end in _match_spans(regex, utf8.data):
        yield utf8.to_chars(start), utf8.to_chars(end)


class Utf16Offsets:
    """Converts code-point offsets of one text to UTF-16 code units, as browsers count them."""

    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)] if not text.isascii() else []

    def __call__(self, index: int) -> int:
        """Return the UTF-16 offset of code-point offset `index`."""
        return index + bisect.bisect_left(self._astral, index)


def is_word_char(char: str) -> bool:
    """Whether `char` counts as part of a word for match boundaries (letters, digits, underscore)."""
    return char.isalnum() or char == "_"


def on_word_boundaries(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] neither starts nor ends in the middle of a word."""
    if start > 0 and is_word_char(text[start - 1]) and is_word_char(text[start]):
        return False
    return not (end < len(text) and is_word_char(text[end - 1]) and is_word_char(text[end]))


_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr vs etc e.g i.e approx appt dept no nos fig inc ltd co corp".split()
)
# A sentence ends at closing punctuation (with any closing quotes or brackets) followed by whitespace,
# or at a line break.
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u2019\u201d)\]]*(?=\s)|\n")
_CLOSING = re.compile(r"[\s.!?\u2026\"'\u2019\u201d)\]]*\Z")
_LEAD = re.compile(
    r"(?:@\w+[\s,:]*)*"
    r"(?:(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening))\b"
    r"[^,.!?\n]{0,40}[,!:\u2014-]\s*)?",
    re.IGNORECASE,
)


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Split text into sentences: (start, end) spans without surrounding whitespace, in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for boundary in _SENTENCE_END.finditer(text):
        end = boundary.end()
        if boundary.group() != "\n" and _ends_in_abbreviation(text, boundary.start()):
            continue
        _append_trimmed(text, start, end, spans)
        start = end
    _append_trimmed(text, start, len(text), spans)
    return spans


def _ends_in_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


_HANDLES = re.compile(r"(?:@\w+[\s,:]*)*")


def _holding(sentences: list[tuple[int, int]], index: int) -> int:
    """The position of the last sentence starting at or before `index` (-1 if none); O(log n), no copy."""
    return bisect.bisect_right(sentences, index, key=lambda span: span[0]) - 1


def starts_sentence(text: str, sentences: list[tuple[int, int]], index: int) -> bool:
    """Whether `index` is where a sentence's words begin (only @handles may come before it)."""
    pos = _holding(sentences, index)
    if pos < 0:
        return True
    handles = _HANDLES.match(text, sentences[pos][0], index)
    return handles is not None and handles.end() >= index


def after_lead(text: str, start: int, end: int) -> int:
    """Where a sentence's own words begin, after any @handles and a greeting like "Hi Sam,"."""
    lead = _LEAD.match(text, start, end)
    return lead.end() if lead and lead.end() < end else start


def sentence_body(text: str, sentences: list[tuple[int, int]], index: int) -> tuple[int, int]:
    """The sentence holding `index`, without leading @handles or greeting and without closing punctuation."""
    pos = _holding(sentences, index)
    if pos < 0 or index >= sentences[pos][1]:
        return index, index
    start, end = sentences[pos]
    lead = _LEAD.match(text, start, end)
    if lead and lead.end() <= index:
        start = lead.end()
    closing = _CLOSING.search(text, start, end)
    if closing and closing.start() > index:
        end = closing.start()
    return start, end

"""One draft as the engine reads it, with the work every check shares done once per analysis."""

from __future__ import annotations

from functools import cached_property

from replycoach.engine.results import Span
from replycoach.engine.text import NormalizedText, Utf8Text, Utf16Offsets, normalize, sentence_bounds


class Draft:
    """A draft's text, its normalized form for matching, its UTF-16 offsets and its sentences.

    Sentences are found once, in the original text, and only when a check asks for them; every check
    (quoted and reported speech, rewrites of a sentence, the structure checks) uses the same bounds.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.normalized: NormalizedText = normalize(text)
        self.to_utf16 = Utf16Offsets(text)

    @cached_property
    def utf8(self) -> Utf8Text:
        """The normalized text's UTF-8 bytes, which every RE2 search of this draft runs on."""
        return Utf8Text(self.normalized.text)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """The draft's sentences: (start, end) in the original text, without surrounding whitespace."""
        return sentence_bounds(self.text)

    @cached_property
    def normalized_sentence_starts(self) -> list[int]:
        """Where each sentence starts in the normalized text."""
        return [self.normalized.to_normalized(start) for start, _ in self.sentences]

    @cached_property
    def normalized_sentence_ends(self) -> list[int]:
        """Where each sentence ends in the normalized text."""
        return [self.normalized.to_normalized(end) for _, end in self.sentences]

    def span(self, start: int, end: int) -> Span:
        """The span [start, end) of the original text, in code points and UTF-16 code units."""
        return Span(start, end, self.to_utf16(start), self.to_utf16(end))

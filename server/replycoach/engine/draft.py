"""One draft as the engine reads it, with the work every check shares done once per analysis."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property, partial
from typing import Any

from replycoach.engine.canonical import CanonicalText, CoreText, canonical_part_words
from replycoach.engine.matcher import CANONICAL, CORE, SURFACE, View
from replycoach.engine.results import Span
from replycoach.engine.text import NormalizedText, Utf8Text, Utf16Offsets, normalize, sentence_bounds


class Draft:
    """A draft's text, its normalized form for matching, its UTF-16 offsets and its sentences.

    Sentences are found once, in the original text, and only when a check asks for them; every check
    (quoted and reported speech, rewrites of a sentence, the structure checks) uses the same bounds.
    """

    def __init__(self, text: str, skip: Any = None) -> None:
        self.text = text
        # What the core view drops from the canonical text (the bank's skippable words), as an RE2 regex.
        self.skip = skip
        self.normalized: NormalizedText = normalize(text)
        self.to_utf16 = Utf16Offsets(text)

    @cached_property
    def utf8(self) -> Utf8Text:
        """The normalized text's UTF-8 bytes, which every RE2 search of this draft runs on."""
        return Utf8Text(self.normalized.text)

    @cached_property
    def canonical(self) -> CanonicalText:
        """The canonical view's text ("can not" for "can't"), mapped back to the normalized text."""
        return CanonicalText(self.normalized.text, self.utf8)

    @cached_property
    def core(self) -> CoreText | None:
        """The core view's text (None: the bank has no skippable words, and the core view is the canonical
        one)."""
        return CoreText(self.canonical, self.skip, self.canonical_utf8) if self.skip is not None else None

    @cached_property
    def canonical_utf8(self) -> Utf8Text:
        """The canonical text's UTF-8 bytes (the normalized text's, when no contraction changed it)."""
        text = self.canonical.text
        return self.utf8 if text is self.normalized.text else Utf8Text(text)

    def to_view(self, view: str, index: int, *, end: bool = False) -> int:
        """An offset of the normalized text as an offset of one of the draft's views (`View.source_span` maps
        the other way): a context check finds a match in the normalized text and reads the words around it
        in the view its family runs over."""
        if view == SURFACE:
            return index
        index = self.canonical.from_source(index, end=end)
        core = self.core if view == CORE else None
        return core.from_source(index, end=end) if core is not None else index

    @cached_property
    def views(self) -> dict[str, View]:
        """The texts patterns run over: made on first use of each (most banks use one)."""
        return _LazyViews(self)

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

    def slot_texts(
        self, groups: Mapping[str, tuple[int, int]], words: Mapping[str, str] | None = None
    ) -> dict[str, str]:
        """What each slot of a match captured (spans of the normalized text), as the draft's own text; a slot
        of `words` (one that took only part of a contraction's words) is those words."""
        to_original = self.normalized.to_original
        kept = words or {}
        return {
            name: kept.get(name, self.text[to_original(s) : to_original(e)])
            for name, (s, e) in groups.items()
        }

    def span(self, start: int, end: int) -> Span:
        """The span [start, end) of the original text, in code points and UTF-16 code units."""
        return Span(start, end, self.to_utf16(start), self.to_utf16(end))


class _LazyViews(dict[str, View]):
    """A draft's views, each made when a pattern first asks for it."""

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        self._draft = draft

    def __missing__(self, view: str) -> View:
        draft = self._draft
        if view == SURFACE:
            made = View(draft.normalized.text, draft.utf8)
        elif view == CANONICAL:
            canonical = draft.canonical
            made = View(
                canonical.text,
                draft.canonical_utf8,
                canonical.to_source,
                partial(canonical_part_words, canonical),
                canonical.cut_words,
            )
        elif view == CORE:
            core = draft.core
            if core is None:
                made = self[CANONICAL]
            else:
                utf8 = self[CANONICAL].utf8 if core.text is core.source else Utf8Text(core.text)
                made = View(core.text, utf8, core.to_normalized, core.part_words, core.cut_words)
        else:
            raise KeyError(view)
        self[view] = made
        return made

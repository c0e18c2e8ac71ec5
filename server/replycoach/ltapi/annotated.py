"""Annotated text, LanguageTool's `data` parameter: text parts and markup, so a client can send HTML.

`{"annotation": [{"text": "Hello "}, {"markup": "<b>"}, {"text": "world"}, {"markup": "</p>",
"interpretAs": "\\n\\n"}]}`. The text checked is the text parts with each markup's `interpretAs` in its
place; the offsets answered count over the original, the text parts and the markup as written, as
LanguageTool counts them (its AnnotatedTextBuilder): a match that starts inside an `interpretAs` starts at
its markup, and one that ends inside it ends where the interpretation would, counted back from the end of
the markup.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from typing import Any

from replycoach.ltapi.params import LtError


@dataclass(frozen=True)
class Annotated:
    """The text to check, the original text, and the map between their offsets (in code points)."""

    plain: str
    original: str
    # For each text part and each markup that is interpreted: the plain offset just after it, the original
    # offset just after it, and the markup's length (None for a text part).
    _keys: tuple[int, ...]
    _after: tuple[int, ...]
    _markup: tuple[int | None, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A span of the plain text as a span of the original."""
        if start >= end:
            at = self._map(start, starting=True)
            return at, at
        return self._map(start, starting=True), self._map(end - 1, starting=False) + 1

    def _map(self, offset: int, *, starting: bool) -> int:
        index = bisect.bisect_right(self._keys, offset)
        if index == len(self._keys):
            return len(self.original) - (len(self.plain) - offset)
        key, after, markup = self._keys[index], self._after[index], self._markup[index]
        if starting and markup is not None:
            return after - markup
        return after - (key - offset)


def plain_text(text: str) -> Annotated:
    """Plain text: the original is the text itself."""
    return Annotated(text, text, (len(text),), (len(text),), (None,))


def read_data(data: str) -> Annotated:
    """The `data` parameter as LanguageTool reads it; LtError (400) with its messages when it cannot."""
    try:
        value = json.loads(data)
    except ValueError:
        raise LtError(400, "Could not parse JSON from 'data' parameter") from None
    if not isinstance(value, dict):
        raise LtError(400, "Could not parse JSON from 'data' parameter")
    if "text" in value and "annotation" in value:
        raise LtError(400, "'data' key in JSON requires either 'text' or 'annotation' key, not both")
    if "text" in value:
        if not isinstance(value["text"], str):
            raise LtError(400, "'text' in 'data' must be a string")
        return plain_text(value["text"])
    items = value.get("annotation")
    if items is None:
        raise LtError(400, "'data' key in JSON requires 'text' or 'annotation' key")
    if not isinstance(items, list):
        raise LtError(400, "'annotation' in 'data' must be a list")
    return _annotated(items)


def _annotated(items: list[Any]) -> Annotated:
    plain: list[str] = []
    original: list[str] = []
    keys: list[int] = []
    after: list[int] = []
    markup_lengths: list[int | None] = []
    plain_at = original_at = 0
    for item in items:
        shown = json.dumps(item, ensure_ascii=False, separators=(",", ":"))
        if not isinstance(item, dict):
            raise LtError(400, f"Only 'text' and 'markup' are supported in 'annotation' list: {shown}")
        text, markup, interpret = item.get("text"), item.get("markup"), item.get("interpretAs")
        if text is not None and markup is not None:
            raise LtError(
                400,
                f"Only either 'text' or 'markup' are supported in an object in 'annotation' list, not both: "
                f"{shown}",
            )
        if text is not None and interpret is not None:
            raise LtError(400, f"'text' cannot be used with 'interpretAs' (only 'markup' can): {shown}")
        if text is None and markup is None:
            raise LtError(400, f"Only 'text' and 'markup' are supported in 'annotation' list: {shown}")
        if not all(isinstance(v, str) for v in (text, markup, interpret) if v is not None):
            raise LtError(400, f"'text', 'markup' and 'interpretAs' must be strings: {shown}")
        if text is not None:
            plain.append(text)
            original.append(text)
            plain_at += len(text)
            original_at += len(text)
            keys.append(plain_at)
            after.append(original_at)
            markup_lengths.append(None)
            continue
        markup = str(markup)
        original.append(markup)
        original_at += len(markup)
        if interpret:
            interpret = str(interpret)
            plain.append(interpret)
            plain_at += len(interpret)
            keys.append(plain_at)
            after.append(original_at)
            markup_lengths.append(len(markup))
    # Parts that add nothing to the plain text leave two entries at one key: the map takes the first.
    return Annotated("".join(plain), "".join(original), tuple(keys), tuple(after), tuple(markup_lengths))

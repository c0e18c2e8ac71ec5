"""What the phrase bank's write endpoints share: who writes, which version they edit, and previews."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask import current_app, request

from ..engine import Engine
from ..errors import DraftTooLongError
from .auth import current_key
from .bankstore import Author, parse_raw
from .coach import current_store
from .errors import ApiError


def author() -> Author:
    """The author of a change: the key of the current request."""
    key = current_key()
    if key is None:  # `requires` runs first; a write without a key never gets here
        raise ApiError(401, "unauthorized", "Send an API key as 'Authorization: Bearer <key>'.")
    return Author(key.id, key.name or f"key {key.id}")


def if_match() -> str:
    """The If-Match header a write must carry (428 without one)."""
    etag = request.headers.get("If-Match", "").strip()
    if not etag:
        raise ApiError(
            428,
            "precondition_required",
            "Send the entry's ETag (from GET /v1/phrasebank/entries/<id>) in an If-Match header, "
            "so a change never overwrites one you have not seen.",
        )
    return etag


def preview(raw: Any, texts: Sequence[str] | None) -> dict[str, Any]:
    """Where a candidate entry would flag each text (the stored samples if `texts` is None)."""
    entry = parse_raw(raw)
    store = current_store()
    tried = store.samples() if texts is None else list(texts)
    engine = Engine(store.candidate(entry), max_chars=current_app.config["MAX_DRAFT_CHARS"])
    matches = []
    for index, text in enumerate(tried):
        try:
            flags = engine.analyze(text).flags
        except DraftTooLongError as err:
            raise DraftTooLongError(f"texts[{index}]", err.length, err.limit) from err
        spans = [
            {"start": f.span.start, "end": f.span.end, "text": f.text}
            for f in flags
            if f.entry.id == entry.id
        ]
        if spans:
            matches.append({"index": index, "text": text, "spans": spans})
    return {"sample_size": len(tried), "matches": matches}

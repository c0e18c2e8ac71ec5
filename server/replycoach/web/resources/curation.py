"""What the phrase bank's write endpoints share: who writes, which version they edit, and previews."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from flask import current_app, request

from replycoach.bank.loader import check_examples, run_examples
from replycoach.engine import Engine
from replycoach.engine.compiled import Bank
from replycoach.errors import ApiError, BankError, DraftTooLongError, InvalidEntryError, Problem
from replycoach.store.bank import Author, parse_raw
from replycoach.web.auth import current_key
from replycoach.web.live import current_store


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


def validate(raw: Any) -> dict[str, Any]:
    """What a save of this entry would find wrong (nothing is saved), and how each of its examples fares.

    The checks are the store's: fields, patterns and slots, then every example of the bank with this entry
    in it (an entry can break another's example by taking its overlap). A disabled entry's examples are
    run as if it were enabled, so they can be fixed before it is, but they do not make it invalid.
    """
    try:
        entry = parse_raw(raw)
    except InvalidEntryError as err:
        return _verdict(err.problems, [])
    store = current_store()
    live = dataclasses.replace(entry, enabled=True)
    snapshot = store.snapshot()
    others = [s.entry for s in snapshot.entries if s.entry.id != entry.id]
    try:
        bank = Bank.build([*others, live], snapshot.topics)
    except BankError as err:
        return _verdict(err.problems, [])
    results = run_examples(Engine(bank), live)
    problems: list[Problem] = []
    if entry.enabled:
        problems = [r.problem(entry) for r in results if not r.ok]
        problems += check_examples(bank, [e for e in bank.entries if e.id != entry.id])
    examples = [
        {
            "kind": r.kind,
            "index": r.index,
            "text": r.example.text,
            "flagged": r.example.flagged,
            "customer": r.example.customer,
            "ok": r.ok,
            "detail": r.detail,
        }
        for r in results
    ]
    return _verdict(problems, examples)


def _verdict(problems: Sequence[Problem], examples: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "valid": not problems,
        "problems": [{"entry": p.entry, "field": p.field, "message": p.message} for p in problems],
        "examples": examples,
    }

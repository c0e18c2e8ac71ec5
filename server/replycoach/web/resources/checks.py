"""POST /v1/phrasebank/validate and /preview: try a candidate entry before saving it (nothing is saved)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from flask import current_app
from marshmallow import Schema, fields, validate

from replycoach.bank.loader import (
    check_examples,
    entry_spans,
    flag_analyses,
    rewritten_examples,
    run_examples,
)
from replycoach.bank.model import Entry
from replycoach.engine import Engine
from replycoach.engine.compiled import Bank
from replycoach.errors import BankError, DraftTooLongError, InvalidEntryError, Problem
from replycoach.store.records import parse_checked, with_stand_ins
from replycoach.store.samples import SampleStore
from replycoach.web.auth import requires
from replycoach.web.blueprint import Blueprint
from replycoach.web.grammar import grammar_pass
from replycoach.web.live import current_store

_ANY = "validated as the bank loader validates it (see the bank file format)"

MAX_PREVIEW_TEXTS = 1000
DEFAULT_PREVIEW_LIMIT = 200


class PreviewRequestSchema(Schema):
    """A candidate entry, and the replies to try it on (default: the stored sample replies)."""

    entry = fields.Dict(required=True, metadata={"description": _ANY})
    texts = fields.List(
        fields.String(),
        load_default=None,
        validate=validate.Length(max=MAX_PREVIEW_TEXTS),
        metadata={"description": f"up to {MAX_PREVIEW_TEXTS} replies; absent: the stored samples"},
    )
    limit = fields.Integer(
        load_default=DEFAULT_PREVIEW_LIMIT,
        strict=True,
        validate=validate.Range(min=1, max=MAX_PREVIEW_TEXTS),
        metadata={
            "description": f"at most this many matches in the answer (default {DEFAULT_PREVIEW_LIMIT})"
        },
    )
    offset = fields.Integer(
        load_default=0,
        strict=True,
        validate=validate.Range(min=0, max=2**31),
        metadata={"description": "skip this many matches first (to page through them)"},
    )


class SpanSchema(Schema):
    """Where the candidate entry flags a text."""

    start = fields.Integer(required=True, metadata={"description": "offset in code points"})
    end = fields.Integer(required=True)
    text = fields.String(required=True)


class ShadowedSchema(SpanSchema):
    """Where the candidate matches but another entry's flag wins the overlap (a warning over a suggestion,
    then the longer match)."""

    by = fields.String(required=True, metadata={"description": "the id of the entry whose flag wins"})


class PreviewMatchSchema(Schema):
    """A text the candidate entry matches: where it flags, and where another entry's flag wins instead."""

    index = fields.Integer(required=True, metadata={"description": "its place among the texts tried"})
    text = fields.String(required=True)
    spans = fields.List(fields.Nested(SpanSchema), required=True)
    shadowed = fields.List(fields.Nested(ShadowedSchema), required=True)


class PreviewSchema(Schema):
    """How a candidate entry would fire: one match per text it matches, a page of them at a time."""

    sample_size = fields.Integer(required=True, metadata={"description": "how many texts were tried"})
    total = fields.Integer(required=True, metadata={"description": "how many texts it matches in all"})
    offset = fields.Integer(required=True)
    limit = fields.Integer(required=True)
    matches = fields.List(fields.Nested(PreviewMatchSchema), required=True)


class ValidateRequestSchema(Schema):
    """A candidate entry to check without saving it."""

    entry = fields.Dict(required=True, metadata={"description": _ANY})


class ProblemSchema(Schema):
    """One thing a save would refuse: which entry, which field, what to change."""

    entry = fields.String(required=True)
    field = fields.String(required=True, metadata={"description": "e.g. patterns[0], examples.flag[1]"})
    message = fields.String(required=True)


class ExampleResultSchema(Schema):
    """How one of the candidate's examples fared."""

    kind = fields.String(required=True, validate=validate.OneOf(["flag", "pass"]))
    index = fields.Integer(required=True, metadata={"description": "its place in examples.flag or .pass"})
    text = fields.String(required=True)
    flagged = fields.String(required=True, allow_none=True)
    customer = fields.String(required=True, allow_none=True)
    ok = fields.Boolean(required=True)
    detail = fields.String(required=True, metadata={"description": "what went wrong; empty when ok"})


class GrammarFindingSchema(Schema):
    """What the grammar pass (LanguageTool) found in a rewritten example."""

    rule_id = fields.String(required=True)
    text = fields.String(required=True)
    message = fields.String(required=True)


class RewrittenExampleSchema(Schema):
    """One rewrite applied to one `flag` example: the sentence it gives, and what still warns in it."""

    example = fields.Integer(required=True, metadata={"description": "its place in examples.flag"})
    rewrite = fields.Integer(required=True, metadata={"description": "its place in rewrites"})
    text = fields.String(required=True, metadata={"description": "the example with the rewrite applied"})
    ok = fields.Boolean(required=True, metadata={"description": "no warning in the rewritten words"})
    warnings = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "the bank's warnings in the rewritten words: `entry id: 'words'`"},
    )
    grammar = fields.List(
        fields.Nested(GrammarFindingSchema),
        required=True,
        metadata={"description": "LanguageTool's findings in the sentence (empty without a server)"},
    )


class ValidationSchema(Schema):
    """Whether a save of the candidate would be accepted, and its examples run."""

    valid = fields.Boolean(required=True)
    problems = fields.List(fields.Nested(ProblemSchema), required=True)
    examples = fields.List(
        fields.Nested(ExampleResultSchema),
        required=True,
        metadata={"description": "empty when the entry's fields or patterns are invalid"},
    )
    rewritten = fields.List(
        fields.Nested(RewrittenExampleSchema),
        required=True,
        metadata={
            "description": "each rewrite applied to each flag example; empty when the entry is invalid"
        },
    )


blp = Blueprint(
    "phrasebank_checks",
    __name__,
    url_prefix="/v1/phrasebank",
    description="Try a candidate entry before saving it.",
)


@blp.route("/validate", methods=["POST"])
@requires("lead")
@blp.arguments(ValidateRequestSchema)
@blp.response(200, ValidationSchema)
def validate_entry(body: dict[str, Any]) -> dict[str, Any]:
    """Check a candidate entry as a save would, without saving it; run its examples."""
    return check_entry(body["entry"])


@blp.route("/preview", methods=["POST"])
@requires("lead")
@blp.arguments(PreviewRequestSchema)
@blp.response(200, PreviewSchema)
def preview_entry(body: dict[str, Any]) -> dict[str, Any]:
    """Show where a candidate entry would flag the given texts, or the stored sample replies."""
    return preview(body["entry"], body["texts"], body["limit"], body["offset"])


def preview(raw: Any, texts: Sequence[str] | None, limit: int, offset: int) -> dict[str, Any]:
    """Where a candidate entry would flag each text (the stored samples if `texts` is None), and where it
    matches but another entry's flag wins; `limit` matches from `offset`, with the total."""
    entry, bank = candidate_bank(raw)
    samples: SampleStore = current_app.extensions["replycoach.samples"]
    tried = samples.all() if texts is None else list(texts)
    engine = Engine(
        bank,
        max_chars=current_app.config["MAX_DRAFT_CHARS"],
        max_flags=current_app.config["MAX_FLAGS"],
    )
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
        shadowed = _shadowed(engine, entry.id, text, flags, spans)
        if spans or shadowed:
            matches.append({"index": index, "text": text, "spans": spans, "shadowed": shadowed})
    return {
        "sample_size": len(tried),
        "total": len(matches),
        "offset": offset,
        "limit": limit,
        "matches": matches[offset : offset + limit],
    }


def candidate_bank(raw: Any, *, enabled: bool | None = None) -> tuple[Entry, Bank]:
    """A candidate entry (raw, as a lead sends it) and the live bank with it in place of the entry with its id
    (what preview and explain run); InvalidEntryError, with every problem, when the entry or the bank with it
    would not validate. `enabled` overrides the entry's own state (explain shows a disabled entry as it
    would fire)."""
    store = current_store()
    entry = parse_checked(raw, store.snapshot().vocabulary)
    if enabled is not None:
        entry = dataclasses.replace(entry, enabled=enabled)
    return entry, store.candidate(entry)


def _shadowed(
    engine: Engine, entry_id: str, text: str, flags: Sequence[Any], spans: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The candidate's own matches in `text` that another entry's flag won, with the winner."""
    found = []
    for start, end in entry_spans(engine.bank, entry_id, text):
        if any(s["start"] == start and s["end"] == end for s in spans):
            continue
        winner = next(
            (f for f in flags if f.entry.id != entry_id and f.span.start < end and start < f.span.end), None
        )
        if winner is not None:
            found.append({"start": start, "end": end, "text": text[start:end], "by": winner.entry.id})
    return found


def check_entry(raw: Any) -> dict[str, Any]:
    """What a save of this entry would find wrong (nothing is saved), and how each of its examples fares.

    The checks are the store's: fields, patterns and slots, then every example of the bank with this entry
    in it (an entry can break another's example by taking its overlap). A disabled entry's examples are
    run as if it were enabled, so they can be fixed before it is, but they do not make it invalid.
    """
    store = current_store()
    snapshot = store.snapshot()
    field_problems: list[Problem] = []
    try:
        entry = parse_checked(raw, snapshot.vocabulary)
    except InvalidEntryError as err:
        # Only a message, why or rewrites wrong: the examples still run (on stand-ins for those).
        stand_in = with_stand_ins(raw, err.problems)
        if stand_in is None:
            return _verdict(err.problems, [])
        entry, field_problems = stand_in, list(err.problems)
    live = dataclasses.replace(entry, enabled=True)
    others = [s.entry for s in snapshot.entries if s.entry.id != entry.id]
    try:
        bank = store.build([*others, live], snapshot.topics, snapshot.vocabulary, entry.id)
    except BankError as err:
        return _verdict(err.problems, [])
    engine = Engine(bank)
    analyses = flag_analyses(engine, live)
    results = run_examples(engine, live, analyses)
    rewritten = rewritten_examples(engine, live, analyses)
    problems = field_problems
    if entry.enabled:
        problems += [r.problem(entry) for r in results if not r.ok]
        problems += [r.problem(entry) for r in rewritten if r.warnings]
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
    grammar = grammar_pass([r.text for r in rewritten], None)
    shown = [
        {
            "example": r.example,
            "rewrite": r.rewrite,
            "text": r.text,
            "ok": not r.warnings,
            "warnings": list(r.warnings),
            "grammar": [{"rule_id": f.rule_id, "text": f.text, "message": f.message} for f in found.flags],
        }
        for r, found in zip(rewritten, grammar, strict=True)
    ]
    return _verdict(problems, examples, shown)


def _verdict(
    problems: Sequence[Problem], examples: list[dict[str, Any]], rewritten: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {
        "valid": not problems,
        "problems": [{"entry": p.entry, "field": p.field, "message": p.message} for p in problems],
        "examples": examples,
        "rewritten": rewritten or [],
    }

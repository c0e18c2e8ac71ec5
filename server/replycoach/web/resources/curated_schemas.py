"""Request and response schemas of the curated update review (/v1/phrasebank/curated-update)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from replycoach.curated.update import ADDED, CHANGED, REMOVED
from replycoach.web.resources.schemas import EntrySchema

_REVISION = "the shipped curated bank's revision (`revision` of GET /v1/phrasebank/curated-update)"


class CuratedChangeSchema(Schema):
    """One entry the curated bank changed since the database last took it in."""

    id = fields.String(required=True)
    change = fields.String(required=True, validate=validate.OneOf([ADDED, CHANGED, REMOVED]))
    edited_here = fields.Boolean(
        required=True,
        metadata={"description": "the bank's entry is no longer the curated one it took in (or is missing)"},
    )
    base = fields.Nested(
        EntrySchema,
        required=True,
        allow_none=True,
        metadata={"description": "the curated entry the bank last took in (null: it had none)"},
    )
    current = fields.Nested(
        EntrySchema, required=True, allow_none=True, metadata={"description": "the bank's entry now"}
    )
    curated = fields.Nested(
        EntrySchema,
        required=True,
        allow_none=True,
        metadata={"description": "the newer curated entry (null: the curated bank removed it)"},
    )


class CuratedUpdateSchema(Schema):
    """Whether a newer curated bank waits, and each change it brings."""

    pending = fields.Boolean(required=True)
    revision = fields.String(required=True, metadata={"description": "the shipped curated bank's revision"})
    taken = fields.String(
        required=True, metadata={"description": "the curated bank revision the database last took in"}
    )
    changes = fields.List(
        fields.Nested(CuratedChangeSchema), required=True, metadata={"description": "empty when not pending"}
    )


class TakeRequestSchema(Schema):
    """Which changes of the curated update to take; the bank keeps its own version of every other one."""

    revision = fields.String(required=True, metadata={"description": _REVISION})
    take = fields.List(
        fields.String(), required=True, metadata={"description": "ids of the pending changes to take"}
    )


class TakenSchema(Schema):
    """What the review did."""

    revision = fields.String(required=True, metadata={"description": "the curated revision now taken in"})
    taken = fields.List(fields.String(), required=True, metadata={"description": "the changes applied"})
    kept = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "the pending changes declined: the bank keeps its own, for good"},
    )

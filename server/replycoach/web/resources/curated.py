"""/v1/phrasebank/curated-update: leads review a newer curated bank and take the changes they want."""

from __future__ import annotations

from typing import Any

from flask import current_app
from marshmallow import Schema, fields, validate

from replycoach.bank.schema import EntrySchema
from replycoach.curated.update import ADDED, CHANGED, REMOVED, Applied, CuratedUpdate, Review
from replycoach.errors import ApiError
from replycoach.store.bank import Shipped
from replycoach.web.auth import author, requires
from replycoach.web.blueprint import Blueprint
from replycoach.web.live import current_store

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


blp = Blueprint(
    "curated_update",
    __name__,
    url_prefix="/v1/phrasebank",
    description="A newer curated phrase bank, offered as a reviewable update.",
)


def current_update() -> CuratedUpdate:
    """The curated update of the current app: its shipped bank against the database."""
    shipped: Shipped = current_app.extensions["replycoach.shipped"]
    if shipped.problems:
        raise ApiError(
            409,
            "curated_bank_unavailable",
            f"The bank folder the service was started with does not load ({len(shipped.problems)} problems), "
            "so there is no curated bank to review; run `replycoach bank lint` on it, fix it and restart.",
        )
    return CuratedUpdate(current_store(), shipped.revision, shipped.entries)


@blp.route("/curated-update", methods=["GET"])
@requires("lead")
@blp.response(200, CuratedUpdateSchema)
def review() -> Review:
    """Show what a newer curated bank would change in the bank.

    Each added, changed or removed curated entry, with the curated entry the bank last took in (base), the
    bank's own (current) and the newer one (curated); `edited_here` says whether the team changed it since.
    """
    return current_update().review()


@blp.route("/curated-update", methods=["POST"])
@requires("lead")
@blp.arguments(TakeRequestSchema)
@blp.response(200, TakenSchema)
def take(body: dict[str, Any]) -> Applied:
    """Take the listed changes of the curated update; keep the bank's own version of the rest.

    The new bank is validated whole and applied at once (422 and nothing changed if it would be invalid).
    Declined changes are not offered again: the next curated bank is compared with this one.
    """
    return current_update().apply(body["revision"], body["take"], author())

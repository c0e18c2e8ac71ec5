"""/v1/phrasebank/curated-update: leads review a newer curated bank and take the changes they want."""

from __future__ import annotations

from typing import Any

from flask import current_app

from replycoach.curated.update import Applied, CuratedUpdate, Review
from replycoach.store.bank import Shipped
from replycoach.web.auth import requires
from replycoach.web.blueprint import Blueprint
from replycoach.web.live import current_store
from replycoach.web.resources.curated_schemas import CuratedUpdateSchema, TakenSchema, TakeRequestSchema
from replycoach.web.resources.curation import author

blp = Blueprint(
    "curated_update",
    __name__,
    url_prefix="/v1/phrasebank",
    description="A newer curated phrase bank, offered as a reviewable update.",
)


def current_update() -> CuratedUpdate:
    """The curated update of the current app: its shipped bank against the database."""
    shipped: Shipped = current_app.extensions["replycoach.shipped"]
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

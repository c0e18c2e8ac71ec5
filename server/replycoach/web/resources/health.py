"""GET /health: whether the service is up, which phrase bank it runs, and the grammar backend's state."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from replycoach import __version__
from replycoach.web.blueprint import Blueprint
from replycoach.web.grammar import current_grammar
from replycoach.web.live import curated_update, current_engine
from replycoach.web.resources.drafts import GrammarSchema


class BankStatusSchema(Schema):
    """The phrase bank in service."""

    entries = fields.Integer(required=True)
    revision = fields.String(required=True)
    curated_update = fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": "revision of a newer curated bank waiting to be reviewed "
            "(GET /v1/phrasebank/curated-update); null when there is none"
        },
    )


class GrammarStatusSchema(GrammarSchema):
    """Whether the grammar backend is in use and answers."""

    detail = fields.String(
        required=True, allow_none=True, metadata={"description": "why it is unavailable (null otherwise)"}
    )


class HealthSchema(Schema):
    """The service's state."""

    status = fields.String(required=True, validate=validate.OneOf(["ok"]))
    version = fields.String(required=True)
    bank = fields.Nested(BankStatusSchema, required=True)
    grammar = fields.Nested(GrammarStatusSchema, required=True)


blp = Blueprint("health", __name__, description="Service status (no key needed).")


@blp.route("/health", methods=["GET"])
@blp.response(200, HealthSchema)
def health() -> dict[str, Any]:
    """Report the service's status, its phrase bank and the grammar backend."""
    bank = current_engine().bank
    grammar = current_grammar().probe()
    return {
        "status": "ok",
        "version": __version__,
        "bank": {"entries": len(bank), "revision": bank.revision, "curated_update": curated_update()},
        "grammar": {**grammar.to_dict(), "detail": grammar.detail},
    }

"""GET /v1/phrasebank/vocabulary: the word families the bank's patterns reference as {{name}}."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields

from replycoach.bank.schema import FamilySchema
from replycoach.web.auth import requires
from replycoach.web.blueprint import Blueprint
from replycoach.web.live import current_engine

blp = Blueprint(
    "phrasebank_vocabulary",
    __name__,
    url_prefix="/v1/phrasebank",
    description="The bank's vocabulary: word families that patterns reference.",
)


class VocabularySchema(Schema):
    """The word families of the bank in service, in bank order."""

    revision = fields.String(required=True, metadata={"description": "the bank's revision (as /entries)"})
    families = fields.List(fields.Nested(FamilySchema), required=True)


@blp.route("/vocabulary", methods=["GET"])
@requires("agent")
@blp.response(200, VocabularySchema)
def vocabulary() -> dict[str, Any]:
    """List the bank's word families: each one's phrases, verbs, nouns and RE2 fragments."""
    bank = current_engine().bank
    return {"revision": bank.revision, "families": bank.vocabulary.families}

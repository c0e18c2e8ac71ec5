"""/v1/phrasebank/vocabulary: the word families the bank's patterns reference as {{name}}; agents read them,
leads change them (each change validated against the whole bank, with history)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from replycoach.bank.schema import FamilySchema
from replycoach.bank.vocabulary import Family
from replycoach.store.vocabulary import FamilyRevision, StoredFamily, VocabularyStore
from replycoach.web.auth import author, requires
from replycoach.web.blueprint import Blueprint
from replycoach.web.live import current_engine, current_store
from replycoach.web.resources.writes import RawBodySchema, body_doc, etag_doc, if_match, if_match_doc

blp = Blueprint(
    "phrasebank_vocabulary",
    __name__,
    url_prefix="/v1/phrasebank",
    description="The bank's vocabulary: word families that patterns reference.",
)

_ETAG = etag_doc("family")
_IF_MATCH = if_match_doc("family")
_BODY = body_doc(FamilySchema)
Tagged = tuple[Family, dict[str, str]]


class VocabularySchema(Schema):
    """The word families of the bank in service, in bank order."""

    revision = fields.String(required=True, metadata={"description": "the bank's revision (as /entries)"})
    families = fields.List(fields.Nested(FamilySchema), required=True)


class FamilyRevisionSchema(Schema):
    """One recorded change of a family."""

    revision = fields.Integer(required=True)
    author = fields.String(required=True)
    at = fields.DateTime(required=True)
    action = fields.String(required=True, validate=validate.OneOf(["create", "update", "delete"]))
    family = fields.Nested(FamilySchema, required=True, allow_none=True)


class FamilyHistorySchema(Schema):
    """Every recorded change of a family, oldest first."""

    revisions = fields.List(fields.Nested(FamilyRevisionSchema), required=True)


def _store() -> VocabularyStore:
    return VocabularyStore(current_store())


def _tagged(stored: StoredFamily) -> Tagged:
    return stored.family, {"ETag": stored.etag}


def _if_match() -> str:
    return if_match("family", "/v1/phrasebank/vocabulary/<name>")


@blp.route("/vocabulary", methods=["GET"])
@requires("agent")
@blp.response(200, VocabularySchema)
def vocabulary() -> dict[str, Any]:
    """List the bank's word families: each one's phrases, verbs, nouns and RE2 fragments."""
    bank = current_engine(fresh=True).bank
    return {"revision": bank.revision, "families": bank.vocabulary.families}


@blp.route("/vocabulary", methods=["POST"])
@requires("lead")
@blp.arguments(RawBodySchema)
@blp.doc(**_BODY)
@blp.response(201, FamilySchema, headers=_ETAG)
def create(body: dict[str, Any]) -> tuple[Family, int, dict[str, str]]:
    """Add a family; the whole bank is built with it and every example run before it goes live."""
    family, headers = _tagged(_store().create(body, author()))
    return family, 201, {**headers, "Location": f"/v1/phrasebank/vocabulary/{family.name}"}


@blp.route("/vocabulary/<name>", methods=["GET"])
@requires("agent")
@blp.response(200, FamilySchema, headers=_ETAG)
def family(name: str) -> Tagged:
    """Show one family, with its ETag."""
    return _tagged(_store().get(name))


@blp.route("/vocabulary/<name>", methods=["PUT"])
@requires("lead")
@blp.doc(**_IF_MATCH, **_BODY)
@blp.arguments(RawBodySchema)
@blp.response(200, FamilySchema, headers=_ETAG)
def replace(body: dict[str, Any], name: str) -> Tagged:
    """Replace a family (If-Match: its current ETag); every entry using it is checked on its examples."""
    return _tagged(_store().update(name, body, _if_match(), author()))


@blp.route("/vocabulary/<name>", methods=["DELETE"])
@requires("lead")
@blp.doc(**_IF_MATCH)
@blp.response(204)
def remove(name: str) -> None:
    """Delete a family (If-Match: its current ETag); refused with 422 while a pattern uses it."""
    _store().delete(name, _if_match(), author())


@blp.route("/vocabulary/<name>/history", methods=["GET"])
@requires("agent")
@blp.response(200, FamilyHistorySchema)
def history(name: str) -> dict[str, list[FamilyRevision]]:
    """Every change of a family made through the service, oldest first."""
    return {"revisions": _store().history(name)}

"""/v1/phrasebank: the live phrase bank; agents read it, leads change it (validated, versioned, audited)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from replycoach.bank.model import Entry
from replycoach.bank.schema import EntrySchema
from replycoach.store.records import StoredEntry
from replycoach.web.auth import author, requires
from replycoach.web.blueprint import Blueprint
from replycoach.web.live import current_engine, current_store
from replycoach.web.resources.writes import RawBodySchema, body_doc, etag_doc, if_match, if_match_doc

ENTRY_STATES = ("enabled", "disabled", "all")


class EntriesQuerySchema(Schema):
    """Which entries to list."""

    state = fields.String(
        load_default="enabled",
        validate=validate.OneOf(ENTRY_STATES),
        metadata={"description": "enabled (the entries in service, the default), disabled, or all"},
    )


class EntriesSchema(Schema):
    """The phrase bank in service (or its disabled entries, or both)."""

    revision = fields.String(required=True, metadata={"description": "changes whenever any entry does"})
    entries = fields.List(fields.Nested(EntrySchema), required=True)


class RollbackRequestSchema(Schema):
    """Which earlier revision of the entry to restore."""

    # Revisions are stored as 64-bit integers; a larger number cannot name one.
    revision = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=2**63 - 1))


class RevisionSchema(Schema):
    """One recorded version of an entry."""

    revision = fields.Integer(required=True, metadata={"description": "the entry's own revision counter"})
    author = fields.String(required=True, metadata={"description": "the name of the key that made it"})
    at = fields.DateTime(required=True)
    action = fields.String(
        required=True, validate=validate.OneOf(["create", "update", "delete", "rollback", "import"])
    )
    entry = fields.Nested(EntrySchema, required=True, metadata={"description": "the entry as of then"})
    restored = fields.Integer(
        required=True,
        allow_none=True,
        metadata={"description": "for a rollback, the revision it restored (null otherwise)"},
    )


class HistorySchema(Schema):
    """Every version of an entry, oldest first."""

    revisions = fields.List(fields.Nested(RevisionSchema), required=True)


class ChangeSchema(Schema):
    """One change of the bank: who changed which entry, when, and how."""

    bank_revision = fields.Integer(required=True)
    entry_id = fields.String(required=True)
    revision = fields.Integer(required=True)
    author = fields.String(required=True)
    at = fields.DateTime(required=True)
    action = fields.String(
        required=True, validate=validate.OneOf(["create", "update", "delete", "rollback", "import"])
    )
    restored = fields.Integer(
        required=True,
        allow_none=True,
        metadata={"description": "for a rollback, the revision it restored (null otherwise)"},
    )


class AuditQuerySchema(Schema):
    """Which changes to show: a page of them, of one entry, author or action."""

    limit = fields.Integer(
        load_default=100,
        validate=validate.Range(min=1, max=1000),
        metadata={"description": "at most this many"},
    )
    offset = fields.Integer(
        load_default=0,
        validate=validate.Range(min=0, max=2**31),
        metadata={"description": "skip this many first"},
    )
    entry = fields.String(load_default=None, metadata={"description": "only this entry's changes"})
    author = fields.String(load_default=None, metadata={"description": "only changes by this key name"})
    action = fields.String(
        load_default=None,
        validate=validate.OneOf(["create", "update", "delete", "rollback", "import"]),
        metadata={"description": "only this kind of change"},
    )


class AuditLogSchema(Schema):
    """Changes of the bank, newest first, a page at a time."""

    changes = fields.List(fields.Nested(ChangeSchema), required=True)
    total = fields.Integer(required=True, metadata={"description": "how many changes match in all"})
    offset = fields.Integer(required=True)
    limit = fields.Integer(required=True)


blp = Blueprint("phrasebank", __name__, url_prefix="/v1/phrasebank", description="The live phrase bank.")

_ETAG = etag_doc("entry")
_IF_MATCH = if_match_doc("entry")
_ENTRY_BODY = body_doc(EntrySchema)

Tagged = tuple[Entry, dict[str, str]]


def _if_match() -> str:
    return if_match("entry", "/v1/phrasebank/entries/<id>")


def _tagged(stored: StoredEntry) -> Tagged:
    return stored.entry, {"ETag": stored.etag}


@blp.route("/entries", methods=["GET"])
@requires("agent")
@blp.arguments(EntriesQuerySchema, location="query")
@blp.response(200, EntriesSchema)
def entries(query: dict[str, str]) -> dict[str, Any]:
    """List the entries in service (or, with `state`, the disabled ones or all), with the bank revision."""
    bank = current_engine(fresh=True).bank
    if query["state"] == "enabled":
        return {"revision": bank.revision, "entries": bank.entries}
    stored = [s.entry for s in current_store().snapshot().entries]
    listed = [e for e in stored if query["state"] == "all" or not e.enabled]
    return {"revision": bank.revision, "entries": listed}


@blp.route("/entries", methods=["POST"])
@requires("lead")
@blp.arguments(RawBodySchema)
@blp.doc(**_ENTRY_BODY)
@blp.response(201, EntrySchema, headers=_ETAG)
def create(body: dict[str, Any]) -> tuple[Entry, int, dict[str, str]]:
    """Add an entry; it is validated and its examples run against the whole bank before it goes live."""
    entry, headers = _tagged(current_store().create(body, author()))
    return entry, 201, {**headers, "Location": f"/v1/phrasebank/entries/{entry.id}"}


@blp.route("/entries/<entry_id>", methods=["GET"])
@requires("agent")
@blp.response(200, EntrySchema, headers=_ETAG)
def entry(entry_id: str) -> Tagged:
    """Show one entry of the phrase bank, with its ETag."""
    return _tagged(current_store().get(entry_id))


@blp.route("/entries/<entry_id>", methods=["PUT"])
@requires("lead")
@blp.doc(**_IF_MATCH, **_ENTRY_BODY)
@blp.arguments(RawBodySchema)
@blp.response(200, EntrySchema, headers=_ETAG)
def replace(body: dict[str, Any], entry_id: str) -> Tagged:
    """Replace an entry (If-Match: its current ETag), validated like the bank loader validates."""
    return _tagged(current_store().update(entry_id, body, _if_match(), author()))


@blp.route("/entries/<entry_id>", methods=["DELETE"])
@requires("lead")
@blp.doc(**_IF_MATCH)
@blp.response(204)
def remove(entry_id: str) -> None:
    """Delete an entry (If-Match: its current ETag); its history stays."""
    current_store().delete(entry_id, _if_match(), author())


@blp.route("/entries/<entry_id>/history", methods=["GET"])
@requires("agent")
@blp.response(200, HistorySchema)
def history(entry_id: str) -> dict[str, Any]:
    """Every version of an entry, oldest first."""
    return {"revisions": current_store().history(entry_id)}


@blp.route("/entries/<entry_id>/rollback", methods=["POST"])
@requires("lead")
@blp.doc(**_IF_MATCH)
@blp.arguments(RollbackRequestSchema)
@blp.response(200, EntrySchema, headers=_ETAG)
def rollback(body: dict[str, Any], entry_id: str) -> Tagged:
    """Restore an earlier revision of an entry as its newest one (If-Match: its current ETag)."""
    return _tagged(current_store().rollback(entry_id, body["revision"], _if_match(), author()))


@blp.route("/audit", methods=["GET"])
@requires("lead")
@blp.arguments(AuditQuerySchema, location="query")
@blp.response(200, AuditLogSchema)
def audit(query: dict[str, Any]) -> dict[str, Any]:
    """Changes of the bank, newest first: who changed which entry, when and how (a page at a time, filtered
    by entry, author or action)."""
    changes, total = current_store().audit_log(
        limit=query["limit"],
        offset=query["offset"],
        entry_id=query["entry"],
        author=query["author"],
        action=query["action"],
    )
    return {"changes": changes, "total": total, "offset": query["offset"], "limit": query["limit"]}

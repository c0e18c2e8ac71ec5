"""/v1/phrasebank: the live phrase bank; agents read it, leads change it (validated, versioned, audited)."""

from __future__ import annotations

from typing import Any

from replycoach.bank.model import Entry
from replycoach.store.bank import StoredEntry
from replycoach.web.auth import requires
from replycoach.web.blueprint import Blueprint
from replycoach.web.live import current_engine, current_store
from replycoach.web.resources.curation import author, if_match, preview, validate
from replycoach.web.resources.schemas import (
    AuditLogSchema,
    EntriesQuerySchema,
    EntriesSchema,
    EntryBodySchema,
    EntrySchema,
    HistorySchema,
    PreviewRequestSchema,
    PreviewSchema,
    RollbackRequestSchema,
    ValidateRequestSchema,
    ValidationSchema,
)

blp = Blueprint("phrasebank", __name__, url_prefix="/v1/phrasebank", description="The live phrase bank.")

_ETAG = {
    "ETag": {
        "description": "the entry's version; send it as If-Match to change it",
        "schema": {"type": "string"},
    }
}
_IF_MATCH = {
    "parameters": [
        {
            "in": "header",
            "name": "If-Match",
            "required": True,
            "schema": {"type": "string"},
            "description": "the entry's current ETag (412 if stale, 428 if missing)",
        }
    ]
}

Tagged = tuple[Entry, dict[str, str]]


def _tagged(stored: StoredEntry) -> Tagged:
    return stored.entry, {"ETag": stored.etag}


@blp.route("/entries", methods=["GET"])
@requires("agent")
@blp.arguments(EntriesQuerySchema, location="query")
@blp.response(200, EntriesSchema)
def entries(query: dict[str, str]) -> dict[str, Any]:
    """List the entries in service (or, with `state`, the disabled ones or all), with the bank revision."""
    bank = current_engine().bank
    if query["state"] == "enabled":
        return {"revision": bank.revision, "entries": bank.entries}
    stored = [s.entry for s in current_store().snapshot().entries]
    listed = [e for e in stored if query["state"] == "all" or not e.enabled]
    return {"revision": bank.revision, "entries": listed}


@blp.route("/entries", methods=["POST"])
@requires("lead")
@blp.arguments(EntryBodySchema)
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
@blp.doc(**_IF_MATCH)
@blp.arguments(EntryBodySchema)
@blp.response(200, EntrySchema, headers=_ETAG)
def replace(body: dict[str, Any], entry_id: str) -> Tagged:
    """Replace an entry (If-Match: its current ETag), validated like the bank loader validates."""
    return _tagged(current_store().update(entry_id, body, if_match(), author()))


@blp.route("/entries/<entry_id>", methods=["DELETE"])
@requires("lead")
@blp.doc(**_IF_MATCH)
@blp.response(204)
def remove(entry_id: str) -> None:
    """Delete an entry (If-Match: its current ETag); its history stays."""
    current_store().delete(entry_id, if_match(), author())


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
    return _tagged(current_store().rollback(entry_id, body["revision"], if_match(), author()))


@blp.route("/audit", methods=["GET"])
@requires("lead")
@blp.response(200, AuditLogSchema)
def audit() -> dict[str, Any]:
    """Every change of the bank, newest first: who changed which entry, when and how."""
    return {"changes": current_store().audit_log()}


@blp.route("/validate", methods=["POST"])
@requires("lead")
@blp.arguments(ValidateRequestSchema)
@blp.response(200, ValidationSchema)
def validate_entry(body: dict[str, Any]) -> dict[str, Any]:
    """Check a candidate entry as a save would, without saving it; run its examples."""
    return validate(body["entry"])


@blp.route("/preview", methods=["POST"])
@requires("lead")
@blp.arguments(PreviewRequestSchema)
@blp.response(200, PreviewSchema)
def preview_entry(body: dict[str, Any]) -> dict[str, Any]:
    """Show where a candidate entry would flag the given texts, or the stored sample replies."""
    return preview(body["entry"], body["texts"])

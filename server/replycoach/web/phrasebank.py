"""GET /v1/phrasebank/entries[/<id>]: the live phrase bank, read-only."""

from __future__ import annotations

from typing import Any

from ..bank.model import Entry
from .auth import requires
from .blueprint import Blueprint
from .coach import current_engine
from .errors import ApiError
from .schemas import EntriesSchema, EntrySchema

blp = Blueprint("phrasebank", __name__, url_prefix="/v1/phrasebank", description="The live phrase bank.")


@blp.route("/entries", methods=["GET"])
@requires("agent")
@blp.response(200, EntriesSchema)
def entries() -> dict[str, Any]:
    """List every entry of the phrase bank in service, with the bank's revision."""
    bank = current_engine().bank
    return {"revision": bank.revision, "entries": bank.entries}


@blp.route("/entries/<entry_id>", methods=["GET"])
@requires("agent")
@blp.response(200, EntrySchema)
def entry(entry_id: str) -> Entry:
    """Show one entry of the phrase bank in service."""
    found = current_engine().bank.by_id.get(entry_id)
    if found is None:
        raise ApiError(404, "not_found", f"No phrase bank entry has the id {entry_id!r}.")
    return found

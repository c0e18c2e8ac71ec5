"""GET /health: whether the service is up, which phrase bank it runs, and the grammar backend's state."""

from __future__ import annotations

from typing import Any

from replycoach import __version__
from replycoach.web.blueprint import Blueprint
from replycoach.web.grammar import current_grammar
from replycoach.web.live import curated_update, current_engine
from replycoach.web.resources.schemas import HealthSchema

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

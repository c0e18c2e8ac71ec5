"""POST /v1/analyze, /v1/analyze/batch and /v1/rewrite: the engine over HTTP."""

from __future__ import annotations

from typing import Any

from replycoach.grammar import with_grammar
from replycoach.web.auth import requires
from replycoach.web.blueprint import Blueprint
from replycoach.web.grammar import grammar_pass
from replycoach.web.live import analyze_batch, current_engine
from replycoach.web.resources.schemas import (
    AnalysisSchema,
    AnalyzeRequestSchema,
    BatchRequestSchema,
    BatchResponseSchema,
    RewriteRequestSchema,
    RewriteResponseSchema,
)

blp = Blueprint("drafts", __name__, url_prefix="/v1", description="Analyze and rewrite draft replies.")


@blp.route("/analyze", methods=["POST"])
@requires("agent")
@blp.arguments(AnalyzeRequestSchema)
@blp.response(200, AnalysisSchema)
def analyze(body: dict[str, Any]) -> dict[str, Any]:
    """Flag cold phrasing in a draft, with reasons and warmer rewrites, and grammar when asked."""
    analysis = current_engine().analyze(body["text"], body["customer_message"])
    [grammar] = grammar_pass([body["text"]], body["grammar"])
    return with_grammar(analysis, grammar)


@blp.route("/analyze/batch", methods=["POST"])
@requires("agent")
@blp.arguments(BatchRequestSchema)
@blp.response(200, BatchResponseSchema)
def analyze_many(body: dict[str, Any]) -> dict[str, Any]:
    """Analyze up to 100 drafts in one call; results come back in the order sent."""
    analyses = analyze_batch(body["drafts"])
    grammar = grammar_pass([draft["text"] for draft in body["drafts"]], body["grammar"])
    return {"results": [with_grammar(a, g) for a, g in zip(analyses, grammar, strict=True)]}


@blp.route("/rewrite", methods=["POST"])
@requires("agent")
@blp.arguments(RewriteRequestSchema)
@blp.response(200, RewriteResponseSchema)
def rewrite(body: dict[str, Any]) -> dict[str, Any]:
    """Apply the top suggestion of the chosen flags ("all" or a list of flag ids) to a draft."""
    result = current_engine().rewrite(body["text"], body["apply"], body["customer_message"])
    return result.to_dict()

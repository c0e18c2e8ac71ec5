"""POST /v1/analyze, /v1/analyze/batch and /v1/rewrite: the engine over HTTP."""

from __future__ import annotations

from typing import Any

from flask import Response
from marshmallow import Schema, ValidationError, fields, validate

from replycoach.bank.model import SEVERITIES
from replycoach.errors import UnknownFlagError
from replycoach.grammar import BACKENDS, RULE_PREFIX, STATUSES, with_grammar
from replycoach.web.auth import requires
from replycoach.web.blueprint import Blueprint, as_json
from replycoach.web.grammar import grammar_pass
from replycoach.web.insights import recorder
from replycoach.web.live import analyze_batch, current_engine

MAX_BATCH = 100

_TEXT = "the draft reply, as the agent wrote it"
_CUSTOMER = "the customer's message the draft answers; it sets the context some entries need"


class DraftSchema(Schema):
    """One draft to analyze."""

    text = fields.String(required=True, metadata={"description": _TEXT})
    customer_message = fields.String(load_default=None, allow_none=True, metadata={"description": _CUSTOMER})


class StrictBoolean(fields.Boolean):
    """A JSON true or false; not 1, 0 or "yes", which marshmallow's Boolean would take."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


_GRAMMAR = "also check grammar with LanguageTool; absent or null: yes when the service has a grammar backend"


class AnalyzeRequestSchema(DraftSchema):
    """POST /v1/analyze: a draft, and whether to run the grammar pass."""

    grammar = StrictBoolean(load_default=None, allow_none=True, metadata={"description": _GRAMMAR})


class ApplyField(fields.Field):  # type: ignore[type-arg]
    """`"all"`, or a list of flag ids."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if value == "all":
            return "all"
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return value
        raise ValidationError('Must be "all" or a list of flag ids (strings).')


class RewriteRequestSchema(DraftSchema):
    """POST /v1/rewrite: a draft and which flags' top suggestions to apply."""

    apply = ApplyField(
        required=True,
        metadata={
            "description": '"all", or the ids of the flags to apply (from /v1/analyze of the same text)',
            "oneOf": [
                {"type": "string", "enum": ["all"]},
                {"type": "array", "items": {"type": "string"}},
            ],
        },
    )


class BatchRequestSchema(Schema):
    """POST /v1/analyze/batch: up to 100 drafts."""

    drafts = fields.List(
        fields.Nested(DraftSchema),
        required=True,
        validate=validate.Length(min=1, max=MAX_BATCH),
        metadata={"description": f"1 to {MAX_BATCH} drafts; results come back in the same order"},
    )
    grammar = StrictBoolean(load_default=None, allow_none=True, metadata={"description": _GRAMMAR})


class SuggestionSchema(Schema):
    """A warmer wording and the span of the draft it replaces."""

    text = fields.String(required=True)
    start = fields.Integer(required=True, metadata={"description": "offset in code points"})
    end = fields.Integer(required=True)
    start_utf16 = fields.Integer(required=True, metadata={"description": "offset in UTF-16 code units"})
    end_utf16 = fields.Integer(required=True)
    scope = fields.String(required=True, validate=validate.OneOf(["phrase", "sentence", "insert"]))


class FlagSchema(Schema):
    """A phrase that reads cold, why, and how to warm it up."""

    id = fields.String(
        required=True, metadata={"description": "<rule_id>@<start>; a bank flag's id can go to /v1/rewrite"}
    )
    rule_id = fields.String(
        required=True,
        metadata={"description": f"the bank entry's id, or {RULE_PREFIX}<LanguageTool rule id> for grammar"},
    )
    category = fields.String(
        required=True, metadata={"description": "the bank entry's category, or grammar for LanguageTool's"}
    )
    severity = fields.String(required=True, validate=validate.OneOf(SEVERITIES))
    text = fields.String(required=True, metadata={"description": "the matched text, as in the draft"})
    start = fields.Integer(required=True, metadata={"description": "offset in code points"})
    end = fields.Integer(required=True)
    start_utf16 = fields.Integer(required=True, metadata={"description": "offset in UTF-16 code units"})
    end_utf16 = fields.Integer(required=True)
    message = fields.String(required=True)
    why = fields.String(required=True)
    suggestions = fields.List(fields.Nested(SuggestionSchema), required=True)


class CustomerToneSchema(Schema):
    """The customer's mood as read from their message (all null without one)."""

    mood = fields.String(
        required=True, allow_none=True, validate=validate.OneOf(["upset", "neutral", "positive"])
    )
    polarity = fields.Float(required=True, allow_none=True, metadata={"description": "-1 to 1 (TextBlob)"})
    reasons = fields.List(fields.String(), required=True, metadata={"description": "cues behind `upset`"})


class DraftToneSchema(Schema):
    """The draft's own sentiment."""

    polarity = fields.Float(required=True, metadata={"description": "-1 to 1 (TextBlob)"})


class ToneSchema(Schema):
    """How the customer's message and the draft read."""

    customer = fields.Nested(CustomerToneSchema, required=True)
    draft = fields.Nested(DraftToneSchema, required=True)


class GrammarSchema(Schema):
    """Whether the grammar pass ran: ok, unavailable (LanguageTool down or slow: bank flags only), or off."""

    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    backend = fields.String(
        required=True,
        validate=validate.OneOf(BACKENDS),
        metadata={"description": "the service's grammar backend: a LanguageTool server's url, local, or off"},
    )


class AnalysisSchema(Schema):
    """The flags found in a draft, its score, the tone of the conversation, and the grammar pass."""

    flags = fields.List(fields.Nested(FlagSchema), required=True)
    truncated = fields.Boolean(
        required=True,
        metadata={"description": "true when the draft had more flags than the service returns (MAX_FLAGS)"},
    )
    score = fields.Integer(
        required=True, metadata={"description": "0 to 100; higher is warmer (grammar flags do not count)"}
    )
    tone = fields.Nested(ToneSchema, required=True)
    grammar = fields.Nested(GrammarSchema, required=True)


class BatchResponseSchema(Schema):
    """One analysis per draft, in the order sent."""

    results = fields.List(fields.Nested(AnalysisSchema), required=True)


class AppliedSchema(Schema):
    """A flag whose top suggestion was applied."""

    id = fields.String(required=True)
    rule_id = fields.String(required=True)
    from_ = fields.String(required=True, data_key="from", attribute="from")
    to = fields.String(required=True)


class SkippedSchema(Schema):
    """A chosen flag that was not applied, and why."""

    id = fields.String(required=True)
    reason = fields.String(required=True)


class RewriteResponseSchema(Schema):
    """The rewritten draft and what was applied or skipped."""

    text = fields.String(required=True)
    applied = fields.List(fields.Nested(AppliedSchema), required=True)
    skipped = fields.List(fields.Nested(SkippedSchema), required=True)


blp = Blueprint("drafts", __name__, url_prefix="/v1", description="Analyze and rewrite draft replies.")


@blp.route("/analyze", methods=["POST"])
@requires("agent")
@blp.arguments(AnalyzeRequestSchema())
@blp.response(200, AnalysisSchema)
def analyze(body: dict[str, Any]) -> Response:
    """Flag cold phrasing in a draft, with reasons and warmer rewrites, and grammar when asked."""
    analysis = current_engine().analyze(body["text"], body["customer_message"])
    recorder().analyses([analysis])
    [grammar] = grammar_pass([body["text"]], body["grammar"])
    return as_json(with_grammar(analysis, grammar))


@blp.route("/analyze/batch", methods=["POST"])
@requires("agent")
@blp.arguments(BatchRequestSchema())
@blp.response(200, BatchResponseSchema)
def analyze_many(body: dict[str, Any]) -> Response:
    """Analyze up to 100 drafts in one call; results come back in the order sent."""
    analyses = analyze_batch(body["drafts"])
    recorder().analyses(analyses)
    grammar = grammar_pass([draft["text"] for draft in body["drafts"]], body["grammar"])
    return as_json({"results": [with_grammar(a, g) for a, g in zip(analyses, grammar, strict=True)]})


@blp.route("/rewrite", methods=["POST"])
@requires("agent")
@blp.arguments(RewriteRequestSchema())
@blp.response(200, RewriteResponseSchema)
def rewrite(body: dict[str, Any]) -> Response:
    """Apply the top suggestion of the chosen flags ("all" or a list of flag ids) to a draft."""
    args = (body["text"], body["apply"], body["customer_message"])
    try:
        result = current_engine().rewrite(*args)
    except UnknownFlagError:
        # The flags may come from the other worker, already serving a bank a lead has just changed.
        result = current_engine(fresh=True).rewrite(*args)
    return as_json(result.to_dict())

"""Request and response schemas of API v1; the OpenAPI document is generated from these."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, post_dump, pre_dump, validate

from ..bank.model import Entry
from ..grammar import BACKENDS, RULE_PREFIX, STATUSES

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
    severity = fields.String(required=True, validate=validate.OneOf(["warning", "suggestion"]))
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


class RewriteTemplateSchema(Schema):
    """One warmer wording of an entry: a template with {slot}s and what it replaces."""

    text = fields.String(required=True)
    scope = fields.String(required=True, validate=validate.OneOf(["phrase", "sentence", "insert"]))


class ConditionSchema(Schema):
    """When an entry applies."""

    customer_mood = fields.List(fields.String(), required=True)


class ExampleSchema(Schema):
    """A draft the entry must flag (at `flagged`) or must leave alone."""

    text = fields.String(required=True)
    flagged = fields.String(metadata={"description": "the text flagged (flag examples only)"})
    customer = fields.String(metadata={"description": "the customer's message, when the example needs one"})

    @post_dump
    def _drop_empty(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        return {key: value for key, value in data.items() if value is not None}


class ExamplesSchema(Schema):
    """An entry's examples."""

    flag = fields.List(fields.Nested(ExampleSchema), required=True)
    pass_ = fields.List(fields.Nested(ExampleSchema), required=True, data_key="pass", attribute="pass")


class EntrySchema(Schema):
    """A phrase bank entry."""

    id = fields.String(required=True)
    category = fields.String(required=True)
    severity = fields.String(required=True, validate=validate.OneOf(["warning", "suggestion"]))
    patterns = fields.List(fields.String(), required=True)
    unless = fields.List(fields.String(), required=True)
    when = fields.Nested(ConditionSchema, required=True, allow_none=True)
    message = fields.String(required=True)
    why = fields.String(required=True)
    rewrites = fields.List(fields.Nested(RewriteTemplateSchema), required=True)
    examples = fields.Nested(ExamplesSchema, required=True)

    @pre_dump
    def _from_entry(self, entry: Entry, **kwargs: Any) -> dict[str, Any]:
        return {
            "id": entry.id,
            "category": entry.category,
            "severity": entry.severity,
            "patterns": entry.patterns,
            "unless": entry.unless,
            "when": entry.when,
            "message": entry.message,
            "why": entry.why,
            "rewrites": entry.rewrites,
            "examples": {"flag": entry.flag_examples, "pass": entry.pass_examples},
        }


class EntriesSchema(Schema):
    """The live phrase bank."""

    revision = fields.String(required=True, metadata={"description": "changes whenever any entry does"})
    entries = fields.List(fields.Nested(EntrySchema), required=True)


class BankStatusSchema(Schema):
    """The phrase bank in service."""

    entries = fields.Integer(required=True)
    revision = fields.String(required=True)


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

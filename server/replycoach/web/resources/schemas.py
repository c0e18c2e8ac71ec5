"""Request and response schemas of API v1; the OpenAPI document is generated from these."""

from __future__ import annotations

from typing import Any

from marshmallow import INCLUDE, Schema, ValidationError, fields, post_dump, pre_dump, validate

from replycoach.bank.model import Entry
from replycoach.grammar import BACKENDS, RULE_PREFIX, STATUSES

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
    """When an entry applies: the customer's moods, the slot naming what they already tried, or both."""

    customer_mood = fields.List(fields.String(), metadata={"description": "absent: any mood"})
    customer_tried = fields.String(
        metadata={"description": "the slot naming an action the customer must say they already tried"}
    )

    @post_dump
    def _drop_empty(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        return {key: value for key, value in data.items() if value}


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
    enabled = fields.Boolean(
        required=True, metadata={"description": "false: kept in the bank (and its history) but never flags"}
    )
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
            "enabled": entry.enabled,
            "patterns": entry.patterns,
            "unless": entry.unless,
            "when": entry.when,
            "message": entry.message,
            "why": entry.why,
            "rewrites": entry.rewrites,
            "examples": {"flag": entry.flag_examples, "pass": entry.pass_examples},
        }


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


_ANY = "validated as the bank loader validates it (see the bank file format)"


def _documented(kind: dict[str, Any], description: str = "") -> fields.Raw:
    """A field taken as sent (the bank loader validates it), documented with the type the loader wants."""
    nullable = bool(kind.get("nullable"))
    metadata = {key: value for key, value in kind.items() if key != "nullable"}
    if description:
        metadata["description"] = description
    return fields.Raw(allow_none=nullable, metadata=metadata)


_STRINGS = {"type": "array", "items": {"type": "string"}}
_OBJECT = {"type": "object"}
_STRING = {"type": "string"}


class EntryBodySchema(Schema):
    """A new or changed entry, in the bank file format; the bank loader validates it, exactly as in a file."""

    class Meta:
        unknown = INCLUDE

    id = _documented(_STRING, "category.name, e.g. dismissive.calm-down")
    category = _documented(_STRING, "one of the bank's categories")
    severity = _documented({"type": "string", "enum": ["warning", "suggestion"]})
    enabled = _documented({"type": "boolean"}, "false keeps the entry but stops it flagging (default true)")
    patterns = _documented(_STRINGS, "RE2 patterns, at least one")
    unless = _documented(_STRINGS, "RE2 exceptions (optional)")
    when = _documented({**_OBJECT, "nullable": True}, "{customer_mood?, customer_tried?} (optional)")
    message = _documented(_STRING, "one line")
    why = _documented(_STRING)
    rewrites = _documented({"type": "array", "items": _OBJECT}, "at least 2 of {text, scope}")
    examples = _documented(_OBJECT, "{flag: [...], pass: [...]}, at least 2 of each")


class RollbackRequestSchema(Schema):
    """Which earlier revision of the entry to restore."""

    revision = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))


class RevisionSchema(Schema):
    """One recorded version of an entry."""

    revision = fields.Integer(required=True, metadata={"description": "the entry's own revision counter"})
    author = fields.String(required=True, metadata={"description": "the name of the key that made it"})
    at = fields.DateTime(required=True)
    action = fields.String(
        required=True, validate=validate.OneOf(["create", "update", "delete", "rollback", "import"])
    )
    entry = fields.Nested(EntrySchema, required=True, metadata={"description": "the entry as of then"})


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


class AuditLogSchema(Schema):
    """Every change of the bank, newest first."""

    changes = fields.List(fields.Nested(ChangeSchema), required=True)


MAX_PREVIEW_TEXTS = 1000


class PreviewRequestSchema(Schema):
    """A candidate entry, and the replies to try it on (default: the stored sample replies)."""

    entry = fields.Dict(required=True, metadata={"description": _ANY})
    texts = fields.List(
        fields.String(),
        load_default=None,
        validate=validate.Length(max=MAX_PREVIEW_TEXTS),
        metadata={"description": f"up to {MAX_PREVIEW_TEXTS} replies; absent: the stored samples"},
    )


class SpanSchema(Schema):
    """Where the candidate entry flags a text."""

    start = fields.Integer(required=True, metadata={"description": "offset in code points"})
    end = fields.Integer(required=True)
    text = fields.String(required=True)


class PreviewMatchSchema(Schema):
    """A text the candidate entry flags."""

    index = fields.Integer(required=True, metadata={"description": "its place among the texts tried"})
    text = fields.String(required=True)
    spans = fields.List(fields.Nested(SpanSchema), required=True)


class PreviewSchema(Schema):
    """How a candidate entry would fire: one match per text it flags."""

    sample_size = fields.Integer(required=True, metadata={"description": "how many texts were tried"})
    matches = fields.List(fields.Nested(PreviewMatchSchema), required=True)


class ValidateRequestSchema(Schema):
    """A candidate entry to check without saving it."""

    entry = fields.Dict(required=True, metadata={"description": _ANY})


class ProblemSchema(Schema):
    """One thing a save would refuse: which entry, which field, what to change."""

    entry = fields.String(required=True)
    field = fields.String(required=True, metadata={"description": "e.g. patterns[0], examples.flag[1]"})
    message = fields.String(required=True)


class ExampleResultSchema(Schema):
    """How one of the candidate's examples fared."""

    kind = fields.String(required=True, validate=validate.OneOf(["flag", "pass"]))
    index = fields.Integer(required=True, metadata={"description": "its place in examples.flag or .pass"})
    text = fields.String(required=True)
    flagged = fields.String(required=True, allow_none=True)
    customer = fields.String(required=True, allow_none=True)
    ok = fields.Boolean(required=True)
    detail = fields.String(required=True, metadata={"description": "what went wrong; empty when ok"})


class ValidationSchema(Schema):
    """Whether a save of the candidate would be accepted, and its examples run."""

    valid = fields.Boolean(required=True)
    problems = fields.List(fields.Nested(ProblemSchema), required=True)
    examples = fields.List(
        fields.Nested(ExampleResultSchema),
        required=True,
        metadata={"description": "empty when the entry's fields or patterns are invalid"},
    )


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

"""POST /v1/phrasebank/explain: why the live bank's entries flag a draft, stay quiet on it, or nearly match it
(what `replycoach bank explain` prints, for a lead tuning the bank); or why a candidate entry, not saved yet,
would (the admin page's "Try a sentence")."""

from __future__ import annotations

from typing import Any

from flask import Response
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from replycoach.engine.explain import MAX_NEAR_MISSES, STATUSES, explain
from replycoach.web.auth import requires
from replycoach.web.blueprint import Blueprint, as_json
from replycoach.web.errors import ErrorSchema
from replycoach.web.live import current_engine
from replycoach.web.resources.checks import candidate_bank
from replycoach.web.resources.drafts import CustomerToneSchema

_OFFSET = "offset in the draft, in code points"


_BOTH = "Give entry (a candidate entry) or entry_id (a saved entry's id), not both."


class ExplainRequestSchema(Schema):
    """A draft to explain, with the customer's message it answers, for the whole bank, one entry of it, or a
    candidate entry in the bank with it."""

    text = fields.String(required=True, metadata={"description": "the draft reply, as the agent wrote it"})
    customer_message = fields.String(
        load_default=None,
        allow_none=True,
        metadata={"description": "the customer's message the draft answers (entries with a `when` need it)"},
    )
    entry_id = fields.String(
        load_default=None,
        allow_none=True,
        metadata={
            "description": "explain this entry of the bank alone, whatever it does (absent, and no `entry`: "
            "every entry)"
        },
    )
    entry = fields.Dict(
        load_default=None,
        allow_none=True,
        metadata={
            "description": "a candidate entry, as POST /v1/phrasebank/validate and /preview take it (the "
            "bank file format): explain it alone (its id is the `entry_id`) in the bank with it in place of "
            "the saved entry of that id, so unsaved edits show; a disabled candidate is explained as if it "
            "were enabled. One that does not validate is 422 `invalid_entry` with every problem, as /preview "
            "answers. Not with `entry_id`."
        },
    )

    @validates_schema
    def _one_entry(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("entry") is not None and data.get("entry_id") is not None:
            raise ValidationError({"entry": [_BOTH], "entry_id": [_BOTH]})


class ExplainTokenSchema(Schema):
    """One token of the canonical view, with its lemma."""

    text = fields.String(required=True, metadata={"description": 'as the canonical text writes it ("not")'})
    lemma = fields.String(required=True)
    start = fields.Integer(required=True, metadata={"description": _OFFSET})
    end = fields.Integer(required=True)


class ExplainStretchSchema(Schema):
    """A stretch of the draft."""

    text = fields.String(required=True, metadata={"description": "as in the draft"})
    start = fields.Integer(required=True, metadata={"description": _OFFSET})
    end = fields.Integer(required=True)


class QuietReasonSchema(Schema):
    """What kept a match quiet."""

    kind = fields.String(
        required=True, validate=validate.OneOf(["unless", "when", "voice", "quiet_when", "overlap"])
    )
    label = fields.String(
        required=True,
        metadata={
            "description": 'which: "unless[2]", "when: customer mood", "when: customer tried", '
            '"voice: quoted or reported speech", "quiet_when: question", "overlap: <entry id> won"'
        },
    )
    pattern = fields.String(
        required=True, allow_none=True, metadata={"description": "the `unless` exception's pattern"}
    )
    text = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "what the exception matched, or the match that won the overlap"},
    )
    start = fields.Integer(required=True, allow_none=True, metadata={"description": _OFFSET})
    end = fields.Integer(required=True, allow_none=True)
    detail = fields.String(required=True, allow_none=True)


class ExplainedMatchSchema(ExplainStretchSchema):
    """One match of a pattern, before the entry's exceptions and the context checks."""

    slots = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        required=True,
        metadata={"description": "what each slot captured, as draft text"},
    )
    stands = fields.Boolean(required=True, metadata={"description": "true: the engine flags it"})
    quiet = fields.List(
        fields.Nested(QuietReasonSchema),
        required=True,
        metadata={"description": "every reason it stays quiet, in the order the engine applies them"},
    )


class NearMissSchema(Schema):
    """The longest run of a phrase pattern's leading parts, or of its trailing parts, (two at least) that
    matched."""

    parts_matched = fields.Integer(required=True)
    parts = fields.Integer(required=True, metadata={"description": "the parts of that alternative in all"})
    matched_parts = fields.String(
        required=True, metadata={"description": "the parts that matched, as written"}
    )
    matched = fields.String(
        required=True, metadata={"description": "what they matched, in the text the pattern runs over"}
    )
    start = fields.Integer(required=True, metadata={"description": _OFFSET})
    end = fields.Integer(required=True)
    next_part = fields.String(
        required=True, metadata={"description": "the part that did not match, next to those that did"}
    )
    at = fields.String(
        required=True, metadata={"description": "the words it met (empty: the draft ended or began there)"}
    )
    side = fields.String(
        required=True,
        validate=validate.OneOf(["after", "before"]),
        metadata={
            "description": "after: the part after the matched ones did not match; before: the one before"
        },
    )


class ExplainedPatternSchema(Schema):
    """One pattern of an entry on the draft."""

    index = fields.Integer(required=True, metadata={"description": "its place in the entry's patterns"})
    pattern = fields.String(required=True)
    view = fields.String(
        required=True,
        validate=validate.OneOf(["core", "canonical", "surface"]),
        metadata={"description": "the text it runs over (surface: RE2 from before the phrase language)"},
    )
    matched = fields.Boolean(required=True)
    matches = fields.List(fields.Nested(ExplainedMatchSchema), required=True)
    near_miss = fields.Nested(NearMissSchema, required=True, allow_none=True)


class ExplainedEntrySchema(Schema):
    """One entry on the draft: it flags, stays quiet, nearly matches, or (asked about alone) matches not."""

    id = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    flagged = fields.List(fields.Nested(ExplainStretchSchema), required=True)
    patterns = fields.List(fields.Nested(ExplainedPatternSchema), required=True)


class ExplanationSchema(Schema):
    """The draft as the patterns read it, and the entries that flag it, stay quiet or nearly match."""

    text = fields.String(required=True)
    canonical = fields.String(required=True, metadata={"description": 'contractions as words ("can not")'})
    core = fields.String(
        required=True, metadata={"description": "the canonical text without skippable words"}
    )
    tokens = fields.List(fields.Nested(ExplainTokenSchema), required=True)
    customer = fields.Nested(CustomerToneSchema, required=True)
    entries = fields.List(
        fields.Nested(ExplainedEntrySchema),
        required=True,
        metadata={
            "description": "entries that flag or stay quiet, in draft order, then at most "
            f"{MAX_NEAR_MISSES} near misses, the furthest first (or the one entry asked about)"
        },
    )


blp = Blueprint(
    "phrasebank_explain",
    __name__,
    url_prefix="/v1/phrasebank",
    description="Why entries flag a draft or stay quiet on it.",
)


@blp.route("/explain", methods=["POST"])
@requires("lead")
@blp.arguments(ExplainRequestSchema)
@blp.response(200, ExplanationSchema)
@blp.alt_response(404, schema=ErrorSchema, description="`not_found`: no entry in service has `entry_id`")
def explain_draft(body: dict[str, Any]) -> Response:
    """Why the bank in service flags a draft or stays quiet on it (its exceptions, the customer, quoted
    speech, context checks, overlaps), and which entries nearly match it; or, with `entry`, why a candidate
    entry in the bank with it would."""
    # The bank in the database now: a lead explains the entry they have just changed.
    engine = current_engine(fresh=True)
    for field in ("text", "customer_message"):
        engine.check_input(field, body[field] or "")
    bank, entry_id = engine.bank, body["entry_id"]
    if body["entry"] is not None:
        # As /preview builds it: the candidate in place of the saved entry with its id (nothing is saved).
        entry, bank = candidate_bank(body["entry"], enabled=True)
        entry_id = entry.id
    explanation = explain(bank, body["text"], body["customer_message"], entry_id)
    return as_json(explanation.to_dict())

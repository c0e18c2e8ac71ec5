"""POST /v1/events, GET /v1/insights and its charts: which rules fire, and what agents do with their flags.

Only counts are kept, per day and rule id: never a draft's text, never a draft id (see store/insights.py).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Response
from marshmallow import Schema, fields, validate

from replycoach.engine.compiled import Bank
from replycoach.engine.structure import ACKNOWLEDGE_RULE, NEXT_STEP_RULE
from replycoach.store.insights import ACTIONS, Report
from replycoach.web.auth import requires
from replycoach.web.blueprint import Blueprint, invalid_request
from replycoach.web.charts import CHARTS, RENDER
from replycoach.web.insights import recorder
from replycoach.web.live import current_engine

MAX_EVENTS = 100
MAX_DAYS = 366
# Rules that flag without being entries of the bank: the structure checks.
BUILT_IN_RULES = frozenset({ACKNOWLEDGE_RULE.id, NEXT_STEP_RULE.id})
# What a chart may do when opened on its own: draw, with its own styles; nothing else.
_SVG = {"image/svg+xml": {"schema": {"type": "string", "format": "binary"}}}
_SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"


class EventSchema(Schema):
    """What an agent did with one flag."""

    rule_id = fields.String(
        required=True,
        validate=validate.Length(min=1, max=200),
        metadata={"description": "the flag's rule_id, a rule of the bank in service"},
    )
    action = fields.String(
        required=True,
        validate=validate.OneOf(ACTIONS),
        metadata={"description": "applied a rewrite, dismissed the flag, or muted the rule"},
    )


class EventsRequestSchema(Schema):
    """POST /v1/events: agents' actions on flags, batched."""

    events = fields.List(
        fields.Nested(EventSchema),
        required=True,
        validate=validate.Length(min=1, max=MAX_EVENTS),
        metadata={"description": f"1 to {MAX_EVENTS} actions"},
    )


class EventsResponseSchema(Schema):
    """How many actions were taken in."""

    accepted = fields.Integer(required=True)
    counted = fields.Boolean(
        required=True, metadata={"description": "false when the service counts nothing (INSIGHTS off)"}
    )


class InsightsQuerySchema(Schema):
    """Which days to report."""

    days = fields.Integer(
        load_default=30,
        validate=validate.Range(min=1, max=MAX_DAYS),
        metadata={"description": f"the last this many days (UTC), today included: 1 to {MAX_DAYS}"},
    )


class RuleInsightSchema(Schema):
    """One rule's counts over the days asked for."""

    rule_id = fields.String(required=True)
    in_bank = fields.Boolean(
        required=True,
        metadata={"description": "whether the rule is an entry of the bank now (the admin page can edit it)"},
    )
    fired = fields.Integer(required=True, metadata={"description": "flags it raised in analyzed drafts"})
    applied = fields.Integer(required=True, metadata={"description": "times an agent applied its rewrite"})
    dismissed = fields.Integer(required=True, metadata={"description": "times an agent dismissed its flag"})
    muted = fields.Integer(required=True, metadata={"description": "times an agent muted it"})


class DayInsightSchema(Schema):
    """One day's counts (UTC)."""

    date = fields.Date(required=True)
    analyzed = fields.Integer(required=True, metadata={"description": "drafts analyzed"})
    warnings = fields.Integer(required=True, metadata={"description": "drafts with at least one warning"})
    fired = fields.Integer(required=True, metadata={"description": "flags raised, all rules"})


class InsightsSchema(Schema):
    """Which rules fire and what agents do with their flags, over the last `days` days."""

    enabled = fields.Boolean(
        required=True, metadata={"description": "false when the service counts nothing (INSIGHTS off)"}
    )
    rules = fields.List(
        fields.Nested(RuleInsightSchema), required=True, metadata={"description": "by most fired"}
    )
    days = fields.List(
        fields.Nested(DayInsightSchema), required=True, metadata={"description": "every day, oldest first"}
    )


blp = Blueprint(
    "insights",
    __name__,
    url_prefix="/v1",
    description="Which rules fire and what agents do with their flags: counts per day, never text.",
)


@blp.route("/events", methods=["POST"])
@requires("agent")
@blp.arguments(EventsRequestSchema)
@blp.response(202, EventsResponseSchema)
def events(body: dict[str, Any]) -> dict[str, Any]:
    """Count what agents did with flags: applied a rewrite, dismissed a flag, or muted a rule."""
    sent = body["events"]
    unknown = _unknown_rules(current_engine().bank, sent)
    if unknown:
        # A rule a lead has just added may be one this worker has not polled for yet.
        unknown = _unknown_rules(current_engine(fresh=True).bank, sent)
    details = {
        f"events[{index}].rule_id": [f"No rule {sent[index]['rule_id']!r} in the phrase bank in service."]
        for index in unknown
    }
    if details:
        raise invalid_request(details)
    recorder().events((event["rule_id"], event["action"]) for event in sent)
    return {"accepted": len(sent), "counted": recorder().enabled}


def _unknown_rules(bank: Bank, events: list[dict[str, str]]) -> list[int]:
    """The places of the events whose rule is neither in the bank nor a built-in check."""
    return [
        index
        for index, event in enumerate(events)
        if event["rule_id"] not in bank.by_id and event["rule_id"] not in BUILT_IN_RULES
    ]


def _report(days: int) -> Report:
    # This worker's counts go in first; the other workers' arrive within INSIGHTS_FLUSH_SECONDS.
    recorder().flush()
    last = recorder().today()
    return recorder().store.report(last - timedelta(days=days - 1), last)


@blp.route("/insights", methods=["GET"])
@requires("lead")
@blp.arguments(InsightsQuerySchema, location="query")
@blp.response(200, InsightsSchema)
def insights(query: dict[str, Any]) -> dict[str, Any]:
    """Per rule, how often it fired and what agents did with its flags; per day, drafts analyzed and how
    many had a warning (the last `days` days, UTC)."""
    report = _report(query["days"])
    bank = current_engine(fresh=True).bank
    in_bank = {entry.id for entry in bank.all_entries}
    return {
        "enabled": recorder().enabled,
        "rules": [{**vars(rule), "in_bank": rule.rule_id in in_bank} for rule in report.rules],
        "days": [
            {"date": day.day, "analyzed": day.analyzed, "warnings": day.warnings, "fired": day.fired}
            for day in report.days
        ],
    }


@blp.route(f"/insights/charts/<any({', '.join(map(repr, CHARTS))}):name>.svg", methods=["GET"])
@requires("lead")
@blp.arguments(InsightsQuerySchema, location="query")
@blp.response(200, content_type="image/svg+xml")
@blp.doc(responses={"200": {"description": "the chart, an SVG image without script", "content": _SVG}})
def chart(query: dict[str, Any], name: str) -> Response:
    """One of the admin page's Insights charts (daily, top-rules or acceptance), drawn from the same counts
    as GET /v1/insights."""
    svg = RENDER[name](_report(query["days"]))
    response = Response(svg, mimetype="image/svg+xml")
    response.headers["Content-Security-Policy"] = _SVG_POLICY
    response.headers["Cache-Control"] = "no-store"
    return response

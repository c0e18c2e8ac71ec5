"""POST /v1/events and GET /v1/insights through the test client: exact counts, every refusal with its body,
INSIGHTS off, a failing write that loses nothing and fails no draft, and the charts."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from conftest import MakeApp
from flask import Flask
from flask.testing import FlaskClient
from replycoach.store.db import insight_days, insight_rules
from replycoach.web.insights import Recorder
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from .helpers import error

COLD = "Please calm down. You'll have to wait 24 hours."  # two warnings
MILD = "I'm sorry to hear that. The refund is on its way."  # one suggestion
FINE = "The refund is on its way."
SCHEMA = "The request body does not fit the schema: "


def _recorder(app: Flask) -> Recorder:
    recorder: Recorder = app.extensions["replycoach.insights"]
    return recorder


def _events(*pairs: tuple[str, str]) -> dict[str, Any]:
    return {"events": [{"rule_id": rule, "action": action} for rule, action in pairs]}


def _rows(app: Flask) -> tuple[list[Any], list[Any]]:
    with app.extensions["replycoach.db"].connect() as conn:
        days = [tuple(row) for row in conn.execute(select(insight_days))]
        rules = [tuple(row) for row in conn.execute(select(insight_rules).order_by(insight_rules.c.rule_id))]
    return days, rules


@pytest.fixture
def app(make_app: MakeApp) -> Flask:
    """A fresh app whose writer thread waits an hour: the tests write the counts themselves (flush)."""
    return make_app(INSIGHTS_FLUSH_SECONDS=3600)


def test_analyses_and_events_are_counted_per_rule_and_day(
    client: FlaskClient, auth: dict[str, str], lead: dict[str, str]
) -> None:
    for text in (COLD, COLD, MILD, FINE):
        assert client.post("/v1/analyze", json={"text": text}, headers=auth).status_code == 200
    batch = {"drafts": [{"text": COLD}, {"text": FINE}]}
    assert client.post("/v1/analyze/batch", json=batch, headers=auth).status_code == 200
    sent = _events(
        ("dismissive.calm-down", "applied"),
        ("dismissive.calm-down", "applied"),
        ("blame.have-to-wait", "dismissed"),
        ("blame.have-to-wait", "muted"),
        ("sympathy.sorry-to-hear", "dismissed"),
    )
    accepted = client.post("/v1/events", json=sent, headers=auth)
    assert (accepted.status_code, accepted.json) == (202, {"accepted": 5, "counted": True})

    report = client.get("/v1/insights?days=2", headers=lead)
    assert report.status_code == 200
    today = _recorder(client.application).today()
    assert report.json == {
        "enabled": True,
        "rules": [
            {
                "rule_id": "blame.have-to-wait",
                "in_bank": True,
                "fired": 3,
                "applied": 0,
                "dismissed": 1,
                "muted": 1,
            },
            {
                "rule_id": "dismissive.calm-down",
                "in_bank": True,
                "fired": 3,
                "applied": 2,
                "dismissed": 0,
                "muted": 0,
            },
            {
                "rule_id": "sympathy.sorry-to-hear",
                "in_bank": True,
                "fired": 1,
                "applied": 0,
                "dismissed": 1,
                "muted": 0,
            },
        ],
        "days": [
            {"date": (today - timedelta(days=1)).isoformat(), "analyzed": 0, "warnings": 0, "fired": 0},
            {"date": today.isoformat(), "analyzed": 6, "warnings": 3, "fired": 7},
        ],
    }


def test_counts_go_under_the_day_they_happened(
    app: Flask, client: FlaskClient, auth: dict[str, str], lead: dict[str, str]
) -> None:
    recorder = _recorder(app)
    days = iter([date(2026, 3, 1), date(2026, 3, 1), date(2026, 3, 3)])
    recorder.today = lambda: next(days)
    client.post("/v1/analyze", json={"text": COLD}, headers=auth)
    client.post("/v1/events", json=_events(("dismissive.calm-down", "muted")), headers=auth)
    client.post("/v1/analyze", json={"text": MILD}, headers=auth)
    recorder.today = lambda: date(2026, 3, 3)
    report = client.get("/v1/insights?days=3", headers=lead).json
    assert report["days"] == [
        {"date": "2026-03-01", "analyzed": 1, "warnings": 1, "fired": 2},
        {"date": "2026-03-02", "analyzed": 0, "warnings": 0, "fired": 0},
        {"date": "2026-03-03", "analyzed": 1, "warnings": 0, "fired": 1},
    ]
    # Ties on fires go to the rule agents acted on more, then by id.
    assert [(r["rule_id"], r["fired"], r["muted"]) for r in report["rules"]] == [
        ("dismissive.calm-down", 1, 1),
        ("blame.have-to-wait", 1, 0),
        ("sympathy.sorry-to-hear", 1, 0),
    ]
    # One day back: only the third.
    one = client.get("/v1/insights?days=1", headers=lead).json
    assert [d["date"] for d in one["days"]] == ["2026-03-03"]
    assert [(r["rule_id"], r["fired"]) for r in one["rules"]] == [("sympathy.sorry-to-hear", 1)]


def test_a_rule_no_longer_in_the_bank_is_reported_as_such(
    client: FlaskClient, auth: dict[str, str], lead: dict[str, str]
) -> None:
    client.post("/v1/analyze", json={"text": COLD}, headers=auth)
    etag = client.get("/v1/phrasebank/entries/dismissive.calm-down", headers=lead).headers["ETag"]
    deleted = client.delete("/v1/phrasebank/entries/dismissive.calm-down", headers={**lead, "If-Match": etag})
    assert deleted.status_code == 204
    rules = client.get("/v1/insights", headers=lead).json["rules"]
    assert [(r["rule_id"], r["in_bank"], r["fired"]) for r in rules] == [
        ("blame.have-to-wait", True, 1),
        ("dismissive.calm-down", False, 1),
    ]
    refused = client.post("/v1/events", json=_events(("dismissive.calm-down", "applied")), headers=auth)
    assert refused.status_code == 422


def test_structure_checks_take_events(
    client: FlaskClient, auth: dict[str, str], lead: dict[str, str]
) -> None:
    sent = _events(("structure.acknowledge-feeling", "dismissed"), ("structure.next-step", "applied"))
    assert client.post("/v1/events", json=sent, headers=auth).status_code == 202
    rules = client.get("/v1/insights", headers=lead).json["rules"]
    assert [(r["rule_id"], r["in_bank"], r["applied"], r["dismissed"]) for r in rules] == [
        ("structure.acknowledge-feeling", False, 0, 1),
        ("structure.next-step", False, 1, 0),
    ]


@pytest.mark.parametrize(
    ("body", "details"),
    [
        (
            _events(("dismissive.calm-down", "applied"), ("dismissive.no-such-rule", "muted")),
            {"events[1].rule_id": ["No rule 'dismissive.no-such-rule' in the phrase bank in service."]},
        ),
        (
            _events(("lt.MORFOLOGIK_RULE_EN_US", "applied")),
            {"events[0].rule_id": ["No rule 'lt.MORFOLOGIK_RULE_EN_US' in the phrase bank in service."]},
        ),
        (
            _events(("dismissive.calm-down", "liked")),
            {"events[0].action": ["Must be one of: applied, dismissed, muted."]},
        ),
        ({"events": []}, {"events": ["Length must be between 1 and 100."]}),
        (
            _events(*[("dismissive.calm-down", "applied")] * 101),
            {"events": ["Length must be between 1 and 100."]},
        ),
        (
            {"events": [{"rule_id": "dismissive.calm-down"}]},
            {"events[0].action": ["Missing data for required field."]},
        ),
        (
            {"events": [{"rule_id": "dismissive.calm-down", "action": "applied", "text": "Calm down."}]},
            {"events[0].text": ["Unknown field."]},
        ),
        (
            {"events": [{"rule_id": "", "action": "applied"}]},
            {"events[0].rule_id": ["Length must be between 1 and 200."]},
        ),
        ({}, {"events": ["Missing data for required field."]}),
    ],
)
def test_bad_events_are_refused_and_nothing_is_counted(
    app: Flask, client: FlaskClient, auth: dict[str, str], body: dict[str, Any], details: dict[str, list[str]]
) -> None:
    response = client.post("/v1/events", json=body, headers=auth)
    summary = "; ".join(f"{path}: {' '.join(messages)}" for path, messages in details.items())
    assert response.status_code == 422
    assert response.json == error("invalid_request", SCHEMA + summary, details)
    _recorder(app).flush()
    assert _rows(app) == ([], [])


def test_events_need_a_key_and_json(client: FlaskClient, auth: dict[str, str]) -> None:
    no_key = client.post("/v1/events", json=_events(("dismissive.calm-down", "applied")))
    assert no_key.status_code == 401
    assert no_key.json["error"]["code"] == "unauthorized"
    broken = client.post(
        "/v1/events", data='{"events": [', headers={**auth, "Content-Type": "application/json"}
    )
    assert broken.status_code == 400
    assert broken.json == error(
        "malformed_json", "The request body is not valid JSON: Expecting value: line 1 column 13 (char 12)."
    )
    form = client.post("/v1/events", data="rule_id=x", headers=auth)
    assert form.status_code == 415
    assert form.json["error"]["code"] == "unsupported_media_type"


def test_insights_need_a_lead_key_and_a_sensible_range(
    client: FlaskClient, auth: dict[str, str], lead: dict[str, str]
) -> None:
    agent = client.get("/v1/insights", headers=auth)
    assert agent.status_code == 403
    assert agent.json == error(
        "forbidden", "This needs a lead key or a more trusted one; this key's role is agent."
    )
    chart = client.get("/v1/insights/charts/daily.svg", headers=auth)
    assert (chart.status_code, chart.json["error"]["code"]) == (403, "forbidden")
    range_message = "Must be greater than or equal to 1 and less than or equal to 366."
    for days in ("0", "367", "-1"):
        response = client.get(f"/v1/insights?days={days}", headers=lead)
        assert response.status_code == 422
        assert response.json == error(
            "invalid_request",
            f"The request query string does not fit the schema: query.days: {range_message}",
            {"query.days": [range_message]},
        )
    words = client.get("/v1/insights?days=week", headers=lead)
    assert words.status_code == 422
    assert words.json["error"]["details"] == {"query.days": ["Not a valid integer."]}
    assert [d["date"] for d in client.get("/v1/insights", headers=lead).json["days"]][-1] == (
        _recorder(client.application).today().isoformat()
    )
    assert len(client.get("/v1/insights", headers=lead).json["days"]) == 30
    assert len(client.get("/v1/insights?days=366", headers=lead).json["days"]) == 366


def test_insights_off_counts_nothing(make_app: MakeApp, key_for: Callable[[str], str]) -> None:
    app = make_app(INSIGHTS="off", INSIGHTS_FLUSH_SECONDS=3600)
    client = app.test_client()
    keys = app.extensions["replycoach.keys"]
    agent = {"Authorization": f"Bearer {keys.create('agent', 'a')[1]}"}
    lead = {"Authorization": f"Bearer {keys.create('lead', 'l')[1]}"}
    assert client.post("/v1/analyze", json={"text": COLD}, headers=agent).status_code == 200
    response = client.post("/v1/events", json=_events(("dismissive.calm-down", "applied")), headers=agent)
    assert (response.status_code, response.json) == (202, {"accepted": 1, "counted": False})
    # Refused all the same: a client learns of its mistake whether or not the service counts.
    bad = client.post("/v1/events", json=_events(("nope", "applied")), headers=agent)
    assert bad.status_code == 422
    _recorder(app).flush()
    assert _rows(app) == ([], [])
    report = client.get("/v1/insights?days=1", headers=lead).json
    assert report["enabled"] is False
    assert report["rules"] == []
    assert report["days"][0]["analyzed"] == 0


def test_a_failing_write_fails_no_draft_and_loses_no_count(
    app: Flask, client: FlaskClient, auth: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    recorder = _recorder(app)
    real_add = recorder.store.add
    failures = iter([OperationalError("INSERT", {}, Exception("database is locked")), None])

    def add(tally: Any) -> None:
        failure = next(failures)
        if failure is not None:
            raise failure
        real_add(tally)

    recorder.store.add = add  # type: ignore[method-assign]
    assert client.post("/v1/analyze", json={"text": COLD}, headers=auth).status_code == 200
    with caplog.at_level(logging.WARNING, logger="replycoach.web"):
        assert recorder.flush() is False
    assert [r.getMessage() for r in caplog.records] == [
        '{"event": "insights_write_failed", "error": "OperationalError", "detail": "database is locked"}'
    ]
    assert _rows(app) == ([], [])
    # Counted while the database was away: kept with the earlier counts, all written by the next flush.
    assert client.post("/v1/analyze", json={"text": MILD}, headers=auth).status_code == 200
    assert (
        client.post("/v1/events", json=_events(("dismissive.calm-down", "muted")), headers=auth).status_code
        == 202
    )
    assert recorder.flush() is True
    day = recorder.today()
    assert _rows(app) == (
        [(day, 2, 1)],
        [
            (day, "blame.have-to-wait", 1, 0, 0, 0),
            (day, "dismissive.calm-down", 1, 0, 0, 1),
            (day, "sympathy.sorry-to-hear", 1, 0, 0, 0),
        ],
    )


def test_writes_add_to_the_rows_already_there(app: Flask, client: FlaskClient, auth: dict[str, str]) -> None:
    recorder = _recorder(app)
    for _ in range(3):
        client.post("/v1/analyze", json={"text": COLD}, headers=auth)
        client.post("/v1/events", json=_events(("blame.have-to-wait", "applied")), headers=auth)
        assert recorder.flush() is True
    day = recorder.today()
    assert _rows(app) == (
        [(day, 3, 3)],
        [(day, "blame.have-to-wait", 3, 3, 0, 0), (day, "dismissive.calm-down", 3, 0, 0, 0)],
    )


def test_charts_are_svg_images_without_script(
    client: FlaskClient, auth: dict[str, str], lead: dict[str, str]
) -> None:
    client.post("/v1/analyze", json={"text": COLD}, headers=auth)
    client.post("/v1/events", json=_events(("blame.have-to-wait", "dismissed")), headers=auth)
    for name, labels in {
        "daily": ["Drafts checked", "With a warning", "Flags raised"],
        "top-rules": ["blame.have-to-wait", "dismissive.calm-down", "Rules that fire most"],
        "acceptance": ["blame.have-to-wait", "Applied", "Dismissed", "Muted"],
    }.items():
        response = client.get(f"/v1/insights/charts/{name}.svg?days=7", headers=lead)
        assert response.status_code == 200
        assert response.mimetype == "image/svg+xml"
        assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
        svg = response.get_data(as_text=True)
        assert svg.startswith("<?xml") and "<svg" in svg
        assert "<script" not in svg
        for label in labels:
            assert f">{label}<" in svg, (name, label)
    missing = client.get("/v1/insights/charts/pie.svg", headers=lead)
    assert missing.status_code == 404


def test_the_openapi_document_describes_the_new_operations(client: FlaskClient) -> None:
    paths = client.get("/v1/openapi.json").json["paths"]
    assert sorted(paths["/v1/events"]["post"]["responses"]) == [
        "202",
        "400",
        "401",
        "413",
        "415",
        "422",
        "429",
        "503",
        "default",
    ]
    assert sorted(paths["/v1/insights"]["get"]["responses"]) == [
        "200",
        "401",
        "403",
        "422",
        "429",
        "503",
        "default",
    ]
    chart = paths["/v1/insights/charts/{name}.svg"]["get"]
    assert sorted(chart["responses"]) == ["200", "401", "403", "404", "422", "429", "503", "default"]
    assert list(chart["responses"]["200"]["content"]) == ["image/svg+xml"]

"""The application factory of the Reply Coach HTTP service."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from replycoach.settings import load_settings
from replycoach.store.db import connect
from replycoach.store.samples import SampleStore
from replycoach.web import (
    admin,
    api,
    auth,
    cors,
    errors,
    grammar,
    guard,
    headers,
    insights,
    ratelimit,
    requestlog,
)
from replycoach.web import live as coach
from replycoach.web.resources import ltapi


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the service: settings from the environment (or `test_config`), the bank, keys, API and errors."""
    app = Flask("replycoach.web")
    settings = load_settings(test_config)
    app.config.update(settings)
    app.config["MAX_CONTENT_LENGTH"] = settings["MAX_BODY_BYTES"]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    requestlog.init_app(app)
    app.extensions["replycoach.db"] = connect(settings["DATABASE_URL"])
    app.extensions["replycoach.samples"] = SampleStore(app.extensions["replycoach.db"])
    coach.init_app(app)
    grammar.init_app(app)
    insights.init_app(app)
    auth.init_app(app)
    ratelimit.init_app(app)
    guard.init_app(app)  # after ratelimit, which checks the storage URL they share
    cors.init_app(app)
    api.init_app(app)
    ltapi.init_app(app)
    admin.init_app(app)
    errors.init_app(app)
    headers.init_app(app)
    return app

"""The API's resources, its OpenAPI document (/v1/openapi.json) and the docs page (/v1/docs), all local."""

from __future__ import annotations

from typing import Any

import flask_smorest
from flask import Flask, Response, send_from_directory
from swagger_ui_bundle import swagger_ui_path

from replycoach import __version__
from replycoach.web.auth import BEARER
from replycoach.web.errors import ErrorSchema
from replycoach.web.resources import checks, curated, drafts, entries, explain, health, insights, vocabulary

DOCS_ASSETS = "/v1/docs/assets/"

OPENAPI_SETTINGS: dict[str, Any] = {
    "API_TITLE": "Reply Coach",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
    "OPENAPI_SWAGGER_UI_PATH": "docs",
    # Served by the service itself (see `_docs_asset`): the docs page works with no CDN and no internet.
    "OPENAPI_SWAGGER_UI_URL": DOCS_ASSETS,
    "API_SPEC_OPTIONS": {
        "info": {
            "description": (
                "Flags cold or dismissive phrasing in customer-support replies and offers warmer rewrites. "
                "Every /v1 call but this document and the docs page needs `Authorization: Bearer <key>`. "
                'Errors are always `{"error": {"code", "message", "details"}}`.'
            ),
            "x-service-version": __version__,
        },
    },
}


class Api(flask_smorest.Api):  # type: ignore[misc]
    """flask-smorest's Api, documenting the service's own error shape; errors.init_app handles errors."""

    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self) -> None:
        """Leave error handling to `errors.init_app`, so every error has the one shape."""


def _docs_asset(filename: str) -> Response:
    return send_from_directory(swagger_ui_path, filename)


def _document_draft_limit(api: Api, max_chars: int) -> None:
    """Show the configured draft limit as maxLength; the service answers 413 (not 422) past it."""
    # The limit is a setting, so it cannot sit in the schema classes; it is written into their components.
    for component in ("AnalyzeRequest", "RewriteRequest", "Draft", "ExplainRequest"):
        for field in ("text", "customer_message"):
            api.spec.components.schemas[component]["properties"][field]["maxLength"] = max_chars


def init_app(app: Flask) -> None:
    """Register the resources, the OpenAPI document and the docs page."""
    for key, value in OPENAPI_SETTINGS.items():
        app.config.setdefault(key, value)
    api = Api(app)
    api.spec.components.security_scheme(BEARER, {"type": "http", "scheme": "bearer"})
    for module in (health, drafts, entries, checks, explain, curated, vocabulary, insights):
        api.register_blueprint(module.blp)
    _document_draft_limit(api, app.config["MAX_DRAFT_CHARS"])
    app.add_url_rule(f"{DOCS_ASSETS}<path:filename>", "docs_asset", _docs_asset)

"""One JSON shape for every error the service returns, and the handlers that produce it."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, current_app, g, has_request_context, jsonify, request
from marshmallow import Schema, fields
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from replycoach.errors import (
    ApiError,
    BankBusyError,
    BatchTooLargeError,
    DraftTooLongError,
    EntryExistsError,
    EntryNotFoundError,
    InvalidEntryError,
    ReplyCoachError,
    StaleEntryError,
    StaleUpdateError,
    UnknownChangeError,
    UnknownFlagError,
)
from replycoach.ltapi.params import LtError
from replycoach.web.ltpath import is_lt_path

log = logging.getLogger("replycoach.web")

RETRY_AFTER_SECONDS = 2


class ErrorDetailSchema(Schema):
    """What went wrong: a stable code, what to fix, and details where there are any."""

    code = fields.String(required=True, metadata={"description": "stable, machine-readable slug"})
    message = fields.String(required=True, metadata={"description": "what went wrong and how to fix it"})
    details = fields.Raw(
        allow_none=True, metadata={"description": "more about the error (per-field messages for 422)"}
    )


class ErrorSchema(Schema):
    """The body of every error response."""

    error = fields.Nested(ErrorDetailSchema, required=True)


_SCHEMA = ErrorSchema()


def error_response(error: ApiError) -> Response:
    """The JSON response for an error (on LanguageTool's API, its plain-text `Error: <message>`)."""
    if has_request_context() and is_lt_path(request.path):
        response = Response(f"Error: {error.message}", error.status, content_type="text/plain; charset=utf-8")
        response.headers.update({k: v for k, v in error.headers.items() if k != "WWW-Authenticate"})
        return response
    body = _SCHEMA.dump({"error": {"code": error.code, "message": error.message, "details": error.details}})
    response = jsonify(body)
    response.status_code = error.status
    response.headers.update(error.headers)
    if error.status != 429 and "Retry-After" in error.headers:
        # Kept past the rate limiter's header hook, which would set its own window instead.
        response.retry_after_seconds = error.headers["Retry-After"]  # type: ignore[attr-defined]
    return response


def _http_error(error: HTTPException) -> Response:
    """The errors Werkzeug and Flask raise themselves: routing, body size, rate limits."""
    status = error.code or 500
    headers = {}
    if status == 405:
        # Werkzeug lists the methods in set order; sorted, the header is the same on every run.
        headers = {"Allow": ", ".join(sorted(getattr(error, "valid_methods", None) or []))}
    max_body = current_app.config["MAX_CONTENT_LENGTH"]
    if status == 404 and is_lt_path(request.path):
        action = request.path.partition("/v2/")[2]
        message = (
            f"Unsupported action: '{action}'. Reply Coach answers LanguageTool's /v2/check, /v2/languages "
            "and /v2/configinfo"
        )
        return error_response(ApiError(404, "not_found", message))
    code, message = {
        400: ("bad_request", "The request could not be understood."),
        404: ("not_found", "There is nothing at this address; GET /v1/openapi.json lists the endpoints."),
        405: ("method_not_allowed", f"{request.method} is not allowed here; use {headers.get('Allow')}."),
        413: (
            "body_too_large",
            f"The request body is larger than the service accepts ({max_body:,} bytes); "
            "send fewer or shorter drafts.",
        ),
        429: ("rate_limited", f"This key has made too many requests ({error.description}); wait and retry."),
    }.get(status, ("http_error", error.description or error.name))
    return error_response(ApiError(status, code, message, headers=headers))


def _problems(error: InvalidEntryError) -> tuple[str, Any]:
    problems = [{"entry": p.entry, "field": p.field, "message": p.message} for p in error.problems]
    message = "The change would make the phrase bank invalid, so nothing changed: " + "; ".join(
        ": ".join(part for part in (p.entry, p.field, p.message) if part) for p in error.problems
    )
    return message, {"problems": problems}


def _plain(details: Callable[[Any], Any] = lambda _: None) -> Callable[[Any], tuple[str, Any]]:
    return lambda error: (str(error), details(error))


# The one place errors of the layers below become HTTP: status, code, and (message, details).
_HTTP: dict[type[ReplyCoachError], tuple[int, str, Callable[[Any], tuple[str, Any]]]] = {
    DraftTooLongError: (
        413,
        "draft_too_long",
        _plain(lambda e: {"field": e.field, "length": e.length, "limit": e.limit}),
    ),
    BatchTooLargeError: (413, "batch_too_large", _plain(lambda e: {"length": e.length, "limit": e.limit})),
    UnknownFlagError: (422, "unknown_flag", _plain(lambda e: {"flag_ids": e.flag_ids})),
    InvalidEntryError: (422, "invalid_entry", _problems),
    EntryNotFoundError: (404, "not_found", _plain()),
    EntryExistsError: (409, "entry_exists", _plain()),
    StaleEntryError: (412, "precondition_failed", _plain()),
    StaleUpdateError: (409, "stale_update", _plain()),
    UnknownChangeError: (422, "unknown_change", _plain(lambda e: {"ids": e.ids})),
}


def _reply_coach_error(error: ReplyCoachError) -> Response:
    """An error raised on purpose: an ApiError as it says, another as _HTTP maps it, else a 500."""
    if isinstance(error, ApiError):
        return error_response(error)
    if isinstance(error, BankBusyError):
        headers = {"Retry-After": str(error.retry_after)}
        return error_response(ApiError(503, "busy", str(error), headers=headers))
    if isinstance(error, LtError):
        return error_response(ApiError(error.status, "languagetool_request", error.message))
    for kind in type(error).__mro__:
        if kind in _HTTP:
            status, code, describe = _HTTP[kind]
            message, details = describe(error)
            return error_response(ApiError(status, code, message, details))
    return _internal_error(error)


def _internal_error(error: Exception) -> Response:
    request_id = g.get("request_id", "")
    # The message and traceback name code, never the request body: drafts stay out of the log.
    log.error(
        json.dumps({"event": "error", "request_id": request_id, "error": type(error).__name__}),
        exc_info=error,
    )
    message = f"Something went wrong on our side; quote request id {request_id} when you report it."
    return error_response(ApiError(500, "internal_error", message, {"request_id": request_id}))


def _database_error(error: OperationalError) -> Response:
    """The database refusing a write for a reason the client can act on: full storage, or busy writers."""
    reason = str(error.orig).lower()
    if "full" in reason:
        message = "The service's storage is full, so nothing was saved; tell whoever runs the service."
        return error_response(ApiError(507, "storage_full", message))
    if "locked" in reason or "busy" in reason:
        message = "The database is busy with other changes; nothing changed. Try again in a moment."
        headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
        return error_response(ApiError(503, "busy", message, headers=headers))
    return _internal_error(error)


def init_app(app: Flask) -> None:
    """Send every error, expected or not, as the one JSON shape."""
    app.register_error_handler(OperationalError, _database_error)
    app.register_error_handler(ReplyCoachError, _reply_coach_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _internal_error)

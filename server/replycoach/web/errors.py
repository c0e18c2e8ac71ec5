"""One JSON shape for every error the service returns, and the handlers that produce it."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, current_app, g, jsonify, request
from marshmallow import Schema, fields
from werkzeug.exceptions import HTTPException

from ..errors import DraftTooLongError, UnknownFlagError
from .bankstore import EntryExistsError, EntryNotFoundError, InvalidEntryError, StaleEntryError

log = logging.getLogger("replycoach.web")


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


class ApiError(Exception):
    """Raised by the web layer for a request it refuses; carries the status, code, message and details."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers or {}


def error_response(error: ApiError) -> Response:
    """The JSON response for an error."""
    body = _SCHEMA.dump({"error": {"code": error.code, "message": error.message, "details": error.details}})
    response = jsonify(body)
    response.status_code = error.status
    response.headers.update(error.headers)
    return response


def _http_error(error: HTTPException) -> Response:
    """The errors Werkzeug and Flask raise themselves: routing, body size, rate limits."""
    status = error.code or 500
    headers = {}
    if status == 405:
        # Werkzeug lists the methods in set order; sorted, the header is the same on every run.
        headers = {"Allow": ", ".join(sorted(getattr(error, "valid_methods", None) or []))}
    max_body = current_app.config["MAX_CONTENT_LENGTH"]
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


def _draft_too_long(error: DraftTooLongError) -> Response:
    details = {"field": error.field, "length": error.length, "limit": error.limit}
    return error_response(ApiError(413, "draft_too_long", str(error), details))


def _unknown_flag(error: UnknownFlagError) -> Response:
    return error_response(ApiError(422, "unknown_flag", str(error), {"flag_ids": error.flag_ids}))


def _invalid_entry(error: InvalidEntryError) -> Response:
    problems = [{"entry": p.entry, "field": p.field, "message": p.message} for p in error.problems]
    message = "The change would make the phrase bank invalid, so nothing changed: " + "; ".join(
        ": ".join(part for part in (p.entry, p.field, p.message) if part) for p in error.problems
    )
    return error_response(ApiError(422, "invalid_entry", message, {"problems": problems}))


def _store_error(status: int, code: str) -> Callable[[Exception], Response]:
    """A handler answering a bank store error with `status` and `code`, its message as the message."""

    def handle(error: Exception) -> Response:
        return error_response(ApiError(status, code, str(error)))

    return handle


def _internal_error(error: Exception) -> Response:
    request_id = g.get("request_id", "")
    # The message and traceback name code, never the request body: drafts stay out of the log.
    log.error(
        json.dumps({"event": "error", "request_id": request_id, "error": type(error).__name__}),
        exc_info=error,
    )
    message = f"Something went wrong on our side; quote request id {request_id} when you report it."
    return error_response(ApiError(500, "internal_error", message, {"request_id": request_id}))


def init_app(app: Flask) -> None:
    """Send every error, expected or not, as the one JSON shape."""
    app.register_error_handler(ApiError, error_response)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(DraftTooLongError, _draft_too_long)
    app.register_error_handler(UnknownFlagError, _unknown_flag)
    app.register_error_handler(InvalidEntryError, _invalid_entry)
    app.register_error_handler(EntryNotFoundError, _store_error(404, "not_found"))
    app.register_error_handler(EntryExistsError, _store_error(409, "entry_exists"))
    app.register_error_handler(StaleEntryError, _store_error(412, "precondition_failed"))
    app.register_error_handler(Exception, _internal_error)

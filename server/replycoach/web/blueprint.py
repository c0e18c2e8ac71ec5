"""The Blueprint every resource uses: its request parser speaks the service's error shape."""

from __future__ import annotations

import json
import re
from typing import Any, NoReturn

import flask
import flask_smorest
from marshmallow import Schema, ValidationError
from webargs.flaskparser import FlaskParser, is_json_request

from replycoach.bank.schema import flatten_messages
from replycoach.errors import ApiError
from replycoach.web.errors import ErrorSchema

_ROOT = "body"
# Deeper than this is refused: no request of the API nests more than a few levels.
MAX_DEPTH = 32
_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_values(body: Any) -> None:
    """Refuse nesting deeper than MAX_DEPTH and strings that are not valid Unicode (a lone UTF-16 surrogate
    such as \\ud800, which JSON can spell but no text holds), naming where they are."""
    stack: list[tuple[Any, str, int]] = [(body, _ROOT, 0)]
    while stack:
        value, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ApiError(
                400,
                "malformed_json",
                f"The request body nests arrays or objects more than {MAX_DEPTH} levels deep (at {path}).",
            )
        if isinstance(value, str):
            if _SURROGATE.search(value):
                raise ApiError(
                    400,
                    "invalid_text",
                    f"{path} holds a lone UTF-16 surrogate (an unpaired \\uD800-\\uDFFF escape), not "
                    "text; send valid Unicode (paired surrogates, or the character itself).",
                    {"field": path},
                )
        elif isinstance(value, dict):
            for key in value:
                if _SURROGATE.search(key):
                    raise ApiError(400, "invalid_text", f"A key in {path} holds a lone UTF-16 surrogate.")
            # Reversed onto the stack, so the first problem in the document is the one reported.
            stack.extend((value[key], f"{path}.{key}", depth + 1) for key in reversed(value))
        elif isinstance(value, list):
            stack.extend((value[i], f"{path}[{i}]", depth + 1) for i in reversed(range(len(value))))


class JsonParser(FlaskParser):
    """Reads JSON bodies only: 415 for another media type, 400 for broken JSON, 422 for schema errors."""

    def load_json(self, req: flask.Request, schema: Schema) -> Any:
        """The parsed JSON body of a request that says it sends JSON."""
        if not is_json_request(req):
            raise ApiError(
                415,
                "unsupported_media_type",
                "Send the body as JSON with 'Content-Type: application/json'"
                f" (this request's Content-Type is {req.mimetype or 'missing'}).",
            )
        data = req.get_data(cache=True)
        if not data.strip():
            raise ApiError(400, "malformed_json", "The request body is empty; send a JSON object.")
        try:
            body = json.loads(data.decode("utf-8"))
        except UnicodeDecodeError as err:
            raise ApiError(400, "malformed_json", "The request body is not UTF-8 text.") from err
        except json.JSONDecodeError as err:
            raise ApiError(400, "malformed_json", f"The request body is not valid JSON: {err}.") from err
        except RecursionError as err:
            raise ApiError(
                400,
                "malformed_json",
                "The request body nests arrays or objects too deeply; no request of this API needs more "
                f"than {MAX_DEPTH} levels.",
            ) from err
        except ValueError as err:
            # Python refuses to read integers of thousands of digits (a guard against slow conversions).
            raise ApiError(
                400,
                "malformed_json",
                "The request body has a number too long to read (thousands of digits); no field of this API "
                "takes one.",
            ) from err
        _check_values(body)
        return body

    def handle_error(
        self,
        error: ValidationError,
        req: flask.Request,
        schema: Schema,
        *,
        error_status_code: int | None,
        error_headers: Any,
    ) -> NoReturn:
        """Answer 422 with every field's messages, keyed by paths like `drafts[2].text`."""
        messages = error.messages.get("json", error.messages) if isinstance(error.messages, dict) else {}
        details: dict[str, list[str]] = {}
        for path, message in flatten_messages(messages, root=_ROOT):
            details.setdefault(path, []).append(message)
        part = "query string" if "json" not in error.messages and "query" in error.messages else "body"
        raise invalid_request(details, part)


def invalid_request(details: dict[str, list[str]], part: str = "body") -> ApiError:
    """The 422 for fields of the request that do not fit, keyed by paths like `drafts[2].text` (also for a
    check a resource makes itself, past the schema)."""
    summary = "; ".join(f"{path}: {' '.join(msgs)}" for path, msgs in details.items())
    return ApiError(422, "invalid_request", f"The request {part} does not fit the schema: {summary}", details)


# The error statuses an operation can answer (besides 422 for a body that does not fit its schema, which
# flask-smorest documents itself, and 500), with the codes the README's error table explains.
_ERRORS = {
    400: "`malformed_json` or `invalid_text`: a body the service cannot read as JSON text",
    401: "`unauthorized`: no key, or a wrong or revoked one",
    403: "`forbidden` or `csrf_failed`: the key's role may not do this",
    404: "`not_found`: no such entry, family or revision",
    409: "`entry_exists`, `stale_update` or `curated_bank_unavailable`",
    422: "`invalid_entry`: the bank would not build without it, or its examples would fail",
    412: "`precondition_failed`: If-Match is not the current ETag; nothing changed",
    413: "`draft_too_long`, `batch_too_large` or `body_too_large`",
    415: "`unsupported_media_type`: send the body as application/json",
    428: "`precondition_required`: send If-Match",
    429: "`rate_limited` or `too_many_failures`: wait for Retry-After",
    503: "`busy` or `request_timeout`: retry after Retry-After",
    507: "`storage_full`: nothing was saved",
}


def _error_statuses(rule: str, methods: set[str], role: str | None) -> set[int]:
    """Which of _ERRORS an operation can answer, from its path, methods and the key role it needs."""
    statuses = {503}
    if role is not None:
        statuses |= {401, 429} | ({403} if role != "agent" else set())
    if methods & {"POST", "PUT"}:
        statuses |= {400, 413, 415}
    if "<" in rule:
        statuses.add(404)
    bank_write = rule.startswith("/v1/phrasebank/") and bool(methods & {"POST", "PUT", "DELETE"})
    if rule.endswith("/curated-update"):
        statuses.add(409)
    if bank_write and not rule.endswith(("/validate", "/preview", "/explain")):
        statuses |= {507} | ({422} if "DELETE" in methods else set())
        if "<" in rule or rule.endswith("/curated-update"):
            statuses |= {412} | ({428} if "<" in rule else set())
        if "POST" in methods and "<" not in rule:
            statuses.add(409)
    return statuses


def as_json(payload: Any) -> flask.Response:
    """The payload as a 200 JSON response, serialised once.

    A view decorated with `@blp.response(200, Schema)` that returns a plain value has it dumped through the
    schema (a second copy of what the engine's `to_dict` built) before it is encoded; a Response is sent as
    it is. The schema still documents the operation, and the tests check that every answer fits it."""
    return flask.jsonify(payload)


class Blueprint(flask_smorest.Blueprint):  # type: ignore[misc]
    """A flask-smorest Blueprint whose request errors use the service's error shape, and whose operations
    document every error status they can answer."""

    ARGUMENTS_PARSER = JsonParser()

    def route(self, rule: str, *, parameters: Any = None, **options: Any) -> Any:
        """Register a view, documenting its error responses with the service's error schema."""
        register = super().route(rule, parameters=parameters, **options)
        methods = set(options.get("methods", ["GET"]))
        full_rule = (self.url_prefix or "") + rule

        def decorator(view: Any) -> Any:
            role = getattr(view, "required_role", None)
            for status in sorted(_error_statuses(full_rule, methods, role)):
                view = self.alt_response(status, schema=ErrorSchema, description=_ERRORS[status])(view)
            return register(view)

        return decorator

"""The Blueprint every resource uses: its request parser speaks the service's error shape."""

from __future__ import annotations

import json
from typing import Any, NoReturn

import flask
import flask_smorest
from marshmallow import Schema, ValidationError
from webargs.flaskparser import FlaskParser, is_json_request

from replycoach.bank.schema import flatten_messages
from replycoach.errors import ApiError

_ROOT = "body"


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
            return json.loads(data.decode("utf-8"))
        except UnicodeDecodeError as err:
            raise ApiError(400, "malformed_json", "The request body is not UTF-8 text.") from err
        except json.JSONDecodeError as err:
            raise ApiError(400, "malformed_json", f"The request body is not valid JSON: {err}.") from err

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
        summary = "; ".join(f"{path}: {' '.join(msgs)}" for path, msgs in details.items())
        part = "query string" if "json" not in error.messages and "query" in error.messages else "body"
        raise ApiError(
            422, "invalid_request", f"The request {part} does not fit the schema: {summary}", details
        )


class Blueprint(flask_smorest.Blueprint):  # type: ignore[misc]
    """A flask-smorest Blueprint whose request errors use the service's error shape."""

    ARGUMENTS_PARSER = JsonParser()

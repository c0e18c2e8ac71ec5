"""What the bank's write endpoints share: a body taken as sent, and the ETag / If-Match handshake."""

from __future__ import annotations

from typing import Any

from flask import request
from marshmallow import INCLUDE, Schema

from replycoach.errors import ApiError


class RawBodySchema(Schema):
    """A new or changed part of the bank, taken as sent: the store validates it with the bank's own schema,
    exactly as the loader validates a bank file, and answers 422 invalid_entry with every problem at once."""

    class Meta:
        unknown = INCLUDE


def body_doc(schema: type[Schema]) -> dict[str, Any]:
    """The OpenAPI request body of a write: documented with the bank schema the store validates it with."""
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


def etag_doc(kind: str) -> dict[str, Any]:
    """The documented ETag response header of a `kind` (entry, family)."""
    return {
        "ETag": {
            "description": f"the {kind}'s version; send it as If-Match to change it",
            "schema": {"type": "string"},
        }
    }


def if_match_doc(kind: str) -> dict[str, Any]:
    """The documented If-Match request header of a write to a `kind`."""
    return {
        "parameters": [
            {
                "in": "header",
                "name": "If-Match",
                "required": True,
                "schema": {"type": "string"},
                "description": f"the {kind}'s current ETag (412 if stale, 428 if missing)",
            }
        ]
    }


def if_match(kind: str, url: str) -> str:
    """The If-Match header a write must carry (428 without one); `url` is where its ETag is read."""
    etag = request.headers.get("If-Match", "").strip()
    if not etag:
        raise ApiError(
            428,
            "precondition_required",
            f"Send the {kind}'s ETag (from GET {url}) in an If-Match header, "
            "so a change never overwrites one you have not seen.",
        )
    return etag

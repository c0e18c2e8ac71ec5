"""Cross-origin calls: CORS headers only for the origins listed in CORS_ORIGINS, none by default."""

from __future__ import annotations

import re

from flask import Flask, Response, request
from flask_cors import CORS

_EXPOSED = ["Retry-After", "X-Request-ID", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"]


# Only the API, LanguageTool's API (its browser add-on calls it from its own origin) and the health check are
# called cross-origin; the admin page never is.
_PATHS = r"^/(?:v1/.*|health|v2/.*|lt/[^/]*/v2/.*)$"


def _vary_on_origin(response: Response) -> Response:
    """A response that depends on the caller's Origin says so, whether or not this caller's is allowed, so
    a shared cache never hands one origin's answer to another."""
    if re.match(_PATHS, request.path):
        response.vary.add("Origin")
    return response


def init_app(app: Flask) -> None:
    """Answer preflights and add CORS headers for the listed origins (extension origins included)."""
    origins = app.config["CORS_ORIGINS"]
    if origins:
        CORS(
            app,
            resources={_PATHS: {"origins": origins}},
            allow_headers=["Authorization", "Content-Type"],
            methods=["GET", "POST", "OPTIONS"],
            expose_headers=_EXPOSED,
            max_age=600,
        )
        app.after_request(_vary_on_origin)

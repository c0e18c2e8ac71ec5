"""Cross-origin calls: CORS headers only for the origins listed in CORS_ORIGINS, none by default."""

from __future__ import annotations

from flask import Flask
from flask_cors import CORS

_EXPOSED = ["Retry-After", "X-Request-ID", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"]


def init_app(app: Flask) -> None:
    """Answer preflights and add CORS headers for the listed origins (extension origins included)."""
    origins = app.config["CORS_ORIGINS"]
    if origins:
        CORS(
            app,
            origins=origins,
            allow_headers=["Authorization", "Content-Type"],
            methods=["GET", "POST", "OPTIONS"],
            expose_headers=_EXPOSED,
            max_age=600,
        )

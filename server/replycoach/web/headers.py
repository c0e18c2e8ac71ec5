"""Headers every response carries: no content sniffing, and a content policy for the API's docs page."""

from __future__ import annotations

from flask import Flask, Response, request

# The docs page (Swagger UI, served by the service itself) starts itself with an inline script.
_DOCS_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


def _secure(response: Response) -> Response:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if request.path == "/v1/docs" or request.path.startswith("/v1/docs/"):
        response.headers.setdefault("Content-Security-Policy", _DOCS_POLICY)
        response.headers.setdefault("X-Frame-Options", "DENY")
    return response


def init_app(app: Flask) -> None:
    """Add the headers to every response, errors included."""
    app.after_request(_secure)

"""Who is calling: the bearer key of each request, and the role a view needs."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, current_app, g, request
from flask_smorest import Blueprint

from .errors import ApiError
from .keys import ApiKey, KeyStore

F = TypeVar("F", bound=Callable[..., Any])

BEARER = "bearerAuth"
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="replycoach"'}


def init_app(app: Flask) -> None:
    """Keep a key store on the app and look up the key of every request before anything else runs."""
    app.extensions["replycoach.keys"] = KeyStore(app.extensions["replycoach.db"])
    app.before_request(_load_key)


def current_key() -> ApiKey | None:
    """The live key the current request carries, if any."""
    key: ApiKey | None = g.get("api_key")
    return key


def _load_key() -> None:
    g.api_key = None
    g.sent_key = False
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and secret.strip():
        g.sent_key = True
        store: KeyStore = current_app.extensions["replycoach.keys"]
        g.api_key = store.find(secret.strip())


def requires(role: str) -> Callable[[F], F]:
    """Let a view run only for a live key of `role` or a more trusted one (401 or 403 otherwise)."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            key = current_key()
            if key is None:
                if g.get("sent_key"):
                    message = "This API key is not valid (mistyped or revoked); ask an admin for a new one."
                else:
                    message = (
                        "Send an API key as 'Authorization: Bearer <key>'; "
                        "`replycoach keys create --role agent` makes one."
                    )
                raise ApiError(401, "unauthorized", message, headers=_CHALLENGE)
            if not key.allows(role):
                message = f"This needs a {role} key or a more trusted one; this key's role is {key.role}."
                raise ApiError(403, "forbidden", message)
            return view(*args, **kwargs)

        documented: F = Blueprint.doc(security=[{BEARER: []}])(wrapper)
        return documented

    return decorator

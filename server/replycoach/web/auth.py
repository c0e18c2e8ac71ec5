"""Who is calling: the bearer key of each request (or the admin page's session), and the role a view needs."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, current_app, g, request
from flask_smorest import Blueprint

from replycoach.errors import ApiError
from replycoach.ltapi.params import form_values
from replycoach.store.keys import ApiKey, KeyStore
from replycoach.store.records import Author
from replycoach.store.sessions import Session, SessionStore
from replycoach.web.guard import client_address, guard, refuse_if_blocked
from replycoach.web.ltpath import is_lt_path, key_in_path

F = TypeVar("F", bound=Callable[..., Any])

BEARER = "bearerAuth"
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="replycoach"'}

# The admin page's session cookie, and the header its calls to the API echo the session's CSRF token in.
SESSION_COOKIE = "replycoach_session"
CSRF_HEADER = "X-CSRF-Token"
# Every call looks its key up: a live key found is trusted this long before the database is asked again, so
# a key revoked with `replycoach keys revoke` (another process) stops working within this time.
KEY_CACHE_SECONDS = 0.5


def init_app(app: Flask) -> None:
    """Keep the key and session stores on the app and look up the caller before anything else runs."""
    app.extensions["replycoach.keys"] = KeyStore(app.extensions["replycoach.db"], KEY_CACHE_SECONDS)
    app.extensions["replycoach.sessions"] = SessionStore(app.extensions["replycoach.db"])
    app.before_request(_load_key)


def session_store() -> SessionStore:
    """The admin sessions of the current app."""
    store: SessionStore = current_app.extensions["replycoach.sessions"]
    return store


def current_key() -> ApiKey | None:
    """The live key the current request carries, if any."""
    key: ApiKey | None = g.get("api_key")
    return key


def current_session() -> Session | None:
    """The live admin session of the request's cookie, if any (looked up once per request)."""
    if "admin_session" not in g:
        token = request.cookies.get(SESSION_COOKIE, "")
        g.admin_session = session_store().find(token) if token else None
    session: Session | None = g.admin_session
    return session


def _load_key() -> None:
    g.api_key = None
    g.sent_key = False
    g.session_problem = None
    if request.endpoint is not None and request.endpoint.rpartition(".")[2] == "static":
        return  # static files are public: who asks for them needs no database lookup
    authorization = request.headers.get("Authorization", "")
    scheme, _, secret = authorization.partition(" ")
    if not authorization and is_lt_path(request.path):
        # LanguageTool's clients cannot send a header: the key is in the path (/lt/<key>/v2/...) or in the
        # apiKey field LanguageTool's own premium clients send.
        scheme, secret = "bearer", key_in_path(request.path) or lt_values().get("apiKey", "")
    if scheme.lower() == "bearer" and secret.strip():
        g.sent_key = True
        refuse_if_blocked()
        store: KeyStore = current_app.extensions["replycoach.keys"]
        g.api_key = store.find(secret.strip())
        if g.api_key is None:
            guard().failed(client_address())
    elif not authorization and request.cookies.get(SESSION_COOKIE):
        # A call from the admin page: its session stands in for the key, if it echoes the CSRF token.
        session = current_session()
        if session is None:
            g.session_problem = "ended"
        elif not session.accepts(request.headers.get(CSRF_HEADER, "")):
            g.session_problem = "csrf"
        else:
            g.api_key = session.key


def lt_values() -> dict[str, str]:
    """A LanguageTool API request's parameters as LanguageTool reads them (ltapi.params.form_values): a
    POST's body as form fields whatever its type, the query string over it. Read once per request."""
    if "lt_values" not in g:
        body = request.get_data(as_text=True) if request.method == "POST" else None
        g.lt_values = form_values(request.query_string.decode("utf-8", "replace"), body)
    values: dict[str, str] = g.lt_values
    return values


def requires(role: str) -> Callable[[F], F]:
    """Let a view run only for a live key of `role` or a more trusted one (401 or 403 otherwise)."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            key = current_key()
            if key is None:
                problem = g.get("session_problem")
                if problem == "csrf":
                    message = (
                        f"This call carries the admin page's session cookie but not its {CSRF_HEADER} "
                        "header; send the token from the page's csrf-token meta tag."
                    )
                    raise ApiError(403, "csrf_failed", message)
                if problem == "ended":
                    message = "Your admin page session has ended (signed out, expired or its key revoked); "
                    message += "sign in again at /admin."
                    raise ApiError(401, "unauthorized", message, headers=_CHALLENGE)
                if g.get("sent_key"):
                    message = "This API key is not valid (mistyped or revoked); ask an admin for a new one."
                else:
                    message = (
                        "Send an API key as 'Authorization: Bearer <key>'; "
                        "`replycoach keys create --role agent --name NAME` makes one."
                    )
                raise ApiError(401, "unauthorized", message, headers=_CHALLENGE)
            if not key.allows(role):
                message = f"This needs a {role} key or a more trusted one; this key's role is {key.role}."
                raise ApiError(403, "forbidden", message)
            return view(*args, **kwargs)

        # Read by Blueprint.route to document 401, 403 and 429 for the view.
        wrapper.required_role = role  # type: ignore[attr-defined]
        documented: F = Blueprint.doc(security=[{BEARER: []}])(wrapper)
        return documented

    return decorator


def author() -> Author:
    """The author of a change: the key of the current request."""
    key = current_key()
    if key is None:  # `requires` runs first; a write without a key never gets here
        raise ApiError(401, "unauthorized", "Send an API key as 'Authorization: Bearer <key>'.")
    return Author(key.id, key.name or f"key {key.id}")

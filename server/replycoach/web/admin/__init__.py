"""/admin: the page where team leads curate the phrase bank.

The server side is small: sign in with a lead key (a server-side session in an HttpOnly, SameSite=Strict
cookie), sign out, and one page shell. The page itself (static/js/, ES modules loaded from main.js) works
through the /v1 API, which accepts the session cookie together with its CSRF token in place of a bearer key.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from flask import Blueprint, Flask, Response, current_app, redirect, render_template, request

from replycoach.bank.model import CATEGORIES, CONDITION_MOODS, QUIET_CHECKS, SCOPES, SEVERITIES
from replycoach.bank.schema import EntrySchema
from replycoach.store.keys import KeyStore
from replycoach.store.sessions import SESSION_LIFETIME, Session
from replycoach.web.admin.help import bank_help_html
from replycoach.web.auth import SESSION_COOKIE, current_session, session_store
from replycoach.web.guard import client_address, guard

bp = Blueprint(
    "admin",
    __name__,
    url_prefix="/admin",
    template_folder="templates",
    static_folder="static",
    static_url_path="/static",
)

# The sign-in form's own CSRF token: a random value both in this cookie and in a hidden field.
SIGN_IN_COOKIE = "replycoach_sign_in"

# img-src allows blob: for the Insights charts: SVG images the page fetches with its session (an image runs
# no script); nothing else of the policy changes.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def init_app(app: Flask) -> None:
    """Serve the admin page."""
    app.register_blueprint(bp)


@bp.after_request
def _secure(response: Response) -> Response:
    response.headers.update(SECURITY_HEADERS)
    if response.mimetype == "text/html":
        response.headers["Cache-Control"] = "no-store"
    return response


def _session() -> tuple[str, Session] | None:
    session = current_session()
    return (request.cookies[SESSION_COOKIE], session) if session else None


@bp.route("", methods=["GET"])
@bp.route("/", methods=["GET"])
def page() -> Response:
    """The admin page when signed in; the sign-in form otherwise."""
    signed_in = _session()
    if signed_in is None:
        return _sign_in_form()
    _, session = signed_in
    html = render_template(
        "admin/shell.html",
        key=session.key,
        csrf_token=session.csrf_token,
        # The bank format's vocabulary, so the page's selects never drift from the loader.
        vocabulary={
            "categories": " ".join(CATEGORIES),
            "severities": " ".join(SEVERITIES),
            "scopes": " ".join(SCOPES),
            "moods": " ".join(CONDITION_MOODS),
            "quiet-checks": " ".join(QUIET_CHECKS),
            # The fields of an entry, from the bank's one entry schema: the form checks it edits them all.
            "fields": " ".join(EntrySchema().fields),
        },
    )
    return Response(html, mimetype="text/html")


@bp.route("/help", methods=["GET"])
def help_page() -> Response:
    """The bank format and the phrase language (the bank's README), where the form's help links point; for
    signed-in leads."""
    if _session() is None:
        return _sign_in_form()
    html = render_template("admin/help.html", content=bank_help_html())
    return Response(html, mimetype="text/html")


@bp.route("/sign-in", methods=["POST"])
def sign_in() -> Response:
    """Check a lead key and start a session; the form again, with what went wrong, otherwise."""
    if not _same_origin() or not _tokens_match(request.cookies.get(SIGN_IN_COOKIE), request.form.get("csrf")):
        return _sign_in_form("The sign-in form had expired; please sign in again.", 400)
    if guard().blocked(client_address()):
        wait = guard().retry_after(client_address())
        return _sign_in_form(f"Too many wrong keys from this address; wait {wait} s and try again.", 429)
    secret = request.form.get("key", "").strip()
    keys: KeyStore = current_app.extensions["replycoach.keys"]
    key = keys.find(secret) if secret else None
    if key is None:
        guard().failed(client_address())
        return _sign_in_form("That key is not valid (mistyped or revoked). Paste a lead key.", 401)
    if not key.allows("lead"):
        return _sign_in_form(
            f"This is an {key.role} key; the admin page needs a lead or admin key "
            "(an admin makes one with `replycoach keys create --role lead --name NAME`).",
            403,
        )
    token, _ = session_store().create(key)
    response = redirect("/admin", 303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        path="/",
        secure=request.is_secure,
        httponly=True,
        samesite="Strict",
    )
    response.delete_cookie(SIGN_IN_COOKIE, path="/admin")
    return response  # type: ignore[return-value]


@bp.route("/sign-out", methods=["POST"])
def sign_out() -> Response:
    """End the session (its CSRF token must come with the form) and go back to the sign-in form.

    Only a request carrying the session's cookie and token signs out: a cross-site form carries no token, and
    its browser sends no SameSite=Strict cookie, so it is refused without touching the cookie (answering it
    with a deleted cookie would sign the lead out while the session lived on). A cookie whose session has
    already ended is simply dropped."""
    signed_in = _session()
    if signed_in is None and not request.cookies.get(SESSION_COOKIE):
        return _message_page("Sign out from the admin page itself.", 400)
    if signed_in is not None:
        token, session = signed_in
        if not _same_origin() or not session.accepts(request.form.get("csrf", "")):
            return _message_page("Sign out from the admin page itself.", 400)
        session_store().end(token)
    response = redirect("/admin", 303)
    response.delete_cookie(
        SESSION_COOKIE, path="/", secure=request.is_secure, httponly=True, samesite="Strict"
    )
    return response  # type: ignore[return-value]


def _sign_in_form(error: str = "", status: int = 200) -> Response:
    token = secrets.token_urlsafe(32)
    html = render_template("admin/sign_in.html", csrf_token=token, error=error)
    response = Response(html, status=status, mimetype="text/html")
    response.set_cookie(
        SIGN_IN_COOKIE, token, path="/admin", secure=request.is_secure, httponly=True, samesite="Strict"
    )
    return response


def _message_page(message: str, status: int) -> Response:
    html = render_template("admin/message.html", message=message)
    return Response(html, status=status, mimetype="text/html")


def _tokens_match(cookie: str | None, field: str | None) -> bool:
    return bool(cookie and field) and hmac.compare_digest(str(cookie).encode(), str(field).encode())


def _same_origin() -> bool:
    """Whether a form post came from this site (browsers send Origin on every POST)."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True  # not a browser's cross-site post; the CSRF token still has to match
    return urlsplit(origin).netloc == request.host

"""/admin sign-in, sign-out and the session cookie the admin page uses to call the API (test client)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath

import pytest
from flask import Flask
from flask.testing import FlaskClient
from replycoach.store.db import admin_sessions
from replycoach.store.keys import KeyStore
from replycoach.web import admin as admin_package
from replycoach.web.auth import SESSION_COOKIE
from sqlalchemy import update

from .helpers import error

ENTRY = "/v1/phrasebank/entries/dismissive.calm-down"
STATIC = Path(admin_package.__file__).parent / "static"


def _hidden_csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, html
    return found.group(1)


def _sign_in(client: FlaskClient, secret: str) -> tuple[int, str]:
    form = client.get("/admin").get_data(as_text=True)
    response = client.post("/admin/sign-in", data={"key": secret, "csrf": _hidden_csrf(form)})
    return response.status_code, response.get_data(as_text=True)


def _alert(html: str) -> str:
    found = re.search(r'<p role="alert" class="error">(.*?)</p>', html, re.S)
    assert found, html
    return found.group(1)


@pytest.fixture
def lead_key(app: Flask) -> str:
    store: KeyStore = app.extensions["replycoach.keys"]
    return store.create("lead", "Ana <b>Lead</b>")[1]


@pytest.fixture
def signed_in(client: FlaskClient, lead_key: str) -> str:
    """Sign the client in with a lead key; returns the page's CSRF token."""
    status, _ = _sign_in(client, lead_key)
    assert status == 303
    page = client.get("/admin").get_data(as_text=True)
    found = re.search(r'<meta name="csrf-token" content="([^"]+)">', page)
    assert found, page
    return found.group(1)


def test_signed_out_the_page_is_a_sign_in_form_with_strict_headers(client: FlaskClient) -> None:
    response = client.get("/admin")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<input type="password" name="key" id="key"' in html
    assert '<label for="key">Lead API key</label>' in html
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'; script-src 'self';")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cache-Control"] == "no-store"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_key_is_refused_with_what_to_do(client: FlaskClient) -> None:
    status, html = _sign_in(client, "rc_not-a-real-key")
    assert status == 401
    assert _alert(html) == "That key is not valid (mistyped or revoked). Paste a lead key."
    assert client.get_cookie(SESSION_COOKIE) is None


def test_an_agent_key_is_refused(client: FlaskClient, key_for: Callable[[str], str]) -> None:
    status, html = _sign_in(client, key_for("agent"))
    assert status == 403
    assert _alert(html) == (
        "This is an agent key; the admin page needs a lead or admin key "
        "(an admin makes one with `replycoach keys create --role lead --name NAME`)."
    )


def test_sign_in_needs_the_form_token(client: FlaskClient, lead_key: str) -> None:
    client.get("/admin")
    response = client.post("/admin/sign-in", data={"key": lead_key, "csrf": "forged"})
    assert response.status_code == 400
    assert _alert(response.get_data(as_text=True)) == "The sign-in form had expired; please sign in again."
    assert client.get_cookie(SESSION_COOKIE) is None


def test_a_cross_site_sign_in_is_refused(client: FlaskClient, lead_key: str) -> None:
    form = client.get("/admin").get_data(as_text=True)
    response = client.post(
        "/admin/sign-in",
        data={"key": lead_key, "csrf": _hidden_csrf(form)},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 400
    assert client.get_cookie(SESSION_COOKIE) is None


def test_a_lead_key_signs_in_with_a_strict_httponly_cookie(client: FlaskClient, lead_key: str) -> None:
    form = client.get("/admin").get_data(as_text=True)
    response = client.post("/admin/sign-in", data={"key": lead_key, "csrf": _hidden_csrf(form)})
    assert (response.status_code, response.headers["Location"]) == (303, "/admin")
    [cookie] = [c for c in response.headers.getlist("Set-Cookie") if c.startswith(f"{SESSION_COOKIE}=")]
    attributes = {part.strip().split("=")[0] for part in cookie.split(";")[1:]}
    assert attributes == {"Expires", "Max-Age", "HttpOnly", "Path", "SameSite"}
    assert "SameSite=Strict" in cookie and "Path=/" in cookie and "Max-Age=43200" in cookie
    # The cookie is a random token, not the key.
    assert lead_key not in cookie


def test_the_signed_in_page_escapes_the_key_name_and_carries_a_csrf_token(
    client: FlaskClient, signed_in: str
) -> None:
    html = client.get("/admin").get_data(as_text=True)
    assert '<span class="who">Signed in as Ana &lt;b&gt;Lead&lt;/b&gt; (lead)</span>' in html
    assert '<script type="module" src="/admin/static/js/main.js"></script>' in html
    assert '<main id="app">' in html
    assert len(signed_in) >= 40


def test_the_api_takes_the_session_with_its_csrf_token(client: FlaskClient, signed_in: str) -> None:
    ok = client.get(ENTRY, headers={"X-CSRF-Token": signed_in})
    assert ok.status_code == 200
    missing = client.get(ENTRY)
    assert missing.status_code == 403
    assert missing.json == error(
        "csrf_failed",
        "This call carries the admin page's session cookie but not its X-CSRF-Token header; "
        "send the token from the page's csrf-token meta tag.",
    )
    assert client.get(ENTRY, headers={"X-CSRF-Token": signed_in[:-1] + "x"}).status_code == 403
    # A write through the session is authored by the signed-in key.
    etag = ok.headers["ETag"]
    assert ok.json is not None
    body = {**ok.json, "message": "Tells an upset customer how to feel (edited)."}
    written = client.put(ENTRY, json=body, headers={"X-CSRF-Token": signed_in, "If-Match": etag})
    assert written.status_code == 200
    history = client.get(f"{ENTRY}/history", headers={"X-CSRF-Token": signed_in}).json
    assert history is not None and history["revisions"][-1]["author"] == "Ana <b>Lead</b>"


def test_a_bearer_key_wins_over_the_cookie(
    client: FlaskClient, signed_in: str, key_for: Callable[[str], str]
) -> None:
    agent = {"Authorization": f"Bearer {key_for('agent')}", "X-CSRF-Token": signed_in}
    current = client.get(ENTRY, headers=agent)
    response = client.put(ENTRY, json=current.json, headers={**agent, "If-Match": current.headers["ETag"]})
    assert response.status_code == 403


def test_sign_out_needs_the_token_then_ends_the_session(client: FlaskClient, signed_in: str) -> None:
    token = client.get_cookie(SESSION_COOKIE)
    assert token is not None
    refused = client.post("/admin/sign-out", data={"csrf": "forged"})
    assert refused.status_code == 400
    assert client.get(ENTRY, headers={"X-CSRF-Token": signed_in}).status_code == 200

    response = client.post("/admin/sign-out", data={"csrf": signed_in})
    assert (response.status_code, response.headers["Location"]) == (303, "/admin")
    assert client.get_cookie(SESSION_COOKIE) is None
    assert '<input type="password" name="key"' in client.get("/admin").get_data(as_text=True)
    # The old cookie, replayed, no longer works.
    client.set_cookie(SESSION_COOKIE, token.value)
    ended = client.get(ENTRY, headers={"X-CSRF-Token": signed_in})
    assert ended.status_code == 401
    assert ended.json == error(
        "unauthorized",
        "Your admin page session has ended (signed out, expired or its key revoked); "
        "sign in again at /admin.",
    )


def test_a_cross_site_sign_out_is_refused_and_the_session_stays(client: FlaskClient, signed_in: str) -> None:
    token = client.get_cookie(SESSION_COOKIE)
    assert token is not None
    # A form on another site carries no token, and the browser sends no SameSite=Strict cookie with it.
    client.delete_cookie(SESSION_COOKIE)
    cross_site = client.post("/admin/sign-out", headers={"Origin": "https://elsewhere.example"})
    assert (cross_site.status_code, _alert(cross_site.get_data(as_text=True))) == (
        400,
        "Sign out from the admin page itself.",
    )
    assert "Set-Cookie" not in cross_site.headers
    client.set_cookie(SESSION_COOKIE, token.value)
    # The cookie without the token is refused the same way.
    without_token = client.post("/admin/sign-out")
    assert (without_token.status_code, _alert(without_token.get_data(as_text=True))) == (
        400,
        "Sign out from the admin page itself.",
    )
    assert "Set-Cookie" not in without_token.headers
    assert client.get(ENTRY, headers={"X-CSRF-Token": signed_in}).status_code == 200
    assert '<input type="password" name="key"' not in client.get("/admin").get_data(as_text=True)


def test_revoking_the_key_ends_its_sessions(app: Flask, client: FlaskClient, signed_in: str) -> None:
    store: KeyStore = app.extensions["replycoach.keys"]
    [lead] = [k for k in store.all() if k.role == "lead"]
    store.revoke(lead.id)
    assert client.get(ENTRY, headers={"X-CSRF-Token": signed_in}).status_code == 401
    assert '<input type="password" name="key"' in client.get("/admin").get_data(as_text=True)


def test_a_session_expires(app: Flask, client: FlaskClient, signed_in: str) -> None:
    with app.extensions["replycoach.db"].begin() as conn:
        conn.execute(update(admin_sessions).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    assert client.get(ENTRY, headers={"X-CSRF-Token": signed_in}).status_code == 401


def test_the_page_assets_are_served_locally(client: FlaskClient) -> None:
    names = sorted(p.relative_to(STATIC).as_posix() for p in STATIC.rglob("*") if p.is_file())
    assert {"admin.css", "js/main.js"} <= set(names), names
    kinds = {".js": "javascript", ".css": "text/css"}
    for name in names:
        kind = kinds.get(PurePosixPath(name).suffix)
        assert kind, f"static/{name} is neither JavaScript nor CSS"
        with client.get(f"/admin/static/{name}") as response:
            assert response.status_code == 200, name
            assert kind in response.headers["Content-Type"], (name, response.headers["Content-Type"])
            assert b"http://" not in response.data and b"https://" not in response.data, name


def test_wrong_keys_are_throttled_per_address_on_the_api_and_the_sign_in_form(
    make_app: Callable[..., Flask],
) -> None:
    app = make_app(AUTH_FAILURE_LIMIT="3 per minute")
    client = app.test_client()
    good = app.extensions["replycoach.keys"].create("lead", "Lee")[1]
    wrong = {"Authorization": "Bearer rc_guessing"}
    statuses = [client.post("/v1/analyze", json={"text": "Hi"}, headers=wrong).status_code for _ in range(3)]
    assert statuses == [401, 401, 401]
    blocked = client.post("/v1/analyze", json={"text": "Hi"}, headers=wrong)
    assert (blocked.status_code, blocked.json["error"]["code"]) == (429, "too_many_failures")
    assert 1 <= int(blocked.headers["Retry-After"]) <= 61
    # The form is throttled by the same count: even the right key waits.
    status, html = _sign_in(client, good)
    assert (status, _alert(html).split(";")[0]) == (429, "Too many wrong keys from this address")
    # While blocked, no key is checked from that address, so guessing cannot go on and learn of a hit.
    ok = client.post("/v1/analyze", json={"text": "Hi"}, headers={"Authorization": f"Bearer {good}"})
    assert (ok.status_code, ok.json["error"]["code"]) == (429, "too_many_failures")

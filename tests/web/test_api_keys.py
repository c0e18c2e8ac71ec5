"""API keys: roles, 401 and 403, revocation, and what the key store keeps (hashes, never secrets)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from replycoach.errors import KeyNotFoundError
from replycoach.store.db import api_keys
from replycoach.store.keys import KeyStore, hash_key
from replycoach.web.auth import requires
from sqlalchemy import select

from .helpers import error


@pytest.fixture
def admin_app(app: Flask) -> Flask:
    """The app with one extra view that only admins may call (no v1 endpoint needs more than agent yet)."""

    @requires("lead")
    def lead_only() -> dict[str, str]:
        """A view for leads and admins."""
        return {"ok": "yes"}

    app.add_url_rule("/v1/test/lead-only", "lead_only", lead_only)
    return app


@pytest.mark.parametrize(("role", "status"), [("agent", 403), ("lead", 200), ("admin", 200)])
def test_roles_are_ordered_agent_lead_admin(
    admin_app: Flask, key_for: Callable[[str], str], role: str, status: int
) -> None:
    headers = {"Authorization": f"Bearer {key_for(role)}"}
    response = admin_app.test_client().get("/v1/test/lead-only", headers=headers)
    assert response.status_code == status
    if status == 403:
        assert response.json == error(
            "forbidden", "This needs a lead key or a more trusted one; this key's role is agent."
        )


@pytest.mark.parametrize("role", ["agent", "lead", "admin"])
def test_every_role_may_analyze(app: Flask, key_for: Callable[[str], str], role: str) -> None:
    headers = {"Authorization": f"Bearer {key_for(role)}"}
    assert app.test_client().post("/v1/analyze", json={"text": "Hi"}, headers=headers).status_code == 200


def test_a_revoked_key_stops_working_at_once(app: Flask) -> None:
    store: KeyStore = app.extensions["replycoach.keys"]
    key, secret = store.create("agent", "Sam")
    headers = {"Authorization": f"Bearer {secret}"}
    client = app.test_client()
    assert client.post("/v1/analyze", json={"text": "Hi"}, headers=headers).status_code == 200
    revoked = store.revoke(key.id)
    assert revoked.revoked_at is not None
    response = client.post("/v1/analyze", json={"text": "Hi"}, headers=headers)
    assert response.status_code == 401
    assert response.json == error(
        "unauthorized", "This API key is not valid (mistyped or revoked); ask an admin for a new one."
    )


def test_the_store_keeps_only_a_hash(app: Flask) -> None:
    store: KeyStore = app.extensions["replycoach.keys"]
    key, secret = store.create("lead", "Team lead")
    assert secret.startswith("rc_") and len(secret) == 46
    with store.engine.connect() as conn:
        row = conn.execute(select(api_keys)).mappings().one()
    assert secret not in [str(v) for v in row.values()]
    assert row["key_hash"] == hash_key(secret)
    assert (row["role"], row["name"], row["prefix"]) == ("lead", "Team lead", secret[:10])
    assert store.find(secret) == key
    assert store.find(secret + "x") is None


def test_keys_are_listed_oldest_first_and_revoking_twice_keeps_the_first_time(app: Flask) -> None:
    store: KeyStore = app.extensions["replycoach.keys"]
    first, _ = store.create("agent", "a")
    second, _ = store.create("admin", "b")
    revoked = store.revoke(first.id)
    assert store.revoke(first.id).revoked_at == revoked.revoked_at
    assert [(k.id, k.role, k.revoked_at is not None) for k in store.all()] == [
        (first.id, "agent", True),
        (second.id, "admin", False),
    ]


def test_revoking_an_unknown_id_says_so(app: Flask) -> None:
    store: KeyStore = app.extensions["replycoach.keys"]
    with pytest.raises(KeyNotFoundError, match="no key with id 42; `replycoach keys list` shows the ids"):
        store.revoke(42)


def test_an_unknown_role_is_refused(app: Flask) -> None:
    with pytest.raises(ValueError, match="role must be one of agent, lead, admin, not 'boss'"):
        app.extensions["replycoach.keys"].create("boss")

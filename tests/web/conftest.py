"""Fixtures for the HTTP service: a fresh app per test over the small stable bank, its client and keys."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import BASIC_BANK
from flask import Flask
from flask.testing import FlaskClient
from replycoach.store.keys import KeyStore
from replycoach.web.app import create_app

MakeApp = Callable[..., Flask]


@pytest.fixture
def make_app(tmp_path: Path) -> MakeApp:
    """Build a fresh app over tests/banks/basic with a temporary database; settings override the defaults."""

    def make(**settings: Any) -> Flask:
        config = {"TESTING": True, "HOME": str(tmp_path / "home"), "BANK_DIR": str(BASIC_BANK), **settings}
        return create_app(config)

    return make


@pytest.fixture
def app(make_app: MakeApp) -> Flask:
    """A fresh app with the default settings."""
    return make_app()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client of the fresh app."""
    return app.test_client()


@pytest.fixture
def key_for(app: Flask) -> Callable[[str], str]:
    """Create a key of a role in the app's database and return its secret."""

    def create(role: str = "agent") -> str:
        store: KeyStore = app.extensions["replycoach.keys"]
        return store.create(role, f"test {role}")[1]

    return create


@pytest.fixture
def auth(key_for: Callable[[str], str]) -> dict[str, str]:
    """Headers carrying a fresh agent key."""
    return {"Authorization": f"Bearer {key_for('agent')}"}

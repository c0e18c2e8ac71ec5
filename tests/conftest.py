"""Shared fixtures: the curated bank's engine, the small stable test bank, a bank-folder writer, fresh service
apps over a temporary database, the one browser driver of the run (imported only by browser tests) and the
headless Chromium the admin page's and the audit report's tests open (the extension's tests launch their
own)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import latencies
import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient
from replycoach import Engine, default_engine, load_bank
from replycoach.store.keys import KeyStore
from replycoach.web.app import create_app

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

BASIC_BANK = Path(__file__).parent / "banks" / "basic"
CHROMIUM = os.environ.get("REPLYCOACH_CHROMIUM", "/usr/bin/chromium")

MakeApp = Callable[..., Flask]

# A valid entry the basic bank lacks, as a lead would send it (tests that add an entry share it).
NO_WORRIES: dict[str, Any] = {
    "id": "dismissive.no-worries",
    "category": "dismissive",
    "severity": "suggestion",
    "patterns": ["no worries"],
    "message": "Brushes off the customer's worry.",
    "why": "Their worry is why they wrote.",
    "rewrites": [
        {"text": "I understand why this worried you", "scope": "phrase"},
        {"text": "I'm glad you told us", "scope": "phrase"},
    ],
    "examples": {
        "flag": [
            {"text": "No worries, it's fixed.", "flagged": "No worries"},
            {"text": "Ok no worries then.", "flagged": "no worries"},
        ],
        "pass": ["We worry about it too.", "No worry at all."],
    },
}


def pytest_sessionfinish(session: pytest.Session) -> None:
    """In a worker process of pytest-xdist: hand the browser tests' latencies to the process that prints."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["replycoach_latencies"] = latencies.as_rows()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """pytest-xdist: a worker process finished; keep the latencies it measured."""
    latencies.merge(getattr(node, "workeroutput", {}).get("replycoach_latencies", []))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the time from the last keystroke to the marker, per browser and editor (never asserted)."""
    lines = latencies.summary_lines()
    if lines:
        terminalreporter.section("Reply Coach: last keystroke to flag")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session", autouse=True)
def _no_service_of_the_user(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The commands the tests run read the service's database when there is one (REPLYCOACH_HOME): point it
    at an empty folder, so a database of the machine's user never changes a test's verdict. Tests that need
    a service's home set their own."""
    saved = os.environ.get("REPLYCOACH_HOME")
    os.environ["REPLYCOACH_HOME"] = str(tmp_path_factory.mktemp("no-service-home"))
    yield
    if saved is None:
        os.environ.pop("REPLYCOACH_HOME", None)
    else:
        os.environ["REPLYCOACH_HOME"] = saved


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    """The one Playwright driver of the run: its sync API allows one per thread, and both the admin page's
    and the extension's browser tests need one. Imported here, so tests without a browser never load it."""
    from playwright import sync_api

    with sync_api.sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    """Headless Chromium (Debian's)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/test installs Debian's chromium")
    launched = playwright_driver.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
    )
    try:
        yield launched
    finally:
        launched.close()


@pytest.fixture(scope="session")
def curated() -> Engine:
    """The engine over the curated bank that ships with Reply Coach."""
    return default_engine()


@pytest.fixture(scope="session")
def basic() -> Engine:
    """The engine over tests/banks/basic, a small bank that does not change as the curated one is tuned."""
    return Engine(load_bank(BASIC_BANK))


def make_entry(**overrides: Any) -> dict[str, Any]:
    """A valid raw entry, with fields replaced or removed (value None) as a test needs."""
    entry: dict[str, Any] = {
        "id": "dismissive.relax",
        "category": "dismissive",
        "severity": "warning",
        "patterns": ["just relax"],
        "message": "Tells the customer how to feel.",
        "why": "It brushes the feeling aside.",
        "rewrites": [
            {"text": "I can see why this is stressful", "scope": "phrase"},
            {"text": "I understand this is stressful", "scope": "phrase"},
        ],
        "examples": {
            "flag": [
                {"text": "Just relax, it will arrive.", "flagged": "Just relax"},
                {"text": "Please just relax.", "flagged": "just relax"},
            ],
            "pass": ["Relaxing plans are on sale.", "We just relaxed the rules."],
        },
    }
    for key, value in overrides.items():
        if value is None:
            entry.pop(key, None)
        else:
            entry[key] = value
    return entry


@pytest.fixture
def write_bank(tmp_path: Path) -> Callable[..., Path]:
    """Write raw entries (or raw file contents) into a fresh bank folder and return its path."""

    def write(*entries: dict[str, Any], files: dict[str, str] | None = None) -> Path:
        folder = tmp_path / "bank"
        folder.mkdir(exist_ok=True)
        if entries:
            (folder / "entries.yml").write_text(
                yaml.safe_dump({"entries": list(entries)}, sort_keys=False), encoding="utf-8"
            )
        for name, content in (files or {}).items():
            (folder / name).write_text(content, encoding="utf-8")
        return folder

    return write


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


@pytest.fixture
def lead(key_for: Callable[[str], str]) -> dict[str, str]:
    """Headers carrying a lead key."""
    return {"Authorization": f"Bearer {key_for('lead')}"}

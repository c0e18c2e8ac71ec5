"""Fixtures for the extension's end-to-end tests: the real service, local editor pages, and Chromium with
the extension loaded unpacked (Debian's /usr/bin/chromium, driven by Playwright, headless); Firefox's, one
Firefox for the session, are in firefox_fixtures.py."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CHROMIUM
from playwright import sync_api

from .firefox_fixtures import firefox_browser, firefox_configured, firefox_settings, tab  # noqa: F401
from .helpers import (
    ARTIFACTS,
    BANK,
    EXTENSION,
    PAGES,
    Service,
    running_service,
    set_settings,
)


@pytest.fixture(scope="session")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """The service with the small test bank (which, unlike the curated one, does not change as the bank
    is tuned)."""
    with running_service(tmp_path_factory.mktemp("replycoach-home"), BANK) as running:
        yield running


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def pages_url() -> Iterator[str]:
    """The test pages (and their node_modules and built bundles), served on 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(PAGES))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser(
    tmp_path_factory: pytest.TempPathFactory, playwright_driver: sync_api.Playwright
) -> Iterator[Any]:
    """Headless Chromium with the unpacked extension, in a persistent context (extensions need one)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/test installs Debian's chromium")
    profile = tmp_path_factory.mktemp("chromium-profile")
    context = playwright_driver.chromium.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM,
        headless=True,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--disable-extensions-except={EXTENSION}",
            f"--load-extension={EXTENSION}",
        ],
        viewport={"width": 1100, "height": 800},
    )
    try:
        yield context
    finally:
        context.close()


@pytest.fixture(scope="session")
def worker(browser: Any) -> Any:
    """The extension's background service worker."""
    workers = browser.service_workers
    return workers[0] if workers else browser.wait_for_event("serviceworker", timeout=15000)


@pytest.fixture(scope="session")
def extension_id(worker: Any) -> str:
    """The unpacked extension's id (from its worker's URL)."""
    return str(worker.url.split("/")[2])


@pytest.fixture
def configured(worker: Any, service: Service) -> Iterator[Service]:
    """The extension pointed at the test service with its key, on 127.0.0.1 pages, nothing muted."""
    worker.evaluate("() => Promise.all([chrome.storage.sync.clear(), chrome.storage.local.clear()])")
    set_settings(worker, serverUrl=service.url, apiKey=service.key, sites=["http://127.0.0.1/*"])
    yield service


@pytest.fixture
def page(browser: Any, configured: Service, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh tab; its screenshot is kept under test-artifacts/extension/ after the test."""
    new = browser.new_page()
    messages: list[str] = []
    new.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    new.on("pageerror", lambda error: messages.append(f"pageerror: {error}"))
    try:
        yield new
    finally:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = request.node.name.replace("/", "_").replace("[", "-").replace("]", "")
        try:
            new.screenshot(path=str(ARTIFACTS / f"{name}.png"))
        except Exception as error:  # a crashed tab still lets the test report its own failure
            messages.append(f"screenshot failed: {error}")
        (ARTIFACTS / f"{name}.console.txt").write_text("\n".join(messages), encoding="utf-8")
        new.close()

"""Fixtures for the admin page's tests: one real service for the session, headless Chromium (Debian's
/usr/bin/chromium driven by Playwright), and a fresh browser context per test signed in with a lead key."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from .helpers import Service, running_service, sign_in


@pytest.fixture(scope="session")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """The service over a copy of tests/banks/basic; tests add their own entries rather than share one."""
    with running_service(tmp_path_factory.mktemp("replycoach-admin")) as running:
        yield running


class PageEvents:
    """What a page did that a lead would notice or that signals a bug: dialogs and uncaught errors."""

    def __init__(self) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []

    def dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def events() -> PageEvents:
    """The dialogs and uncaught errors of the test's page."""
    return PageEvents()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser context (its own cookies) at 1100×800."""
    created = browser.new_context(viewport={"width": 1100, "height": 800})
    created.set_default_timeout(10000)
    try:
        yield created
    finally:
        created.close()


@pytest.fixture
def signed_out(context: BrowserContext, events: PageEvents) -> Iterator[Page]:
    """A page of its own, not signed in; fails the test if the page raised an error."""
    page = context.new_page()
    page.on("dialog", events.dialog)
    page.on("pageerror", lambda error: events.errors.append(str(error)))
    yield page
    assert events.errors == [], f"the page raised: {events.errors}"


@pytest.fixture
def page(signed_out: Page, service: Service) -> Page:
    """A page signed in with the lead key, showing the entry list."""
    sign_in(signed_out, service.url, service.lead_key)
    expect(signed_out.locator("#entries tbody tr").first).to_be_visible()
    return signed_out

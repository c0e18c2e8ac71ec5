"""The Firefox fixtures, one Firefox for the whole session (conftest.py imports them): headless Firefox ESR
with the extension as a temporary add-on, set up once on its options page as an agent would; a tab per test
with its screenshot kept; and settings changed for one test and put back after it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from .firefox import by_id, firefox, open_extension_page, set_settings, wait_until
from .helpers import ARTIFACTS, Service


@pytest.fixture(scope="session")
def firefox_browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Firefox ESR with the extension as a temporary add-on; its log is kept in test-artifacts."""
    with firefox(tmp_path_factory.mktemp("firefox-profile"), ARTIFACTS / "firefox.log") as client:
        yield client


@pytest.fixture(scope="session")
def firefox_configured(firefox_browser: Any, service: Service) -> Any:
    """The extension set up on its options page as an agent would: service URL, API key, the test pages'
    site, "Test connection" (it must say it connected), then Save (it must say saved)."""
    client = firefox_browser
    start = client.current_window_handle
    open_extension_page(client, "options/options.html")
    # The page shows the stored (default) settings once the background script answered.
    wait_until(
        lambda: client.execute_script("return document.querySelector('#serverUrl')?.value"),
        10,
        lambda: "the options page did not show the stored settings",
    )
    for field, value in (
        ("serverUrl", service.url),
        ("apiKey", service.key),
        ("sites", "http://127.0.0.1/*"),
    ):
        by_id(client, field).clear()
        by_id(client, field).send_keys(value)

    health = requests.get(f"{service.url}/health", timeout=10).json()
    connected = (
        f"Connected: Reply Coach {health['version']}, {health['bank']['entries']} phrase bank entries."
    )
    by_id(client, "test").click()
    wait_until(
        lambda: by_id(client, "testResult").text == connected,
        10,
        lambda: f"Test connection shows {by_id(client, 'testResult').text!r}, not {connected!r}",
    )
    by_id(client, "save").click()
    wait_until(
        lambda: by_id(client, "saveResult").text == "Saved.",
        10,
        lambda: f"Save shows {by_id(client, 'saveResult').text!r}, not 'Saved.'",
    )
    client.close()  # the options tab
    client.switch_to_window(start)
    return client


@pytest.fixture
def tab(firefox_configured: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """The configured browser's tab; a screenshot of it is kept under test-artifacts/extension/, then the
    window gets back the size it had if the test changed it, and the tab a blank page."""
    size = firefox_configured.window_rect
    yield firefox_configured
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = request.node.name.replace("/", "_").replace("[", "-").replace("]", "")
    try:
        screenshot = firefox_configured.screenshot(format="binary")
    except Exception as error:  # a crashed tab still lets the test report its own failure
        (ARTIFACTS / f"firefox-{name}.txt").write_text(f"screenshot failed: {error}")
    else:
        (ARTIFACTS / f"firefox-{name}.png").write_bytes(screenshot)
    if firefox_configured.window_rect != size:
        firefox_configured.set_window_rect(width=size["width"], height=size["height"])
    # An idle Firefox between its tests: the Chromium tests that run meanwhile time the extension.
    firefox_configured.navigate("about:blank")


@pytest.fixture
def firefox_settings(tab: Any, service: Service) -> Iterator[Callable[..., None]]:
    """Write settings into Firefox's storage for one test (as test_options' `set_settings` does in Chromium);
    afterwards the storage holds exactly the session's settings again (nothing muted, nothing renamed)."""
    yield lambda **values: set_settings(tab, values)
    set_settings(
        tab, {"serverUrl": service.url, "apiKey": service.key, "sites": ["http://127.0.0.1/*"]}, clear=True
    )

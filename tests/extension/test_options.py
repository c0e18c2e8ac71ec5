"""The options page: settings from storage, "Test connection" with a clear result, saving."""

from __future__ import annotations

import time
from typing import Any

from .helpers import Service

# What the options page lists under its keyboard shortcuts (the manifest's commands, as the browser has them).
SHORTCUTS = ["Alt+Shift+J Open the next flag's card", "Alt+Shift+K Open the previous flag's card"]


def wait_until_loaded(tab: Any) -> None:
    """Wait for the options page to show the stored settings (its CSP rules out wait_for_function)."""
    deadline = time.monotonic() + 10
    while not tab.input_value("#serverUrl"):
        assert time.monotonic() < deadline, "the options page did not load the settings"
        tab.wait_for_timeout(50)


def open_options(browser: Any, extension_id: str) -> Any:
    tab = browser.new_page()
    tab.goto(f"chrome-extension://{extension_id}/options/options.html")
    return tab


def test_options_show_test_and_save_settings(
    browser: Any, worker: Any, extension_id: str, configured: Service
) -> None:
    tab = open_options(browser, extension_id)
    try:
        wait_until_loaded(tab)
        assert tab.input_value("#serverUrl") == configured.url
        assert tab.input_value("#sites") == "http://127.0.0.1/*"

        tab.fill("#apiKey", "rc_wrong")
        tab.click("#test")
        result = tab.locator("#testResult[data-state='error']")
        result.wait_for()
        assert "refused the API key" in result.inner_text()

        tab.fill("#apiKey", configured.key)
        tab.click("#test")
        tab.locator("#testResult[data-state='ok']").wait_for()
        assert tab.inner_text("#testResult").startswith("Connected: Reply Coach")

        tab.fill("#sites", "http://127.0.0.1/*\nhttp://localhost/*")
        tab.click("#save")
        tab.locator("#saveResult[data-state='ok']").wait_for()
        stored = worker.evaluate("() => chrome.storage.sync.get(null)")
        assert stored["sites"] == ["http://127.0.0.1/*", "http://localhost/*"]
        assert stored["apiKey"] == configured.key and stored["serverUrl"] == configured.url
    finally:
        tab.close()


def test_unknown_message_is_an_error(browser: Any, extension_id: str, configured: Service) -> None:
    tab = open_options(browser, extension_id)
    try:
        reply = tab.evaluate("chrome.runtime.sendMessage({type: 'no.such.message'})")
        assert reply == {
            "ok": False,
            "error": {"code": "unknown_message", "message": 'Unknown message: "no.such.message"'},
        }
    finally:
        tab.close()


def test_renamed_settings_are_migrated(
    worker: Any, browser: Any, extension_id: str, configured: Service
) -> None:
    worker.evaluate("() => chrome.storage.sync.clear()")
    worker.evaluate("old => chrome.storage.sync.set(old)", {"server": "http://127.0.0.1:1", "key": "rc_old"})
    tab = open_options(browser, extension_id)
    try:
        wait_until_loaded(tab)
        assert tab.input_value("#serverUrl") == "http://127.0.0.1:1"
        assert tab.input_value("#apiKey") == "rc_old"
        stored = worker.evaluate("() => chrome.storage.sync.get(null)")
        assert stored == {"serverUrl": "http://127.0.0.1:1", "apiKey": "rc_old"}
    finally:
        tab.close()

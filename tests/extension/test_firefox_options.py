"""The options page, the badge and the underlines' contrast in Firefox, as test_options.py and
test_badge_and_options.py check them in Chromium: settings from storage, "Test connection" with a clear
result, Save keeping only a service and key that work and staying in sight, renamed settings migrated, an
unknown message an error; the badge saying what it counts, and a failure on it linking to the options page;
underlines with 3:1 contrast on a dark editor."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from .firefox import (
    EXTENSION_ORIGIN,
    by_id,
    find,
    open_extension_page,
    overlay,
    set_settings,
    set_viewport,
    stored_settings,
    type_text,
    wait_for_badge,
    wait_for_marker,
    wait_until,
)
from .helpers import DRAFT, RULE, Service
from .test_badge_and_options import CONTRAST, WAIT_DRAFT
from .views import badge_for

OPTIONS = "options/options.html"
Settings = Callable[..., None]


def value(client: Any, element_id: str) -> str:
    return str(
        client.execute_script("return document.getElementById(arguments[0]).value;", script_args=[element_id])
    )


def fill(client: Any, element_id: str, text: str) -> None:
    by_id(client, element_id).clear()
    by_id(client, element_id).send_keys(text)


def result(client: Any, element_id: str, state: str) -> str:
    """The text of the output `element_id` once its data-state is `state`."""
    selector = f"#{element_id}[data-state='{state}']"
    wait_until(
        lambda: client.execute_script("return document.querySelector(arguments[0]);", script_args=[selector]),
        10,
        lambda: f"#{element_id} says {by_id(client, element_id).text!r}, not a result in state {state!r}",
    )
    return str(by_id(client, element_id).text)


@contextlib.contextmanager
def options_page(client: Any) -> Iterator[None]:
    """The extension's options page in a tab of its own, once it shows the stored settings; closed after."""
    start = client.current_window_handle
    open_extension_page(client, OPTIONS)
    try:
        wait_until(
            lambda: value(client, "serverUrl"), 10, lambda: "the options page did not load the settings"
        )
        yield
    finally:
        client.close()
        client.switch_to_window(start)


def test_options_show_test_and_save_settings_in_firefox(
    tab: Any, service: Service, firefox_settings: Settings
) -> None:
    with options_page(tab):
        assert value(tab, "serverUrl") == service.url
        assert value(tab, "sites") == "http://127.0.0.1/*"

        fill(tab, "apiKey", "rc_wrong")
        by_id(tab, "test").click()
        assert "refused the API key" in result(tab, "testResult", "error")

        fill(tab, "apiKey", service.key)
        by_id(tab, "test").click()
        assert result(tab, "testResult", "ok").startswith("Connected: Reply Coach")

        fill(tab, "sites", "http://127.0.0.1/*\nhttp://localhost/*")
        by_id(tab, "save").click()
        result(tab, "saveResult", "ok")
        stored = stored_settings(tab)
        assert stored["sites"] == ["http://127.0.0.1/*", "http://localhost/*"]
        assert stored["apiKey"] == service.key and stored["serverUrl"] == service.url


def test_unknown_message_is_an_error_in_firefox(tab: Any) -> None:
    with options_page(tab):
        reply = tab.execute_async_script(
            "const done = arguments[0]; const page = window.wrappedJSObject;"
            'page.chrome.runtime.sendMessage(page.JSON.parse(\'{"type": "no.such.message"}\'))'
            ".then((answer) => done(page.JSON.stringify(answer)));"
        )
    assert reply == (
        '{"ok":false,"error":{"code":"unknown_message","message":"Unknown message: \\"no.such.message\\""}}'
    )


def test_renamed_settings_are_migrated_in_firefox(tab: Any, firefox_settings: Settings) -> None:
    set_settings(tab, {"server": "http://127.0.0.1:1", "key": "rc_old"}, clear=True)
    with options_page(tab):
        assert value(tab, "serverUrl") == "http://127.0.0.1:1"
        assert value(tab, "apiKey") == "rc_old"
        assert stored_settings(tab) == {"serverUrl": "http://127.0.0.1:1", "apiKey": "rc_old"}


def test_save_keeps_only_a_key_that_works_and_stays_in_sight_in_firefox(
    tab: Any, service: Service, firefox_settings: Settings
) -> None:
    set_viewport(tab, 1280, 800)
    with options_page(tab):
        box = tab.execute_script(
            "const r = document.getElementById('save').getBoundingClientRect();"
            "return [r.x, r.y, r.width, r.height];"
        )
        assert box[1] >= 0 and box[1] + box[3] <= 800, f"Save at {box} in an 800-px window"
        middle = [box[0] + box[2] / 2, box[1] + box[3] / 2]
        hit = tab.execute_script("return document.elementFromPoint(...arguments).id;", script_args=middle)
        assert hit == "save"

        fill(tab, "apiKey", "rc_wrong")
        by_id(tab, "test").click()
        said = result(tab, "testResult", "error")
        assert "refused the API key" in said and "in the options" not in said

        by_id(tab, "save").click()
        assert result(tab, "saveResult", "error") == (
            "Not saved: The service refused the API key: "
            "check it above (make one with `replycoach keys create`)."
        )
        assert stored_settings(tab)["apiKey"] == service.key
        assert "in the options" not in tab.execute_script("return document.body.innerText;")

        fill(tab, "apiKey", service.key)
        by_id(tab, "save").click()
        result(tab, "saveResult", "ok")


def test_the_badge_says_what_it_counts_in_firefox(tab: Any, pages_url: str, service: Service) -> None:
    tab.navigate(f"{pages_url}/textarea.html")
    find(tab, "#reply").click()
    type_text(tab, WAIT_DRAFT)
    expected = badge_for(service.analyze(WAIT_DRAFT))
    assert expected.startswith("2 warnings · score ")
    wait_for_badge(tab, expected, "once the draft is checked")


def test_a_failure_on_the_badge_links_to_the_options_in_firefox(
    tab: Any, pages_url: str, firefox_settings: Settings
) -> None:
    firefox_settings(apiKey="rc_wrong")
    start = tab.current_window_handle
    tab.navigate(f"{pages_url}/textarea.html")
    find(tab, "#reply").click()
    type_text(tab, DRAFT)
    badge = wait_until(
        lambda: overlay(tab, "[data-rc-badge][data-rc-status='error']"),
        10,
        lambda: "the badge shows no failure",
    )
    assert badge.text == "Reply Coach: key refused"
    badge.click()
    link = wait_until(
        lambda: overlay(tab, ".list [data-rc-action='options']"),
        5,
        lambda: "the badge's list has no options link",
    )
    assert link.text == "Open Reply Coach options"
    before = set(tab.window_handles)
    link.click()
    (options,) = wait_until(lambda: set(tab.window_handles) - before, 10, lambda: "the link opened no tab")
    tab.switch_to_window(options)
    try:
        url = f"{EXTENSION_ORIGIN}/{OPTIONS}"
        wait_until(lambda: tab.get_url() == url, 10, lambda: f"the link opened {tab.get_url()}, not {url}")
    finally:
        tab.close()
        tab.switch_to_window(start)


def underline_contrast(client: Any) -> tuple[str, float]:
    """The warning underline's colour and its contrast with the editor's background."""
    colour = client.execute_script(
        "return getComputedStyle(arguments[0]).borderBottomColor;",
        script_args=[overlay(client, f".marker[data-rc-rule='{RULE}']")],
    )
    behind = client.execute_script(
        "return getComputedStyle(document.querySelector('#reply')).backgroundColor;"
    )
    return colour, contrast(client, colour, behind)


def contrast(client: Any, one: str, other: str) -> float:
    ratio: float = client.execute_script(f"return ({CONTRAST})(arguments);", script_args=[one, other])
    return ratio


def test_underlines_keep_contrast_on_a_dark_editor_in_firefox(tab: Any, pages_url: str) -> None:
    for page in ("contenteditable.html", "dark.html"):
        tab.navigate(f"{pages_url}/{page}")
        find(tab, "#reply").click()
        type_text(tab, DRAFT)
        wait_for_marker(tab, RULE)
        colour, ratio = underline_contrast(tab)
        if page == "contenteditable.html":
            assert colour == "rgb(217, 48, 37)" and ratio >= 3  # the usual red on a white editor
        else:
            assert ratio >= 3, f"the underline {colour} has {ratio:.2f}:1 contrast on the dark editor"
    assert contrast(tab, "rgb(217, 48, 37)", "rgb(60, 64, 67)") < 3  # the usual red would not

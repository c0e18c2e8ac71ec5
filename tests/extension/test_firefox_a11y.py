"""Keyboard and screen readers in Firefox, as test_keyboard_and_a11y.py checks them in Chromium: the
shortcuts and arrows, Tab kept inside the open card, Esc closing the card and the badge's list, the shortcuts
from a card drawn over TinyMCE's iframe, the card described by its message and why, the polite live region
saying the number of warnings, and axe-core finding nothing on the card, the badge's list and the options
page. (Letters typed in the card: test_firefox_flow.py.)"""

from __future__ import annotations

from typing import Any

import pytest

from .axe import CARD, LIST_AND_BADGE, WHOLE_PAGE, firefox_violations
from .firefox import (
    ALT,
    CONTROL,
    DOWN,
    ESCAPE,
    SHIFT,
    TAB,
    UP,
    find,
    open_editor,
    open_extension_page,
    overlay,
    press,
    type_text,
    wait_for_marker,
    wait_until,
)
from .helpers import RULE, Service, node_modules_ready
from .test_keyboard_and_a11y import FOCUSED, LIVE, SHADOW, WAIT_DRAFT
from .test_options import SHORTCUTS
from .test_text_arrives import PAGES as EDITOR_PAGES

pytestmark = pytest.mark.skipif(not node_modules_ready(), reason="run scripts/test: it installs axe-core")


def focused(client: Any) -> str | None:
    value: str | None = client.execute_script(FOCUSED)
    return value


def open_flag(client: Any) -> str | None:
    card = overlay(client, ".card")
    return card.get_attribute("data-rc-flag") if card else None


def open_draft(client: Any, pages_url: str, text: str) -> None:
    client.navigate(f"{pages_url}/textarea.html")
    find(client, "#reply").click()
    type_text(client, text)
    wait_for_marker(client, RULE)


def test_keys_in_and_around_the_card_in_firefox(tab: Any, pages_url: str, service: Service) -> None:
    open_draft(tab, pages_url, WAIT_DRAFT)
    flags = service.analyze(WAIT_DRAFT)["flags"]
    assert len(flags) == 2 and all(len(flag["suggestions"]) == 2 for flag in flags)

    press(tab, ALT, SHIFT, "K")  # previous: from no card, the last flag
    wait_until(lambda: open_flag(tab) == flags[1]["id"], 5, lambda: f"Alt+Shift+K opened {open_flag(tab)}")
    press(tab, ALT, SHIFT, "K")
    wait_until(lambda: open_flag(tab) == flags[0]["id"], 5, lambda: f"Alt+Shift+K opened {open_flag(tab)}")
    assert overlay(tab, ".card .keys").text == (
        "Alt+Shift+J next flag · Alt+Shift+K previous · ↑↓ rewrites · Enter apply · Esc close"
    )

    assert focused(tab) == "apply:0"
    press(tab, DOWN)
    assert focused(tab) == "apply:1"
    press(tab, DOWN)
    assert focused(tab) == "apply:0"  # wraps
    press(tab, UP)
    assert focused(tab) == "apply:1"

    # Tab goes round the card's controls and never leaves it: Why, the two rewrites, Dismiss, mute.
    ring = ["SUMMARY:", "apply:0", "apply:1", "dismiss:", "mute:"]
    press(tab, DOWN)  # back to the first rewrite
    seen = []
    for _ in range(len(ring) + 1):
        press(tab, TAB)
        seen.append(focused(tab))
    assert seen == ring[2:] + ring[:3]  # from the first rewrite round to the second
    press(tab, SHIFT, TAB)
    press(tab, SHIFT, TAB)
    assert focused(tab) == "SUMMARY:"
    press(tab, SHIFT, TAB)
    assert focused(tab) == "mute:"  # Shift+Tab from the first wraps to the last

    press(tab, ESCAPE)
    wait_until(lambda: overlay(tab, ".card") is None, 5, lambda: "Esc left the card open")
    assert tab.execute_script("return document.activeElement.id") == "reply"

    overlay(tab, "[data-rc-badge]").click()
    wait_until(lambda: overlay(tab, ".list:not([hidden])"), 5, lambda: "the badge opened no list")
    press(tab, ESCAPE)
    wait_until(lambda: overlay(tab, ".list:not([hidden])") is None, 5, lambda: "Esc left the list open")
    assert tab.execute_script("return document.querySelector('#reply').value") == WAIT_DRAFT


def test_the_card_is_described_and_warnings_are_announced_in_firefox(
    tab: Any, pages_url: str, service: Service
) -> None:
    open_draft(tab, pages_url, WAIT_DRAFT)
    wait_until(
        lambda: tab.execute_script(LIVE) == "2 warnings", 10, lambda: f"live: {tab.execute_script(LIVE)!r}"
    )
    press(tab, ALT, SHIFT, "J")
    wait_until(lambda: overlay(tab, ".card"), 5, lambda: "Alt+Shift+J opened no card")
    described = tab.execute_script(
        f"const root = {SHADOW}; return root.querySelector('.card').getAttribute('aria-describedby')"
        ".split(' ').map((id) => root.getElementById(id).textContent);"
    )
    flag = service.analyze(WAIT_DRAFT)["flags"][0]
    assert described == [flag["message"], flag["why"]]
    press(tab, ESCAPE)
    press(tab, CONTROL, "a")
    type_text(tab, "Hello Sam, thanks for writing.")
    wait_until(
        lambda: tab.execute_script(LIVE) == "No warnings", 10, lambda: f"live: {tab.execute_script(LIVE)!r}"
    )


def test_axe_finds_nothing_on_the_card_and_the_badges_list_in_firefox(
    tab: Any, pages_url: str, service: Service
) -> None:
    open_draft(tab, pages_url, WAIT_DRAFT)
    press(tab, ALT, SHIFT, "J")
    wait_until(lambda: overlay(tab, ".card summary"), 5, lambda: "Alt+Shift+J opened no card").click()
    wait_until(lambda: overlay(tab, ".card details[open]"), 5, lambda: "the card's Why did not open")
    assert firefox_violations(tab, CARD) == []
    press(tab, ESCAPE)
    overlay(tab, "[data-rc-badge]").click()
    wait_until(lambda: overlay(tab, ".list:not([hidden])"), 5, lambda: "the badge opened no list")
    assert firefox_violations(tab, LIST_AND_BADGE) == []


def test_the_options_page_shows_the_shortcuts_and_axe_finds_nothing_in_firefox(tab: Any) -> None:
    start = tab.current_window_handle
    open_extension_page(tab, "options/options.html")
    try:
        wait_until(
            lambda: tab.execute_script("return document.querySelector('#serverUrl').value"),
            10,
            lambda: "the options page did not show the stored settings",
        )
        shown = tab.execute_script(
            "return [...document.querySelectorAll('#shortcuts li')].map((li) => li.innerText);"
        )
        assert shown == SHORTCUTS
        assert firefox_violations(tab, WHOLE_PAGE) == []
    finally:
        tab.close()
        tab.switch_to_window(start)


def test_shortcuts_from_a_card_over_a_framed_editor_in_firefox(
    tab: Any, pages_url: str, service: Service
) -> None:
    """TinyMCE's iframe: its card is drawn in the page, and the shortcuts still step from flag to flag while
    the card has the focus."""
    open_editor(tab, pages_url, EDITOR_PAGES["tinymce"])
    type_text(tab, WAIT_DRAFT)
    wait_for_marker(tab, RULE)
    flags = service.analyze(WAIT_DRAFT)["flags"]
    for keys, flag in (("K", flags[1]), ("K", flags[0]), ("J", flags[1])):
        press(tab, ALT, SHIFT, keys)
        wait_until(
            lambda flag=flag: open_flag(tab) == flag["id"],
            5,
            lambda keys=keys: f"Alt+Shift+{keys} opened {open_flag(tab)}",
        )

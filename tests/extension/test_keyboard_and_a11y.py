"""Keyboard and screen readers: the shortcuts are the manifest's commands (shown in the card and on the
options page), a previous-flag shortcut, arrows between rewrites, Tab kept inside the open card, Esc closing
the card and the badge's list, letters typed while the card has the focus going to the editor, the card
described by its message and why, a polite live region saying the number of warnings, and axe-core finding
nothing on the card, the badge's list and the options page."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .axe import CARD, LIST_AND_BADGE, WHOLE_PAGE, chromium_violations
from .helpers import (
    DRAFT,
    EXTENSION,
    RULE,
    Service,
    node_modules_ready,
    open_editor,
    type_draft,
    type_keys,
)
from .test_options import SHORTCUTS, open_options, wait_until_loaded
from .test_rich_editors import FLAG_SHOWN, wait_for_model
from .test_text_arrives import PAGES as EDITOR_PAGES
from .views import as_function

pytestmark = pytest.mark.skipif(not node_modules_ready(), reason="run scripts/test: it installs axe-core")

WAIT_DRAFT = "Calm down. You will have to wait 24 hours."
# The shadow root of the frame's script that drew the badge (an editor in an iframe draws in the top page).
SHADOW = (
    "[...document.querySelectorAll('replycoach-ui')].map((host) => host.shadowRoot)"
    ".find((root) => root.querySelector('[data-rc-badge]:not([hidden])'))"
)
# Function bodies, as Marionette runs them; Playwright runs them through `as_function`.
FOCUSED = (
    f"const f = {SHADOW}.activeElement;"
    " return f ? (f.dataset.rcAction || f.tagName) + ':' + (f.dataset.rcIndex || '') : null;"
)
LIVE = f"return {SHADOW}.querySelector('.live[aria-live=polite]').textContent;"


def focused(page: Any) -> str | None:
    value: str | None = page.evaluate(as_function(FOCUSED), [])
    return value


def open_draft(page: Any, pages_url: str, text: str) -> list[dict[str, Any]]:
    page.goto(f"{pages_url}/textarea.html")
    type_draft(page, "#reply", text)
    page.wait_for_function(FLAG_SHOWN, arg=RULE, polling="raf", timeout=10000)
    return []


def test_the_shortcuts_are_the_manifests_commands() -> None:
    manifest = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
    commands = manifest["commands"]
    assert commands["next-flag"]["suggested_key"] == {"default": "Alt+Shift+J"}
    assert commands["previous-flag"]["suggested_key"] == {"default": "Alt+Shift+K"}


def test_keys_in_and_around_the_card(page: Any, pages_url: str, configured: Service) -> None:
    open_draft(page, pages_url, WAIT_DRAFT)
    flags = configured.analyze(WAIT_DRAFT)["flags"]
    assert len(flags) == 2 and all(len(flag["suggestions"]) == 2 for flag in flags)
    card = page.locator("replycoach-ui .card")

    page.keyboard.press("Alt+Shift+KeyK")  # previous: from no card, the last flag
    assert card.get_attribute("data-rc-flag") == flags[1]["id"]
    page.keyboard.press("Alt+Shift+KeyK")
    assert card.get_attribute("data-rc-flag") == flags[0]["id"]
    assert card.locator(".keys").inner_text() == (
        "Alt+Shift+J next flag · Alt+Shift+K previous · ↑↓ rewrites · Enter apply · Esc close"
    )

    assert focused(page) == "apply:0"
    page.keyboard.press("ArrowDown")
    assert focused(page) == "apply:1"
    page.keyboard.press("ArrowDown")
    assert focused(page) == "apply:0"  # wraps
    page.keyboard.press("ArrowUp")
    assert focused(page) == "apply:1"

    # Tab goes round the card's controls and never leaves it: Why, the two rewrites, Dismiss, mute.
    ring = ["SUMMARY:", "apply:0", "apply:1", "dismiss:", "mute:"]
    page.keyboard.press("ArrowDown")  # back to the first rewrite
    seen = []
    for _ in range(len(ring) + 1):
        page.keyboard.press("Tab")
        seen.append(focused(page))
    assert seen == ring[2:] + ring[:3]  # from the first rewrite round to the second
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert focused(page) == "SUMMARY:"
    page.keyboard.press("Shift+Tab")
    assert focused(page) == "mute:"  # Shift+Tab from the first wraps to the last

    page.keyboard.press("Escape")
    card.wait_for(state="detached")
    assert page.evaluate("document.activeElement.id") == "reply"

    page.locator("replycoach-ui [data-rc-badge]").click()
    listed = page.locator("replycoach-ui .list")
    listed.wait_for()
    page.keyboard.press("Escape")
    listed.wait_for(state="hidden")
    assert page.input_value("#reply") == WAIT_DRAFT  # nothing typed went astray


# Where a letter typed in the card is checked to reach the editor (in Chromium, and in Firefox by
# test_firefox_flow.py): editors in the page, and in an iframe (TinyMCE, CKEditor 4, a plain contenteditable),
# where the card types the letter itself.
LETTER_EDITORS = [
    "textarea",
    "ckeditor5",
    "tinymce",
    "ckeditor4",
    "iframe-contenteditable",
    "quill",
    "prosemirror",
    "lexical",
]


@pytest.mark.parametrize("name", LETTER_EDITORS)
def test_letters_typed_in_the_card_go_to_the_editor(
    page: Any, pages_url: str, configured: Service, name: str
) -> None:
    editor = EDITOR_PAGES[name]
    open_editor(page, pages_url, editor)
    type_keys(page, DRAFT)
    page.wait_for_function(FLAG_SHOWN, arg=RULE, polling="raf", timeout=10000)
    page.keyboard.press("Alt+Shift+KeyJ")
    card = page.locator("replycoach-ui .card")
    card.wait_for()
    assert focused(page) == "apply:0"
    page.keyboard.type(" Thanks", delay=5)
    card.wait_for(state="detached")
    wait_for_model(page, DRAFT + " Thanks", "typing with the card focused")


def test_the_card_is_described_and_warnings_are_announced(
    page: Any, pages_url: str, configured: Service
) -> None:
    open_draft(page, pages_url, WAIT_DRAFT)
    page.wait_for_function(f"() => ({as_function(LIVE)})([]) === '2 warnings'", timeout=10000)
    page.keyboard.press("Alt+Shift+KeyJ")
    described = page.evaluate(
        f"""() => {{
          const card = {SHADOW}.querySelector('.card');
          return card.getAttribute('aria-describedby').split(' ')
            .map((id) => {SHADOW}.getElementById(id).textContent);
        }}"""
    )
    flag = configured.analyze(WAIT_DRAFT)["flags"][0]
    assert described == [flag["message"], flag["why"]]
    page.keyboard.press("Escape")
    page.keyboard.press("Control+a")
    type_keys(page, "Hello Sam, thanks for writing.")
    page.wait_for_function(f"() => ({as_function(LIVE)})([]) === 'No warnings'", timeout=10000)


def test_axe_finds_nothing_on_the_card_and_the_badges_list(
    page: Any, pages_url: str, configured: Service
) -> None:
    open_draft(page, pages_url, WAIT_DRAFT)
    page.keyboard.press("Alt+Shift+KeyJ")
    page.locator("replycoach-ui .card summary").click()  # the Why open too
    assert chromium_violations(page, CARD) == []
    page.keyboard.press("Escape")
    page.locator("replycoach-ui [data-rc-badge]").click()
    page.locator("replycoach-ui .list").wait_for()
    assert chromium_violations(page, LIST_AND_BADGE) == []


def test_the_options_page_shows_the_shortcuts_and_axe_finds_nothing(
    browser: Any, extension_id: str, configured: Service
) -> None:
    tab = open_options(browser, extension_id)
    try:
        wait_until_loaded(tab)
        assert tab.locator("#shortcuts li").all_inner_texts() == SHORTCUTS
        assert chromium_violations(tab, WHOLE_PAGE) == []
    finally:
        tab.close()


def test_shortcuts_from_a_card_over_a_framed_editor(page: Any, pages_url: str, configured: Service) -> None:
    """TinyMCE's iframe: its card is drawn in the page, and the shortcuts still step from flag to flag while
    the card has the focus."""
    editor = EDITOR_PAGES["tinymce"]
    page.goto(f"{pages_url}/{editor.page}")
    page.wait_for_function(editor.ready, timeout=15000)
    page.frame_locator(editor.frame).locator(editor.editable).click()
    type_keys(page, WAIT_DRAFT)
    page.wait_for_function(FLAG_SHOWN, arg=RULE, polling="raf", timeout=10000)
    flags = configured.analyze(WAIT_DRAFT)["flags"]
    card = page.locator("replycoach-ui .card")
    page.keyboard.press("Alt+Shift+KeyK")
    assert card.get_attribute("data-rc-flag") == flags[1]["id"]
    page.keyboard.press("Alt+Shift+KeyK")
    page.wait_for_function(
        f"id => ({SHADOW}).querySelector('.card')?.dataset.rcFlag === id", arg=flags[0]["id"], timeout=5000
    )
    page.keyboard.press("Alt+Shift+KeyJ")
    page.wait_for_function(
        f"id => ({SHADOW}).querySelector('.card')?.dataset.rcFlag === id", arg=flags[1]["id"], timeout=5000
    )

"""Text that arrives without typing is checked: a draft pasted with Ctrl+V from the clipboard, and a canned
reply a helpdesk macro puts in through the editor's own API, are flagged with no keystroke after, in every
editor of the suite; meanwhile the badge says "checking…", never the stale result of the text before."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import RULE, Service, node_modules_ready, open_editor
from .test_rich_editors import EDITORS, FLAG_SHOWN, Editor, wait_for_model
from .views import (
    ARRIVING,
    BADGE_TEXT,
    MARKER_BOXES,
    PHRASE,
    PHRASE_BOXES,
    as_function,
    badge_for,
    underline_fits,
)

pytestmark = pytest.mark.skipif(not node_modules_ready(), reason="run scripts/test: it installs the editors")

# Every editor page of the suite: the rich editors' table, and the plain textarea and contenteditable.
PAGES = {
    "textarea": Editor("textarea.html", "#reply", "() => true", method="execCommand"),
    "contenteditable": Editor("contenteditable.html", "#reply", "() => true", method="execCommand"),
    **EDITORS,
}
EMPTY_BADGE = "No warnings · score 100"  # the empty editor, checked as it takes the focus


def badge_text(page: Any) -> str:
    return str(page.evaluate(as_function(BADGE_TEXT), []))


def wait_for_badge(page: Any, text: str, when: str) -> None:
    """Wait, checking every frame, until the badge says `text`; fail showing what it says instead."""
    try:
        page.wait_for_function(
            f"text => ({as_function(BADGE_TEXT)})([]) === text", arg=text, polling="raf", timeout=10000
        )
    except Exception:
        pytest.fail(f"{when}, the badge says {badge_text(page)!r}, not {text!r}")


def focus_empty_editor(page: Any, pages_url: str, editor: Editor) -> None:
    open_editor(page, pages_url, editor)
    wait_for_badge(page, EMPTY_BADGE, "in the empty editor")


def check_flagged(page: Any, service: Service, editor: Editor) -> None:
    """Without a keystroke: the badge says "checking…" first, then the answer for the new text; the editor
    holds exactly the draft, and the flagged phrase is underlined exactly."""
    wait_for_badge(page, "checking…", "as the draft arrives")
    page.wait_for_function(FLAG_SHOWN, arg=RULE, polling="raf", timeout=10000)
    wait_for_model(page, ARRIVING, "once the draft arrived")
    wait_for_badge(page, badge_for(service.analyze(ARRIVING)), "once the draft is checked")
    markers = page.evaluate(as_function(MARKER_BOXES), [RULE])
    phrase = page.evaluate(as_function(PHRASE_BOXES), [editor.frame, editor.editable, PHRASE])
    misfit = underline_fits(markers, phrase)
    assert misfit is None, misfit


@pytest.mark.parametrize("name", list(PAGES))
def test_a_pasted_draft_is_flagged(
    page: Any, browser: Any, pages_url: str, configured: Service, name: str
) -> None:
    editor = PAGES[name]
    browser.grant_permissions(["clipboard-read", "clipboard-write"], origin=pages_url)
    focus_empty_editor(page, pages_url, editor)
    page.evaluate("text => navigator.clipboard.writeText(text)", ARRIVING)
    page.keyboard.press("Control+v")
    check_flagged(page, configured, editor)


@pytest.mark.parametrize("name", list(PAGES))
def test_a_macros_draft_is_flagged(page: Any, pages_url: str, configured: Service, name: str) -> None:
    editor = PAGES[name]
    focus_empty_editor(page, pages_url, editor)
    page.evaluate("text => window.insertMacro(text)", ARRIVING)
    check_flagged(page, configured, editor)

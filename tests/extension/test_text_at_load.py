"""A reply box may already hold a draft when the page opens (a helpdesk restoring an unsent reply, or filling
the box before the extension's scripts run): that draft is checked with no click and no keystroke
(underlined, the badge saying what it counts, with one request to the service), in Chromium and Firefox.
A hidden textarea of the page's own holding text (a form's state) sends nothing."""

from __future__ import annotations

import time
import urllib.parse
from collections.abc import Callable
from typing import Any

import pytest

from . import firefox
from .helpers import RULE, Service
from .test_macro_before_focus import QUIET_S, STARTED, check_one_request, check_quiet
from .test_rich_editors import FLAG_SHOWN
from .test_text_arrives import PAGES, badge_text, wait_for_badge
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

# The pages whose reply box can open holding a draft (`?draft=`: see each page).
AT_LOAD = ("textarea", "contenteditable", "iframe-contenteditable")
# Where the focus is: the page's body, not an editor (the agent has not clicked anywhere).
FOCUS = "return document.activeElement === document.body;"


def _url(pages_url: str, name: str, **params: str) -> str:
    return f"{pages_url}/{PAGES[name].page}?{urllib.parse.urlencode(params)}"


def _check_underline(run: Callable[[str, list[Any]], Any], editor: Any) -> None:
    """The underline lies under the phrase's words (`run(script, args)` runs a script in the browser)."""
    markers = run(MARKER_BOXES, [RULE])
    phrase = run(PHRASE_BOXES, [editor.frame, editor.editable, PHRASE])
    misfit = underline_fits(markers, phrase)
    assert misfit is None, misfit


@pytest.mark.parametrize("name", AT_LOAD)
def test_a_draft_in_the_reply_box_when_the_page_opens_is_flagged(
    page: Any, pages_url: str, configured: Service, name: str
) -> None:
    editor = PAGES[name]
    calls = configured.analyze_calls()
    page.goto(_url(pages_url, name, draft=ARRIVING))
    page.wait_for_function(FLAG_SHOWN, arg=RULE, polling="raf", timeout=10000)
    check_one_request(calls, configured)
    assert page.evaluate(as_function(FOCUS), []), "the agent never clicked: the focus must not have moved"
    assert page.evaluate("window.modelText()") == ARRIVING, "the draft must be as the page opened it"
    wait_for_badge(page, badge_for(configured.analyze(ARRIVING)), "once the draft is checked")
    _check_underline(lambda script, args: page.evaluate(as_function(script), args), editor)


def test_a_hidden_textarea_holding_text_sends_nothing(page: Any, pages_url: str, configured: Service) -> None:
    calls = configured.analyze_calls()
    page.goto(_url(pages_url, "textarea", hidden=ARRIVING))
    page.wait_for_function(as_function(STARTED), arg=[1], timeout=10000)
    page.wait_for_timeout(QUIET_S * 1000)
    check_quiet(calls, configured, badge_text(page))


@pytest.mark.parametrize("name", AT_LOAD)
def test_a_draft_in_the_reply_box_when_the_page_opens_is_flagged_in_firefox(
    tab: Any, pages_url: str, service: Service, name: str
) -> None:
    editor = PAGES[name]
    calls = service.analyze_calls()
    tab.navigate(_url(pages_url, name, draft=ARRIVING))
    firefox.wait_for_marker(tab, RULE)
    check_one_request(calls, service)
    assert tab.execute_script(FOCUS), "the agent never clicked: the focus must not have moved"
    assert firefox.model_text(tab) == ARRIVING, "the draft must be as the page opened it"
    firefox.wait_for_badge(tab, badge_for(service.analyze(ARRIVING)), "once the draft is checked")
    _check_underline(lambda script, args: tab.execute_script(script, script_args=args), editor)


def test_a_hidden_textarea_holding_text_sends_nothing_in_firefox(
    tab: Any, pages_url: str, service: Service
) -> None:
    calls = service.analyze_calls()
    tab.navigate(_url(pages_url, "textarea", hidden=ARRIVING))
    firefox.wait_until(
        lambda: tab.execute_script(STARTED, script_args=[1]),
        10,
        lambda: "the extension's scripts did not start",
    )
    time.sleep(QUIET_S)
    check_quiet(calls, service, tab.execute_script(BADGE_TEXT))

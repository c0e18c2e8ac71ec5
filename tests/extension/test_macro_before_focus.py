"""A helpdesk may put a canned reply into the reply box before the agent ever clicks in it: text arriving in
an editor that never had the focus, through the editor's own API, is checked all the same (underlined, the
badge saying what it counts, with one request to the service), in every editor page of the suite, in Chromium
and Firefox. And quiet until then: an untouched empty editor, and text added elsewhere on the page, send
nothing and show no badge."""

from __future__ import annotations

import time
from typing import Any

import pytest

from . import firefox
from .helpers import RULE, Service, node_modules_ready
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

pytestmark = pytest.mark.skipif(not node_modules_ready(), reason="run scripts/test: it installs the editors")

# Longer than the 300 ms pause after which a changed draft is checked, and the answer's way back.
QUIET_S = 0.5
# The page's own text changing outside any editor (a ticket's thread growing, say).
ELSEWHERE = "document.body.append(Object.assign(document.createElement('p'), {textContent: arguments[0]}));"
# The content scripts have started in the editor's frame: each frame's script has its <replycoach-ui> host.
STARTED = "return document.querySelectorAll('replycoach-ui').length >= arguments[0];"


def check_quiet(calls: int, service: Service, badge: str) -> None:
    """Nothing was sent since `calls`, and no badge is shown."""
    assert service.analyze_calls() == calls, f"{service.analyze_calls() - calls} request(s) before any text"
    assert badge == "", f"the badge says {badge!r} for an editor nobody used"


def check_one_request(calls: int, service: Service) -> None:
    """The arriving text was sent once (debounced like typing: not once per change of the DOM)."""
    time.sleep(QUIET_S)
    sent = service.analyze_calls() - calls
    assert sent == 1, f"{sent} requests for one macro"


def check_arrived(text: str) -> None:
    """The editor holds the macro's text: as it is, or after the empty line an editor with no selection yet
    (Froala, Toast UI) keeps before what its API inserts."""
    assert text.lstrip("\n") == ARRIVING, f"once the macro is in, the editor holds {text!r}"


@pytest.mark.parametrize("name", list(PAGES))
def test_a_macro_into_an_editor_never_focused_is_flagged(
    page: Any, pages_url: str, configured: Service, name: str
) -> None:
    editor = PAGES[name]
    page.goto(f"{pages_url}/{editor.page}")
    page.wait_for_function(editor.ready, timeout=15000)
    page.wait_for_function(as_function(STARTED), arg=[2 if editor.frame else 1], timeout=10000)
    calls = configured.analyze_calls()
    page.evaluate(as_function(ELSEWHERE), [ARRIVING])
    page.wait_for_timeout(QUIET_S * 1000)
    check_quiet(calls, configured, badge_text(page))

    page.evaluate("text => window.insertMacro(text)", ARRIVING)
    page.wait_for_function(FLAG_SHOWN, arg=RULE, polling="raf", timeout=10000)
    check_one_request(calls, configured)
    text = page.evaluate("window.modelText()")
    check_arrived(text)
    wait_for_badge(page, badge_for(configured.analyze(text)), "once the macro is checked")
    markers = page.evaluate(as_function(MARKER_BOXES), [RULE])
    phrase = page.evaluate(as_function(PHRASE_BOXES), [editor.frame, editor.editable, PHRASE])
    misfit = underline_fits(markers, phrase)
    assert misfit is None, misfit


@pytest.mark.parametrize("name", list(PAGES))
def test_a_macro_into_an_editor_never_focused_is_flagged_in_firefox(
    tab: Any, pages_url: str, service: Service, name: str
) -> None:
    editor = PAGES[name]
    firefox.open_page(tab, pages_url, editor)
    firefox.wait_until(
        lambda: tab.execute_script(STARTED, script_args=[2 if editor.frame else 1]),
        10,
        lambda: "the extension's scripts did not start",
    )
    calls = service.analyze_calls()
    tab.execute_script(ELSEWHERE, script_args=[ARRIVING])
    time.sleep(QUIET_S)
    check_quiet(calls, service, tab.execute_script(BADGE_TEXT))

    tab.execute_script("window.wrappedJSObject.insertMacro(arguments[0]);", script_args=[ARRIVING])
    firefox.wait_for_marker(tab, RULE)
    check_one_request(calls, service)
    text = firefox.model_text(tab)
    check_arrived(text)
    firefox.wait_for_badge(tab, badge_for(service.analyze(text)), "once the macro is checked")
    markers = tab.execute_script(MARKER_BOXES, script_args=[RULE])
    phrase = tab.execute_script(PHRASE_BOXES, script_args=[editor.frame, editor.editable, PHRASE])
    misfit = underline_fits(markers, phrase)
    assert misfit is None, misfit

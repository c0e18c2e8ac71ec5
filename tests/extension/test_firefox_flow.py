"""The flow as agents feel it, in Firefox: text that arrives without typing is checked (test_text_arrives.py's
cases: a draft pasted with Ctrl+V from the clipboard, and a canned reply put in through the editor's own
API, are flagged with no keystroke after, with "checking…" on the badge until the answer for the new text),
the caret stays where the agent was after a rewrite is applied (test_caret_after_apply.py's case), the
underlines stay on their words while the agent types elsewhere (test_underlines_while_typing.py's), and a
letter typed in the card goes to the editor (test_keyboard_and_a11y.py's, in the same editors)."""

from __future__ import annotations

import time
from typing import Any

import pytest

from .firefox import (
    ALT,
    CONTROL,
    ENTER,
    HOME,
    RIGHT,
    SHIFT,
    model_text,
    open_editor,
    overlay,
    press,
    type_text,
    wait_for_badge,
    wait_for_model,
    wait_until,
)
from .helpers import DRAFT, RULE, Service, expected_after, node_modules_ready
from .test_keyboard_and_a11y import LETTER_EDITORS
from .test_rich_editors import CARET_MOVE_MS, MORE
from .test_text_arrives import EMPTY_BADGE, PAGES
from .test_underlines_while_typing import AT, KEY_GAP_MS, TWO_FLAGS, TYPED, check_samples
from .views import (
    ARRIVING,
    MARKER_BOXES,
    PHRASE,
    PHRASE_BOXES,
    SAMPLES,
    START_SAMPLING,
    badge_for,
    underline_fits,
)

pytestmark = pytest.mark.skipif(not node_modules_ready(), reason="run scripts/test: it installs the editors")


def focus_empty_editor(client: Any, pages_url: str, name: str) -> None:
    open_editor(client, pages_url, PAGES[name])
    wait_for_badge(client, EMPTY_BADGE, "in the empty editor")


def check_flagged(client: Any, service: Service, name: str) -> None:
    editor = PAGES[name]
    wait_for_badge(client, "checking…", "as the draft arrives")
    wait_until(
        lambda: overlay(client, f".marker[data-rc-rule='{RULE}']"), 10, lambda: f"no marker for {RULE}"
    )
    wait_until(
        lambda: model_text(client) == ARRIVING,
        5,
        lambda: f"the editor holds {model_text(client)!r}, not {ARRIVING!r}",
    )
    wait_for_badge(client, badge_for(service.analyze(ARRIVING)), "once the draft is checked")
    markers = client.execute_script(MARKER_BOXES, script_args=[RULE])
    phrase = client.execute_script(PHRASE_BOXES, script_args=[editor.frame, editor.editable, PHRASE])
    misfit = underline_fits(markers, phrase)
    assert misfit is None, misfit


@pytest.mark.parametrize("name", list(PAGES))
def test_a_pasted_draft_is_flagged(tab: Any, pages_url: str, service: Service, name: str) -> None:
    focus_empty_editor(tab, pages_url, name)
    with tab.using_context("chrome"):
        tab.execute_script(
            "Cc['@mozilla.org/widget/clipboardhelper;1'].getService(Ci.nsIClipboardHelper)"
            ".copyString(arguments[0]);",
            script_args=[ARRIVING],
        )
    press(tab, CONTROL, "v")
    check_flagged(tab, service, name)


@pytest.mark.parametrize("name", list(PAGES))
def test_a_macros_draft_is_flagged(tab: Any, pages_url: str, service: Service, name: str) -> None:
    focus_empty_editor(tab, pages_url, name)
    tab.execute_script("window.wrappedJSObject.insertMacro(arguments[0]);", script_args=[ARRIVING])
    check_flagged(tab, service, name)


@pytest.mark.parametrize("name", list(PAGES))
def test_the_next_word_lands_where_the_agent_was(
    tab: Any,
    pages_url: str,
    service: Service,
    name: str,
) -> None:
    focus_empty_editor(tab, pages_url, name)
    type_text(tab, DRAFT)
    wait_until(lambda: overlay(tab, f".marker[data-rc-rule='{RULE}']"), 10, lambda: f"no marker for {RULE}")
    wait_for_model(tab, DRAFT, "after typing")
    assert service.analyze(DRAFT)["flags"][0]["rule_id"] == RULE

    press(tab, ALT, SHIFT, "J")
    wait_until(lambda: overlay(tab, ".card [data-rc-action='apply']"), 5, lambda: "no card opened")
    press(tab, ENTER)
    _rewrite, after = expected_after(service, DRAFT, RULE)
    wait_until(lambda: overlay(tab, ".layer[data-rc-applied-with]"), 5, lambda: "the rewrite was not applied")
    wait_for_model(tab, after, "after apply")
    type_text(tab, MORE)
    wait_for_model(tab, after + MORE, "typing on after apply")


@pytest.mark.parametrize("name", list(PAGES))
def test_underlines_stay_on_their_words_while_typing(
    tab: Any,
    pages_url: str,
    service: Service,
    name: str,
) -> None:
    editor = PAGES[name]
    focus_empty_editor(tab, pages_url, name)
    type_text(tab, TWO_FLAGS)
    analysis = service.analyze(TWO_FLAGS)
    wait_for_badge(tab, badge_for(analysis), "once the draft is checked")

    press(tab, CONTROL, HOME)
    time.sleep(CARET_MOVE_MS / 1000)
    for _ in range(AT):
        press(tab, RIGHT)
    time.sleep(CARET_MOVE_MS / 1000)
    phrases = {flag["rule_id"]: flag["text"] for flag in analysis["flags"]}
    tab.execute_script(START_SAMPLING, script_args=[phrases, editor.frame, editor.editable])
    keys = tab.actions.sequence("key", "keyboard")
    for key in TYPED:
        keys.key_down(key).key_up(key).pause(KEY_GAP_MS)
    keys.perform()
    typed = TWO_FLAGS[:AT] + TYPED + TWO_FLAGS[AT:]
    wait_for_model(tab, typed, "after typing")
    deadline = time.monotonic() + 3
    while len(tab.execute_script(SAMPLES)) < len(TYPED) and time.monotonic() < deadline:
        time.sleep(0.05)
    check_samples(tab.execute_script(SAMPLES), len(analysis["flags"]))
    wait_for_badge(tab, badge_for(service.analyze(typed)), "once the new text is checked")


WAIT_DRAFT = "Calm down. You will have to wait 24 hours."


@pytest.mark.parametrize("name", LETTER_EDITORS)
def test_previous_flag_and_typing_from_the_card(
    tab: Any,
    pages_url: str,
    service: Service,
    name: str,
) -> None:
    """Alt+Shift+K (the manifest's previous-flag command) opens the last flag's card, then the first's; a
    letter typed while the card has the focus closes it and goes to the editor."""
    focus_empty_editor(tab, pages_url, name)
    type_text(tab, WAIT_DRAFT)
    flags = service.analyze(WAIT_DRAFT)["flags"]
    assert len(flags) == 2
    wait_for_badge(tab, badge_for(service.analyze(WAIT_DRAFT)), "once the draft is checked")

    def open_flag() -> Any:
        card = overlay(tab, ".card")
        return card.get_attribute("data-rc-flag") if card else None

    press(tab, ALT, SHIFT, "K")
    wait_until(lambda: open_flag() == flags[1]["id"], 5, lambda: f"Alt+Shift+K opened {open_flag()}")
    press(tab, ALT, SHIFT, "K")
    wait_until(lambda: open_flag() == flags[0]["id"], 5, lambda: f"Alt+Shift+K again opened {open_flag()}")
    type_text(tab, " Thanks")
    wait_until(lambda: open_flag() is None, 5, lambda: "typing left the card open")
    wait_for_model(tab, WAIT_DRAFT + " Thanks", "typing with the card focused")

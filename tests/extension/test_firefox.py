"""Firefox compatibility, end to end in real Firefox ESR (headless, driven over Marionette): the extension
installed as a temporary add-on, configured on its options page as an agent would, then a cold draft typed
with real key events, the marker, the card, the rewrite applied, and Ctrl+Z restoring the draft."""

from __future__ import annotations

import time
from typing import Any

import pytest
from latencies import record_latency

from .firefox import (
    CONTROL,
    END,
    by_id,
    find,
    open_extension_page,
    open_page,
    overlay,
    press,
    type_text,
    wait_until,
)
from .helpers import (
    DRAFT,
    RULE,
    Service,
    expected_after,
    expected_change,
    node_modules_ready,
)
from .insights import QUIET, WITHIN, counts, lead_key, settled
from .test_apply_failure import WAYWARD
from .test_rich_editors import CARET_MOVE_MS, MORE, PACES
from .test_rich_editors import EDITORS as CHROMIUM_EDITORS

# Where Firefox's way into an editor differs from Chromium's (test_rich_editors.py's `method`).
# Slate takes a script's beforeinput in Chromium, not in Firefox, where the paste after it goes in (checked
# like any other: the text read back is exactly the rewrite).
FIREFOX_METHODS: dict[str, str] = {"slate": "paste"}


def apply_and_undo(
    tab: Any,
    service: Service,
    editable: str,
    read: str,
    method: str,
    *,
    name: str = "",
    frame: str | None = None,
    pace: str = "reading",
) -> None:
    """Type the cold draft into `editable` (inside the iframe `frame`, if given) with real key events, check
    the text `read` (a JS expression in the top document) returns, open the marker's card, apply the first
    rewrite (after a second's reading, or at once with pace "immediate"), check the text and that it went
    in with `method`, then press Ctrl+Z and check the draft is back exactly, and that typing goes on."""

    def text() -> str:
        return str(tab.execute_script(f"return {read};"))

    if frame:
        tab.switch_to_frame(find(tab, frame))
    find(tab, editable).click()
    type_text(tab, DRAFT)
    typed = time.monotonic()
    if frame:
        tab.switch_to_frame()  # the extension draws for a framed editor in the top document
    marker = None
    while marker is None and time.monotonic() - typed < 10:
        marker = overlay(tab, f".marker[data-rc-rule='{RULE}']")
    if marker is None:
        pytest.fail(f"no marker for {RULE} appeared")
    if name:
        record_latency("firefox", name, time.monotonic() - typed)
    wait_until(
        lambda: text() == DRAFT, 5, lambda: f"after typing, the editor holds {text()!r}, not {DRAFT!r}"
    )

    rewrite, after = expected_after(service, DRAFT, RULE)
    if pace == "reading":
        time.sleep(max(0.0, typed + 1.1 - time.monotonic()))
    marker.click()
    button = wait_until(
        lambda: overlay(tab, ".card [data-rc-action='apply']"),
        5,
        lambda: "clicking the marker opened no card",
    )
    assert button.text == expected_change(service, DRAFT, RULE)  # what it replaces, and with what
    button.click()

    wait_until(lambda: text() == after, 5, lambda: f"after apply, the editor holds {text()!r}, not {after!r}")
    layer = wait_until(
        lambda: overlay(tab, ".layer[data-rc-applied-with]"), 5, lambda: "the rewrite was not applied"
    )
    applied_with = layer.get_attribute("data-rc-applied-with")
    assert applied_with == method, f"the rewrite went in with {applied_with}, not {method}"
    press(tab, CONTROL, "z")
    wait_until(
        lambda: text() == DRAFT, 5, lambda: f"after one Ctrl+Z, the editor holds {text()!r}, not {DRAFT!r}"
    )
    press(tab, CONTROL, END)
    time.sleep(CARET_MOVE_MS / 1000)
    type_text(tab, MORE)
    wait_until(
        lambda: text() == DRAFT + MORE,
        5,
        lambda: f"typing after the undo, the editor holds {text()!r}, not {DRAFT + MORE!r}",
    )


def test_textarea_apply_and_undo(tab: Any, pages_url: str, service: Service) -> None:
    tab.navigate(f"{pages_url}/textarea.html")
    apply_and_undo(tab, service, "#reply", "document.querySelector('#reply').value", "execCommand")


def test_contenteditable_apply_and_undo(tab: Any, pages_url: str, service: Service) -> None:
    tab.navigate(f"{pages_url}/contenteditable.html")
    read = "document.querySelector('#reply').innerText.replace(/\\n+$/, '')"
    apply_and_undo(tab, service, "#reply", read, "execCommand")
    assert (
        tab.execute_script("return document.querySelectorAll('#reply replycoach-ui, #reply .marker').length")
        == 0
    )


# Rich editors keep their own document model: the test reads it through the editor's API (each page's
# window.modelText()), once `ready` (a JS expression over the page's own window, `page`) is truthy. The
# same pages as the Chromium matrix (test_rich_editors.py), the same way into each editor's model.
EDITORS = CHROMIUM_EDITORS


@pytest.mark.skipif(not node_modules_ready(), reason="run scripts/test: it installs and bundles the editors")
@pytest.mark.parametrize("pace", PACES)
@pytest.mark.parametrize("name", list(EDITORS))
def test_rich_editor_apply_in_the_editors_model_and_undo(
    tab: Any, pages_url: str, service: Service, name: str, pace: str
) -> None:
    editor = EDITORS[name]
    open_page(tab, pages_url, editor)
    method = FIREFOX_METHODS.get(name, editor.method)
    apply_and_undo(
        tab,
        service,
        editor.editable,
        "window.wrappedJSObject.modelText()",
        method,
        name=name,
        frame=editor.frame,
        pace=pace,
    )


@pytest.mark.skipif(not node_modules_ready(), reason="run scripts/test: it installs and bundles the editors")
@pytest.mark.parametrize("name", list(WAYWARD))
def test_a_wrong_insertion_is_undone_and_said_on_the_card(
    tab: Any, pages_url: str, service: Service, name: str
) -> None:
    path, editable, _ready = WAYWARD[name]
    tab.navigate(f"{pages_url}/{path}")
    wait_until(
        lambda: tab.execute_script("return typeof window.wrappedJSObject.modelText === 'function';"),
        15,
        lambda: f"{path} did not start",
    )
    find(tab, editable).click()
    type_text(tab, DRAFT)
    marker = wait_until(
        lambda: overlay(tab, f".marker[data-rc-rule='{RULE}']"), 10, lambda: f"no marker for {RULE} appeared"
    )
    rewrite, _after = expected_after(service, DRAFT, RULE)
    marker.click()
    apply = wait_until(
        lambda: overlay(tab, ".card [data-rc-action='apply']"), 5, lambda: "the marker opened no card"
    )
    apply.click()
    failure = wait_until(
        lambda: overlay(tab, ".card[data-rc-failure] .failure"), 5, lambda: "no failure shown on the card"
    )
    assert failure.text == "Couldn't apply here; copy the rewrite."
    assert overlay(tab, ".card[data-rc-failure] textarea").get_property("value") == rewrite
    assert tab.execute_script("return window.wrappedJSObject.modelText();") == DRAFT


def _answer_permission_prompt(client: Any, grant: bool) -> None:
    """Answer Firefox's doorhanger asking for an add-on permission, as the agent would with a click."""
    with client.using_context("chrome"):
        wait_until(
            lambda: client.execute_script(
                "return PopupNotifications.panel.state === 'open'"
                " && !!document.getElementById('addon-webext-permissions-notification')"
            ),
            10,
            lambda: "Firefox showed no permission prompt",
        )
        button = "button" if grant else "secondaryButton"
        client.execute_script(
            f"document.getElementById('addon-webext-permissions-notification').{button}.click();"
        )


def _share_result(client: Any, text: str) -> None:
    wait_until(
        lambda: by_id(client, "shareResult").text == text,
        10,
        lambda: f"the sharing checkbox says {by_id(client, 'shareResult').text!r}, not {text!r}",
    )


def _may_share(client: Any) -> bool:
    """The optional data collection permission, as the extension's own page sees it."""
    return bool(
        client.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "window.wrappedJSObject.chrome.permissions"
            ".contains({data_collection: ['technicalAndInteraction']}).then(done);"
        )
    )


def test_sharing_checkbox_asks_firefox_for_the_data_collection_permission(
    tab: Any, pages_url: str, service: Service
) -> None:
    lead = lead_key(service)
    before = settled(service, lead).get(RULE, (0, 0, 0))
    start = tab.current_window_handle
    open_extension_page(tab, "options/options.html")
    options = tab.current_window_handle
    box = wait_until(
        lambda: by_id(tab, "shareActions") if by_id(tab, "shareActions").is_enabled() else None,
        10,
        lambda: "the sharing checkbox stayed disabled",
    )
    # A fresh install has not been granted the optional permission: the box says so, and nothing is sent.
    assert not _may_share(tab)
    assert not box.is_selected()
    tab.switch_to_window(start)
    tab.navigate(f"{pages_url}/textarea.html")
    apply_and_undo(tab, service, "#reply", "document.querySelector('#reply').value", "execCommand")
    time.sleep(QUIET)
    assert counts(service, lead).get(RULE, (0, 0, 0)) == before

    tab.switch_to_window(options)
    try:
        box.click()  # Firefox asks; refused, the box goes back to unticked
        _answer_permission_prompt(tab, grant=False)
        _share_result(tab, "Not sharing: the browser did not grant the permission.")
        assert not box.is_selected() and not _may_share(tab)

        box.click()
        _answer_permission_prompt(tab, grant=True)
        _share_result(tab, "Sharing: the service counts what you do with flags.")
        assert box.is_selected() and _may_share(tab)

        tab.switch_to_window(start)
        tab.navigate(f"{pages_url}/textarea.html")
        apply_and_undo(tab, service, "#reply", "document.querySelector('#reply').value", "execCommand")
        expected = (before[0] + 1, before[1], before[2])
        wait_until(
            lambda: counts(service, lead).get(RULE, (0, 0, 0)) == expected,
            WITHIN,
            lambda: f"counted {counts(service, lead).get(RULE)}, expected {expected}",
        )
    finally:
        tab.switch_to_window(options)
        if box.is_selected():
            box.click()  # unticking takes the permission back, with no prompt
            _share_result(tab, "Not sharing: nothing is sent.")
        assert not _may_share(tab)
        tab.close()
        tab.switch_to_window(start)

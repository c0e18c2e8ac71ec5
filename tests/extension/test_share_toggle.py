"""The options page's "Share what I do with flags" checkbox (Chromium: the `shareActions` setting): unticked,
applying a rewrite is counted by nobody; ticked again, the next one is counted by the service's insights."""

from __future__ import annotations

import time
from typing import Any

from .helpers import Service, open_card, type_draft
from .insights import APPLIED, DRAFT, QUIET, WITHIN, counts, lead_key, settled
from .test_options import open_options, wait_until_loaded

LABEL = (
    "Share what I do with flags with my team's Reply Coach service (which rule, and whether I applied, "
    "dismissed or muted it; never any text)"
)


def _share_box(tab: Any) -> Any:
    box = tab.get_by_label(LABEL)
    deadline = time.monotonic() + 10
    while box.is_disabled():  # enabled once the page knows whether this browser shares
        assert time.monotonic() < deadline, "the sharing checkbox stayed disabled"
        tab.wait_for_timeout(50)
    return box


def _apply(page: Any, pages_url: str) -> None:
    page.goto(f"{pages_url}/textarea.html")
    type_draft(page, "#reply", DRAFT)
    open_card(page, APPLIED).locator("[data-rc-action='apply']").first.click()
    page.wait_for_function("() => !document.querySelector('#reply').value.startsWith('Calm down')")


def test_unticked_nothing_is_counted_and_ticked_again_it_is(
    page: Any, browser: Any, extension_id: str, configured: Service, worker: Any, pages_url: str
) -> None:
    lead = lead_key(configured)
    before = settled(configured, lead).get(APPLIED, (0, 0, 0))
    options = open_options(browser, extension_id)
    try:
        wait_until_loaded(options)
        box = _share_box(options)
        assert box.is_checked(), "sharing is on by default"
        # Off with the keyboard, as an agent tabbing through the page would.
        box.focus()
        options.keyboard.press("Space")
        options.locator("#shareResult[data-state='ok']").wait_for()
        assert options.inner_text("#shareResult") == "Not sharing: nothing is sent."
        assert not box.is_checked()
        assert worker.evaluate("() => chrome.storage.sync.get('shareActions')") == {"shareActions": False}
        options.reload()
        wait_until_loaded(options)
        assert not _share_box(options).is_checked(), "the page shows the stored setting"

        _apply(page, pages_url)
        time.sleep(QUIET)
        assert counts(configured, lead).get(APPLIED, (0, 0, 0)) == before

        _share_box(options).click()
        options.get_by_text("Sharing: the service counts what you do with flags.").wait_for()
        assert worker.evaluate("() => chrome.storage.sync.get('shareActions')") == {"shareActions": True}
    finally:
        options.close()

    _apply(page, pages_url)
    expected = (before[0] + 1, before[1], before[2])
    deadline = time.monotonic() + WITHIN
    while (now := counts(configured, lead).get(APPLIED, (0, 0, 0))) != expected:
        assert time.monotonic() < deadline, f"counted {now}, expected {expected}"
        time.sleep(0.3)

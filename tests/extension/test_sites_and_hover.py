"""Hovering the underlined words themselves opens their card; the `sites` setting decides where it runs."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import (
    DRAFT,
    RULE,
    Service,
    marker,
    node_modules_ready,
    set_settings,
    type_draft,
    type_keys,
)
from .test_options import open_options, wait_until_loaded

CARD = "replycoach-ui .card"


@pytest.mark.parametrize("name", ["textarea", "contenteditable"])
def test_hovering_the_underlined_text_opens_the_card(
    page: Any, pages_url: str, configured: Service, name: str
) -> None:
    page.goto(f"{pages_url}/{name}.html")
    type_draft(page, "#reply", DRAFT)
    marker(page, RULE).wait_for(timeout=10000)
    box = marker(page, RULE).bounding_box()
    # A point on the flagged words, above the underline: the editor's own text, not the marker.
    x, y = box["x"] + box["width"] / 2, box["y"] - 6
    assert page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('#reply') !== null", [x, y])

    page.mouse.move(x, box["y"] + 120)  # somewhere in the editor, away from the flag
    page.wait_for_timeout(300)
    assert page.locator(CARD).count() == 0
    page.mouse.move(x, y, steps=5)
    card = page.locator(CARD)
    card.wait_for(timeout=5000)
    assert card.get_attribute("data-rc-rule") == RULE

    page.mouse.move(box["x"] + box["width"] / 2 + 400, y + 200, steps=5)  # away from the flag and its card
    card.wait_for(state="detached", timeout=5000)


def type_and_settle(page: Any, url: str) -> None:
    """Open `url`, type the cold draft and wait well past the 300 ms debounce and a round trip."""
    page.goto(url)
    type_draft(page, "#reply", DRAFT)
    page.wait_for_timeout(1500)


def assert_idle(page: Any, service: Service, calls_before: int) -> None:
    """The extension did nothing on this page: nothing drawn, nothing sent."""
    assert page.locator("replycoach-ui").count() == 0
    assert service.analyze_calls() == calls_before
    assert page.input_value("#reply") == DRAFT


def test_sites_decide_where_it_runs(page: Any, pages_url: str, worker: Any, configured: Service) -> None:
    url = f"{pages_url}/textarea.html"
    set_settings(worker, sites=["https://desk.example.com/*"])
    before = configured.analyze_calls()
    type_and_settle(page, url)
    assert_idle(page, configured, before)

    port = pages_url.rsplit(":", 1)[1]
    set_settings(worker, sites=["https://desk.example.com/*", f"http://127.0.0.1:{port}/*"])
    page.reload()
    type_draft(page, "#reply", DRAFT)
    marker(page, RULE).wait_for(timeout=10000)
    assert configured.analyze_calls() > before


def test_everywhere_runs_on_another_local_origin(
    page: Any, pages_url: str, worker: Any, configured: Service
) -> None:
    url = pages_url.replace("127.0.0.1", "localhost") + "/textarea.html"
    before = configured.analyze_calls()
    type_and_settle(page, url)  # the `configured` sites are http://127.0.0.1/* only
    assert page.evaluate("location.hostname") == "localhost"
    assert_idle(page, configured, before)

    set_settings(worker, sites=["<all_urls>"])
    page.reload()
    type_draft(page, "#reply", DRAFT)
    marker(page, RULE).wait_for(timeout=10000)
    assert configured.analyze_calls() > before


def test_options_everywhere_asks_for_all_urls_and_saves_it(
    browser: Any, worker: Any, extension_id: str, configured: Service
) -> None:
    """A headless test cannot answer the browser's permission prompt, so the page's request is recorded."""
    tab = open_options(browser, extension_id)
    try:
        wait_until_loaded(tab)
        tab.evaluate(
            """() => {
                window.requested = [];
                chrome.permissions.request = async (permissions) => {
                    window.requested.push(permissions);
                    return true;
                };
            }"""
        )
        assert not tab.is_checked("#everywhere")
        tab.check("#everywhere")
        assert tab.is_disabled("#sites")
        tab.click("#save")
        tab.locator("#saveResult[data-state='ok']").wait_for()
        requested = tab.evaluate("window.requested")
        assert len(requested) == 1 and "<all_urls>" in requested[0]["origins"]
        stored = worker.evaluate("() => chrome.storage.sync.get('sites')")
        assert stored == {"sites": ["<all_urls>"]}

        tab.reload()
        tab.locator("#everywhere:checked").wait_for()
        assert tab.is_disabled("#sites")
    finally:
        tab.close()


@pytest.mark.skipif(not node_modules_ready(), reason="run scripts/test: it installs the editors")
def test_hovering_the_underlined_text_in_a_short_iframe_opens_the_card_over_the_page(
    page: Any, pages_url: str, configured: Service
) -> None:
    """CKEditor 4 in a 150 px editing iframe: the marker is drawn in the top document over the frame, the
    pointer over the flagged words inside the frame opens the card there, whole, reaching past the frame."""
    page.goto(f"{pages_url}/ckeditor4.html")
    page.wait_for_function("() => window.ck4", timeout=15000)
    page.frame_locator("iframe.cke_wysiwyg_frame").locator("body").click()
    type_keys(page, DRAFT)
    marker(page, RULE).wait_for(timeout=10000)
    box = marker(page, RULE).bounding_box()
    frame = page.locator("iframe.cke_wysiwyg_frame").bounding_box()
    assert box and frame
    assert frame["y"] < box["y"] < frame["y"] + frame["height"]  # over the frame, where the words are
    x, y = box["x"] + box["width"] / 2, box["y"] - 6
    page.mouse.move(x, y, steps=5)
    card = page.locator(CARD)
    card.wait_for(timeout=5000)
    assert card.get_attribute("data-rc-rule") == RULE
    drawn = card.bounding_box()
    assert drawn and drawn["y"] + drawn["height"] > frame["y"] + frame["height"]

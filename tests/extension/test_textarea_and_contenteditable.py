"""End to end: type a cold draft, see the marker, open the card, apply, check the editor, then Ctrl+Z."""

from __future__ import annotations

from typing import Any

from .helpers import DRAFT, RULE, Service, expected_after, expected_change, marker, type_draft


def test_textarea_apply_and_undo(page: Any, pages_url: str, configured: Service) -> None:
    page.goto(f"{pages_url}/textarea.html")
    type_draft(page, "#reply", DRAFT)
    marker(page, RULE).wait_for(timeout=10000)
    rewrite, after = expected_after(configured, DRAFT, RULE)

    marker(page, RULE).click()
    card = page.locator("replycoach-ui .card")
    card.wait_for()
    button = card.locator("[data-rc-action='apply']").first
    assert button.locator(".to").inner_text() == rewrite
    assert button.inner_text() == expected_change(configured, DRAFT, RULE)  # what it replaces, with what
    button.click()

    page.wait_for_function("after => document.querySelector('#reply').value === after", arg=after)
    page.locator("replycoach-ui .layer[data-rc-applied-with='execCommand']").wait_for(
        state="attached", timeout=5000
    )
    page.keyboard.press("Control+z")
    page.wait_for_function("draft => document.querySelector('#reply').value === draft", arg=DRAFT)


def test_contenteditable_apply_and_undo(page: Any, pages_url: str, configured: Service) -> None:
    page.goto(f"{pages_url}/contenteditable.html")
    type_draft(page, "#reply", DRAFT)
    marker(page, RULE).wait_for(timeout=10000)
    rewrite, after = expected_after(configured, DRAFT, RULE)

    marker(page, RULE).click()
    page.locator("replycoach-ui .card [data-rc-action='apply']").first.click()

    text = "() => document.querySelector('#reply').innerText.replace(/\\n+$/, '')"
    page.wait_for_function(f"after => ({text})() === after", arg=after)
    page.locator("replycoach-ui .layer[data-rc-applied-with='execCommand']").wait_for(
        state="attached", timeout=5000
    )
    page.keyboard.press("Control+z")
    page.wait_for_function(f"draft => ({text})() === draft", arg=DRAFT)
    assert page.locator("#reply replycoach-ui, #reply .marker").count() == 0

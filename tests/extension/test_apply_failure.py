"""When an editor does not take the rewrite as intended, the extension takes its change back and says so on
the card, with the rewrite to copy: never a success it did not read back from the editor."""

from __future__ import annotations

from typing import Any

from .helpers import DRAFT, RULE, Service, expected_after, marker, type_draft


def test_a_wrong_insertion_is_undone_and_the_card_offers_the_rewrite_to_copy(
    page: Any, browser: Any, pages_url: str, configured: Service
) -> None:
    browser.grant_permissions(["clipboard-read", "clipboard-write"], origin=pages_url)
    page.goto(f"{pages_url}/wayward.html")
    type_draft(page, "#reply", DRAFT)
    marker(page, RULE).wait_for(timeout=10000)
    rewrite, _after = expected_after(configured, DRAFT, RULE)
    marker(page, RULE).click()
    page.locator("replycoach-ui .card [data-rc-action='apply']").first.click()

    failure = page.locator("replycoach-ui .card[data-rc-failure]")
    failure.wait_for(timeout=5000)
    assert failure.locator(".failure").inner_text() == "Couldn't apply here; copy the rewrite."
    assert failure.locator("textarea").input_value() == rewrite
    # Taken back: the editor holds exactly the draft as typed, and nothing claims the rewrite went in.
    assert page.evaluate("window.modelText()") == DRAFT
    layer = page.locator("replycoach-ui .layer")
    assert layer.get_attribute("data-rc-apply-failed") == "not_applied"
    assert layer.get_attribute("data-rc-applied-with") is None

    failure.locator("[data-rc-action='copy']").click()
    page.wait_for_function("() => navigator.clipboard.readText().then((text) => text.length > 0)")
    assert page.evaluate("navigator.clipboard.readText()") == rewrite
    failure.locator("[data-rc-action='close']").click()
    assert page.locator("replycoach-ui .card").count() == 0

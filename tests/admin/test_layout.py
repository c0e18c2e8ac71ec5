"""Every view of the admin page at 1,280 and 800 px wide: nothing wider than the window (no sideways scroll),
and a screenshot of each (test-artifacts/admin/layout-<view>-<width>.png)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .helpers import Service, screenshot

VIEWS = {
    "entries": ("", "#entries tbody tr"),
    "new-entry": ("new", "#entry-form"),
    "edit": ("entry/dismissive.calm-down", "#validation-summary"),
    "history": ("entry/dismissive.calm-down/history", "#revisions > li"),
    "audit-log": ("audit", "h2"),
    "vocabulary": ("vocabulary", "h2"),
    "insights": ("insights", "h2"),
}


@pytest.mark.parametrize("width", [1280, 800])
@pytest.mark.parametrize("view", list(VIEWS))
def test_a_view_fits_the_window(page: Page, service: Service, view: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    route, ready = VIEWS[view]
    page.goto(f"{service.url}/admin#/{route}")
    expect(page.locator(ready).first).to_be_visible()
    page.wait_for_timeout(300)  # the view's own checks (the editor's first validation) settle
    overflow = page.evaluate(
        "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    screenshot(page, f"layout-{view}-{width}")
    assert overflow[0] <= overflow[1], f"{view} at {width} px is {overflow[0]} px wide"

"""The audit log lists the bank's changes, newest first, with who made them."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .helpers import Service, make_entry


def test_audit_log_newest_first(page: Page, service: Service) -> None:
    entry = service.create(make_entry("audited-gimbal"))
    service.put({**entry, "message": "Audited message."})
    page.get_by_role("link", name="Audit log").click()
    expect(page.get_by_role("heading", name="Audit log")).to_be_visible()
    rows = page.locator("#audit tbody tr")
    expect(rows.first.locator("td")).to_have_text(
        [
            rows.first.locator("td").first.inner_text(),
            entry["id"],
            "2",
            "update",
            "Ana Lead",
            rows.first.locator("td").last.inner_text(),
        ]
    )
    expect(rows.nth(1).locator("td").nth(1)).to_have_text(entry["id"])
    expect(rows.nth(1).locator("td").nth(3)).to_have_text("create")
    rows.first.get_by_role("link", name=entry["id"]).click()
    expect(page.get_by_role("heading", name=f"History of {entry['id']}")).to_be_visible()

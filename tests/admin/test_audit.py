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


def test_audit_log_pages_and_filters(page: Page, service: Service) -> None:
    entry = service.create(make_entry("paged-audit-cam"))
    for i in range(55):
        service.put({**entry, "message": f"Audited message {i}."})
    page.get_by_role("link", name="Audit log").click()
    count = page.locator("#audit-count")
    rows = page.locator("#audit tbody tr")
    expect(rows).to_have_count(50)
    total = int(count.inner_text().split(" of ")[1].rstrip(". "))
    assert total >= 56
    expect(count).to_have_text(f"Showing 1–50 of {total}. ")
    expect(rows.first.locator("td").nth(2)).to_have_text("56")
    page.get_by_role("button", name="Next").click()
    expect(count).to_have_text(f"Showing 51–{min(100, total)} of {total}. ")

    page.get_by_label("Entry").fill(entry["id"])
    page.get_by_label("Action").select_option("create")
    page.get_by_role("button", name="Filter").click()
    expect(count).to_have_text("Showing 1–1 of 1. ")
    expect(rows.first.locator("td").nth(1)).to_have_text(entry["id"])
    expect(rows.first.locator("td").nth(3)).to_have_text("create")
    page.get_by_label("Action").select_option("")
    page.get_by_label("Author").fill("Nobody")
    page.get_by_role("button", name="Filter").click()
    expect(count).to_have_text("No changes match.")

"""Disabling an entry from the list stops it flagging; enabling it brings it back."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .helpers import Service, draft_for, eventually, make_entry


def test_disable_then_enable(page: Page, service: Service) -> None:
    name = "switchable-gadget"
    entry = service.create(make_entry(name))
    draft = draft_for(name)
    eventually(lambda: service.flags(draft, entry["id"]), what="the new entry flags the draft")
    page.reload()

    row = page.locator(f"#entries tr[data-id='{entry['id']}']")
    expect(row.locator(".badge")).to_have_text("\u2713 Enabled")
    row.get_by_role("button", name=f"Disable {entry['id']}").click()
    expect(page.locator("#status")).to_have_text(f"{entry['id']} is now disabled: it flags nothing.")
    row = page.locator(f"#entries tr[data-id='{entry['id']}']")
    expect(row.locator(".badge")).to_have_text("\u23f8 Disabled")  # in words, not by colour alone
    expect(row).to_have_class("is-disabled")
    eventually(lambda: service.flags(draft, entry["id"]) == [], what="the disabled entry stops flagging")
    assert service.get(entry["id"]).json()["enabled"] is False

    page.get_by_label("State").select_option("disabled")
    expect(page.locator("#entries tbody tr")).to_have_count(1)
    expect(page.locator("#entries tbody tr").first).to_have_attribute("data-id", entry["id"])
    expect(page.locator("#counts")).to_contain_text("Showing 1 of")
    expect(page.locator("#counts")).to_contain_text("1 disabled)")

    page.get_by_role("button", name=f"Enable {entry['id']}").click()
    expect(page.locator("#status")).to_have_text(f"{entry['id']} is now enabled: it flags drafts again.")
    expect(page.locator("#entries tbody")).to_have_text("No entry matches.")
    page.get_by_label("State").select_option("")
    expect(page.locator(f"#entries tr[data-id='{entry['id']}'] .badge")).to_have_text("\u2713 Enabled")
    eventually(lambda: service.flags(draft, entry["id"]), what="the enabled entry flags again")
    assert service.get(entry["id"]).json()["enabled"] is True

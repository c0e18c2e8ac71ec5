"""Someone else saves the entry while the lead edits it: the lead is told, and keeps their edits."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .helpers import Service, make_entry, open_entry


def test_stale_save_is_refused_and_keeps_the_edits(page: Page, service: Service) -> None:
    name = "contested-contraption"
    entry = service.create(make_entry(name))
    open_entry(page, service.url, entry["id"])
    mine = "My wording of the contraption message."
    theirs = "Their newer explanation of why it reads cold."
    page.locator("#f-message").fill(mine)
    expect(page.locator("#validation-summary")).to_contain_text("No problems: ready to save.")

    service.put({**entry, "why": theirs})  # another lead saves meanwhile
    page.get_by_role("button", name="Save changes").click()

    expect(page.locator("#save-status")).to_have_text(
        "Not saved: someone else changed this entry since you opened it."
    )
    conflict = page.locator("#conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("Someone else changed this entry while you were editing it.")
    expect(page.locator("#f-message")).to_have_value(mine)
    stored = service.get(entry["id"]).json()
    assert (stored["message"], stored["why"]) == (entry["message"], theirs)

    page.get_by_role("button", name="Load their version").click()
    expect(page.locator("#f-why")).to_have_value(theirs)
    expect(page.locator("#f-message")).to_have_value(entry["message"])
    page.get_by_role("button", name="Put my edits back").click()
    expect(page.locator("#f-message")).to_have_value(mine)
    expect(page.locator("#validation-summary")).to_contain_text("No problems: ready to save.")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("#save-status")).to_have_text(f"Saved {entry['id']}. The change is live.")
    assert service.get(entry["id"]).json()["message"] == mine

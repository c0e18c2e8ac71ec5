"""The form's lists by keyboard alone: add a rewrite, see its problems in its own row, remove it."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .helpers import Service, make_entry, open_entry


def test_rewrite_rows_by_keyboard_with_problems_in_their_row(page: Page, service: Service) -> None:
    entry = service.create(make_entry("keyed-flange"))
    open_entry(page, service.url, entry["id"])
    rows = page.locator("#rewrites .row")
    expect(rows).to_have_count(2)

    add = page.get_by_role("button", name="Add rewrite")
    add.focus()
    page.keyboard.press("Enter")
    expect(rows).to_have_count(3)
    expect(rows.nth(2).locator("legend")).to_have_text("Rewrite 3")
    new_text = page.get_by_label("Rewrite 3: Text")
    expect(new_text).to_be_focused()  # typing goes straight into the new row
    page.keyboard.type("let me {action} for you")
    expect(page.locator("#validation-summary")).to_contain_text("1 problem to fix before saving.")
    expect(rows.nth(2).locator("ul.problems li")).to_have_text(
        [
            "Text: slot {action} is not captured by every pattern; add <action> (the rest of the clause) "
            "or <action: words> to each pattern, or remove the slot"
        ]
    )
    expect(rows.nth(0).locator("ul.problems li")).to_have_count(0)
    expect(page.get_by_role("button", name="Save changes")).to_be_disabled()

    page.keyboard.press("Tab")  # to the scope select
    expect(page.get_by_label("Rewrite 3: Scope")).to_be_focused()
    page.keyboard.press("Tab")
    remove = page.get_by_role("button", name="Remove rewrite 3")
    expect(remove).to_be_focused()
    page.keyboard.press("Enter")
    expect(rows).to_have_count(2)
    expect(page.locator("#validation-summary")).to_have_text(
        "No problems: ready to save. Flag examples: 2 of 2 pass; pass examples: 2 of 2 pass."
    )
    expect(page.get_by_role("button", name="Save changes")).to_be_enabled()

    # Removing below the minimum is allowed in the form, and the check says what is wrong.
    page.get_by_role("button", name="Remove rewrite 2").click()
    expect(page.locator("[data-problems-for=rewrites] li")).to_have_text(["needs at least 2 rewrites"])
    assert service.get(entry["id"]).json() == entry


def test_list_search_and_filters(page: Page, service: Service) -> None:
    rows = page.locator("#entries tbody tr")
    page.get_by_label("Search").fill("calm down")  # a pattern's text
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_attribute("data-id", "dismissive.calm-down")
    page.get_by_label("Search").fill("BARE NO")  # a message, any case
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_attribute("data-id", "refusal.we-cant")
    page.get_by_label("Search").fill("")

    page.get_by_label("Severity").select_option("suggestion")
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_attribute("data-id", "sympathy.sorry-to-hear")
    page.get_by_label("Severity").select_option("")
    page.get_by_label("Category").select_option("negative-framing")
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_attribute("data-id", "negative-framing.unfortunately-we-cant")
    expect(page.locator("#counts")).to_contain_text("Showing 1 of ")

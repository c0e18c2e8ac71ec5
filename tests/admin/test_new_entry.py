"""A lead, new to the page, adds an entry through the form and sees it flag a draft."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .helpers import Service, eventually, screenshot

ENTRY_ID = "uncertainty.no-clue-sprocket"
MESSAGE = "Admits not knowing, with no promise to find out."


def test_add_entry_through_the_form(page: Page, service: Service) -> None:
    page.get_by_role("link", name="New entry").click()
    expect(page.get_by_role("heading", name="New entry")).to_be_visible()
    expect(page.locator("#f-id")).to_be_editable()
    expect(page.locator("#validation-summary")).to_have_text("Fill in the entry: it is checked as you type.")
    expect(page.locator("ul.problems li")).to_have_count(0)  # no errors before the lead has typed

    page.get_by_label("Id", exact=True).fill(ENTRY_ID)
    page.get_by_label("Category", exact=True).select_option("uncertainty")
    page.get_by_label("Severity", exact=True).select_option("warning")
    page.locator("#f-patterns").fill("no clue about the sprocket")
    page.locator("#f-message").fill(MESSAGE)
    page.locator("#f-why").fill("It leaves the customer with nothing to hold on to.")
    rewrites = page.locator("#rewrites .row")
    expect(rewrites).to_have_count(2)
    rewrites.nth(0).locator("[name=rewrite-text]").fill("I'll find out about the sprocket for you")
    rewrites.nth(1).locator("[name=rewrite-text]").fill(
        "Let me check on the sprocket and come back to you today"
    )
    rewrites.nth(1).locator("[name=rewrite-scope]").select_option("sentence")
    flags = page.locator("#flag-examples .row")
    flags.nth(0).locator("[name=flag-text]").fill("I have no clue about the sprocket.")
    flags.nth(0).locator("[name=flag-flagged]").fill("no clue about the sprocket")
    flags.nth(1).locator("[name=flag-text]").fill("Honestly, no clue about the sprocket, sorry.")
    flags.nth(1).locator("[name=flag-flagged]").fill("no clue about the sprocket")
    passes = page.locator("#pass-examples .row")
    passes.nth(0).locator("[name=pass-text]").fill("I know all about the sprocket.")
    passes.nth(1).locator("[name=pass-text]").fill("No clue needed: the sprocket ships today.")

    summary = page.locator("#validation-summary")
    expect(summary).to_have_text(
        "No problems: ready to save. Flag examples: 2 of 2 pass; pass examples: 2 of 2 pass."
    )
    for row in (flags.nth(0), flags.nth(1), passes.nth(0), passes.nth(1)):
        expect(row.locator(".result")).to_contain_text("\u2713 Passes")
    expect(page.locator("ul.problems li")).to_have_count(0)
    screenshot(page, "new-entry-validated")
    assert service.get(ENTRY_ID).status_code == 404  # nothing is saved before Save

    page.get_by_role("button", name="Create entry").click()
    expect(page.locator("#status")).to_have_text(
        f"Created {ENTRY_ID}. It is live: the coach flags drafts with it now."
    )
    expect(page.get_by_role("heading", name=f"Edit {ENTRY_ID}")).to_be_visible()
    expect(page.locator("#f-id")).to_have_js_property("readOnly", True)

    draft = "Hi Jo, I have no clue about the sprocket yet."
    flagged = eventually(lambda: service.flags(draft, ENTRY_ID), what=f"{ENTRY_ID} flags the draft")
    assert [(f["text"], f["message"]) for f in flagged] == [("no clue about the sprocket", MESSAGE)]
    assert service.get(ENTRY_ID).json()["rewrites"][1] == {
        "text": "Let me check on the sprocket and come back to you today",
        "scope": "sentence",
    }


def test_the_form_shows_what_each_rewrite_gives_and_refuses_one_that_still_warns(
    page: Page, service: Service
) -> None:
    page.get_by_role("link", name="New entry").click()
    page.get_by_label("Id", exact=True).fill("uncertainty.no-clue-gadget")
    page.get_by_label("Category", exact=True).select_option("uncertainty")
    page.get_by_label("Severity", exact=True).select_option("warning")
    page.locator("#f-patterns").fill("no clue about the gadget")
    page.locator("#f-message").fill(MESSAGE)
    page.locator("#f-why").fill("It leaves the customer with nothing to hold on to.")
    rewrites = page.locator("#rewrites .row")
    # The first rewrite tells the customer to calm down: the basic bank warns about that.
    rewrites.nth(0).locator("[name=rewrite-text]").fill("Calm down, I'll find out about the gadget")
    rewrites.nth(1).locator("[name=rewrite-text]").fill("I'll find out about the gadget today")
    flags = page.locator("#flag-examples .row")
    flags.nth(0).locator("[name=flag-text]").fill("I have no clue about the gadget.")
    flags.nth(0).locator("[name=flag-flagged]").fill("no clue about the gadget")
    flags.nth(1).locator("[name=flag-text]").fill("Sorry, no clue about the gadget yet.")
    flags.nth(1).locator("[name=flag-flagged]").fill("no clue about the gadget")
    passes = page.locator("#pass-examples .row")
    passes.nth(0).locator("[name=pass-text]").fill("I know the gadget well.")
    passes.nth(1).locator("[name=pass-text]").fill("The gadget ships today.")

    expect(page.locator("#validation-summary")).to_contain_text("2 problems to fix before saving.")
    first, second = rewrites.nth(0).locator("li.gives-bad"), rewrites.nth(1).locator("li.gives-ok")
    expect(first).to_have_text(
        [
            # The rewrite takes the case of the words it replaces.
            "\u2717 I have calm down, I'll find out about the gadget. \u2014 still warns: "
            "dismissive.calm-down: 'calm down'",
            "\u2717 Sorry, calm down, I'll find out about the gadget yet. \u2014 still warns: "
            "dismissive.calm-down: 'calm down'",
        ]
    )
    expect(second).to_have_text(
        [
            "\u2713 I have I'll find out about the gadget today.",
            "\u2713 Sorry, I'll find out about the gadget today yet.",
        ]
    )
    expect(rewrites.nth(0).locator("ul.problems li").first).to_contain_text("still gets a warning")
    expect(page.get_by_role("button", name="Create entry")).to_be_disabled()
    screenshot(page, "new-entry-rewritten-examples")

"""A lead, new to the page, adds an entry through the form and sees it flag a draft."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .helpers import Service, eventually, screenshot

ENTRY_ID = "uncertainty.no-clue-sprocket"
MESSAGE = "Admits not knowing, with no promise to find out."


def _fill(
    page: Page, entry_id: str, phrase: str, rewrites: list[str], flags: list[str], passes: list[str]
) -> None:
    """Fill the new-entry form: an uncertainty warning on `phrase`, two rewrites, and two examples of each
    kind (each flag example flags `phrase`)."""
    page.get_by_label("Id", exact=True).fill(entry_id)
    page.get_by_label("Category", exact=True).select_option("uncertainty")
    page.get_by_label("Severity", exact=True).select_option("warning")
    page.locator("#f-patterns").fill(phrase)
    page.locator("#f-message").fill(MESSAGE)
    page.locator("#f-why").fill("It leaves the customer with nothing to hold on to.")
    rows = page.locator("#rewrites .row")
    expect(rows).to_have_count(2)
    for index, text in enumerate(rewrites):
        rows.nth(index).locator("[name=rewrite-text]").fill(text)
    for index, text in enumerate(flags):
        row = page.locator("#flag-examples .row").nth(index)
        row.locator("[name=flag-text]").fill(text)
        row.locator("[name=flag-flagged]").fill(phrase)
    for index, text in enumerate(passes):
        page.locator("#pass-examples .row").nth(index).locator("[name=pass-text]").fill(text)


def test_add_entry_through_the_form(page: Page, service: Service) -> None:
    page.get_by_role("link", name="New entry").click()
    expect(page.get_by_role("heading", name="New entry")).to_be_visible()
    expect(page.locator("#f-id")).to_be_editable()
    expect(page.locator("#validation-summary")).to_have_text("Fill in the entry: it is checked as you type.")
    expect(page.locator("ul.problems li")).to_have_count(0)  # no errors before the lead has typed

    _fill(
        page,
        ENTRY_ID,
        "no clue about the sprocket",
        [
            "I'll find out about the sprocket for you",
            "Let me check on the sprocket and come back to you today",
        ],
        ["I have no clue about the sprocket.", "Honestly, no clue about the sprocket, sorry."],
        ["I know all about the sprocket.", "No clue needed: the sprocket ships today."],
    )
    flags, passes = page.locator("#flag-examples .row"), page.locator("#pass-examples .row")
    page.locator("#rewrites .row").nth(1).locator("[name=rewrite-scope]").select_option("sentence")

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
    # The first rewrite tells the customer to calm down: the basic bank warns about that.
    _fill(
        page,
        "uncertainty.no-clue-gadget",
        "no clue about the gadget",
        ["Calm down, I'll find out about the gadget", "I'll find out about the gadget today"],
        ["I have no clue about the gadget.", "Sorry, no clue about the gadget yet."],
        ["I know the gadget well.", "The gadget ships today."],
    )
    rewrites = page.locator("#rewrites .row")

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

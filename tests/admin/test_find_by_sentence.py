"""A lead finds a rule by what it catches: a sentence pasted on the entries list names the entries that flag
it, stay quiet on it, or nearly match it, each linking to its editor."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .helpers import Service, screenshot


def test_a_pasted_sentence_lists_the_entries_that_catch_it(page: Page, service: Service) -> None:
    finder = page.get_by_label("Find the entries that catch a sentence")
    finder.fill("Please calm down. You'll have to wait 24 hours.")
    found = page.locator("#found li")
    expect(found).to_have_count(2)
    expect(found.nth(0)).to_have_text("dismissive.calm-down flags it: 'Please calm down'")
    expect(found.nth(1)).to_have_text("blame.have-to-wait flags it: 'You'll have to wait 24 hours'")
    screenshot(page, "entries-find-by-sentence")
    # An exception of the entry (`unless`): matched, but quiet.
    finder.fill("We can't wait to see you.")
    expect(page.locator("#found li[data-id='refusal.we-cant']")).to_have_text(
        "refusal.we-cant matches, but stays quiet"
    )
    finder.fill("The parcel arrived.")
    expect(page.locator("#found")).to_have_text("No entry matches this sentence, not even nearly.")
    finder.fill("Please calm down.")
    page.locator("#found a", has_text="dismissive.calm-down").click()
    expect(page.get_by_role("heading", name="Edit dismissive.calm-down")).to_be_visible()

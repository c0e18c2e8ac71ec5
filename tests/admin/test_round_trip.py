"""Every entry of the bank opens in the form exactly as stored: checked clean, and saved unchanged."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .helpers import BASIC_IDS, Service, make_entry, open_entry


@pytest.mark.parametrize("entry_id", BASIC_IDS)
def test_entry_opens_clean(page: Page, service: Service, entry_id: str) -> None:
    open_entry(page, service.url, entry_id)
    expect(page.locator("#validation-summary")).to_have_text(
        "No problems: ready to save. Flag examples: 2 of 2 pass; pass examples: 2 of 2 pass."
    )
    expect(page.locator("#flag-examples .result, #pass-examples .result")).to_have_text(["\u2713 Passes"] * 4)


def test_save_without_edits_keeps_every_field(page: Page, service: Service) -> None:
    """The form sends back what it was given, `when` and examples with a customer included."""
    entry = service.create(
        make_entry(
            "round-trip-ratchet",
            when={"customer_mood": ["upset", "unknown"]},
            unless=["never just forget the round-trip-ratchet"],
            examples={
                "flag": [
                    {
                        "text": "Just forget the round-trip-ratchet, it will be fine.",
                        "flagged": "Just forget the round-trip-ratchet",
                        "customer": "I am furious, the ratchet broke twice!",
                    },
                    {
                        "text": "Please just forget about the round-trip-ratchet.",
                        "flagged": "just forget about the round-trip-ratchet",
                    },
                ],
                "pass": [
                    {"text": "Just forget the round-trip-ratchet.", "customer": "Thanks, all good now!"},
                    "We will not forget the round-trip-ratchet.",
                ],
            },
        )
    )
    open_entry(page, service.url, entry["id"])
    expect(page.get_by_label("upset")).to_be_checked()
    expect(page.get_by_label("unknown")).to_be_checked()
    expect(page.get_by_label("neutral")).not_to_be_checked()
    expect(page.get_by_label("Flag example 1: Customer's message (optional)")).to_have_value(
        "I am furious, the ratchet broke twice!"
    )
    expect(page.get_by_label("Pass example 1: Customer's message (optional)")).to_have_value(
        "Thanks, all good now!"
    )
    expect(page.locator("#validation-summary")).to_contain_text("No problems: ready to save.")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("#save-status")).to_have_text(f"Saved {entry['id']}. The change is live.")
    assert service.get(entry["id"]).json() == entry

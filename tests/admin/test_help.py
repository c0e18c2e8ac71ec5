"""Help where the lead writes: each field of the entry form links to the part of the bank README that
explains it, served by the service itself (no network), for signed-in leads only."""

from __future__ import annotations

import requests
from playwright.sync_api import Page, expect

from .helpers import Service, screenshot


def test_each_field_links_to_its_part_of_the_bank_readme(page: Page, service: Service) -> None:
    page.get_by_role("link", name="New entry").click()
    links = page.locator("#entry-form a.help-link")
    expect(links).to_have_count(14)  # every field but the Enabled box
    words = page.get_by_role("link", name="Help: Word lists (this entry's own, optional)")
    assert words.get_attribute("href") == "/admin/help#word-lists-of-one-entry"
    patterns = page.get_by_role("link", name="Help: Patterns (phrase language, one per line)")
    assert patterns.get_attribute("href") == "/admin/help#patterns-the-phrase-language"
    assert page.get_by_role("link", name="Help: Rewrites").get_attribute("href") == "/admin/help#rewrites"
    page.goto(f"{service.url}/admin/help#patterns-the-phrase-language")
    heading = page.locator("h3#patterns-the-phrase-language")
    expect(heading).to_have_text("Patterns: the phrase language")
    expect(heading).to_be_in_viewport()
    # The README's tables and code are rendered; raw HTML in it would be text, never markup.
    expect(page.locator("main.help table").first).to_be_visible()
    expect(page.locator("main.help pre code").first).to_be_visible()
    screenshot(page, "help-phrase-language")
    page.goto(f"{service.url}/admin/help#word-lists-of-one-entry")
    expect(page.locator("h3#word-lists-of-one-entry")).to_have_text("Word lists of one entry")


def test_the_help_page_is_for_signed_in_leads(service: Service) -> None:
    answer = requests.get(f"{service.url}/admin/help", timeout=10)
    assert answer.status_code == 200
    assert "Lead API key" in answer.text
    assert "phrase language" not in answer.text

"""A lead opts an entry into one of the engine's context checks on the form; the coach goes quiet there."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .helpers import Service, draft_for, eventually, make_entry, open_entry

NAME = "quiet-widget"


def test_ticking_a_context_check_keeps_its_matches_quiet(page: Page, service: Service) -> None:
    entry = service.create(make_entry(NAME))
    offered = f"Just forget the {NAME}, but I can send you a new one today."
    eventually(lambda: len(service.flags(offered, entry["id"])) == 1, what="the new entry flags the draft")

    open_entry(page, service.url, entry["id"])
    checks = page.get_by_role("group", name="Quiet when").get_by_role("checkbox")
    expect(checks).to_have_count(3)
    expect(page.get_by_label("alternative-follows")).not_to_be_checked()
    page.get_by_label("alternative-follows").check()
    page.get_by_role("button", name="Add pass example").click()
    page.locator("#pass-examples .row").nth(2).locator("[name=pass-text]").fill(offered)
    expect(page.locator("#validation-summary")).to_have_text(
        "No problems: ready to save. Flag examples: 2 of 2 pass; pass examples: 3 of 3 pass."
    )
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("#save-status")).to_have_text(f"Saved {entry['id']}. The change is live.")

    assert service.get(entry["id"]).json()["quiet_when"] == ["alternative-follows"]
    eventually(lambda: service.flags(offered, entry["id"]) == [], what="the offer keeps the entry quiet")
    assert [f["text"] for f in service.flags(draft_for(NAME), entry["id"])] == [f"just forget the {NAME}"]

"""A lead edits an entry's message and a rewrite, sees the coach use them, reads the diff, and rolls back."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .helpers import Service, draft_for, eventually, make_entry, open_entry, screenshot

NAME = "edited-gizmo"


def test_edit_shows_live_then_history_diff_then_rollback(page: Page, service: Service) -> None:
    entry = service.create(make_entry(NAME))
    old_message = entry["message"]
    old_rewrite = entry["rewrites"][0]["text"]
    new_message = "Waves away the gizmo problem."
    new_rewrite = "I'll get the gizmo sorted for you today"
    draft = draft_for(NAME)
    eventually(  # a new entry reaches every worker within about 2 s
        lambda: [f["message"] for f in service.flags(draft, entry["id"])] == [old_message],
        what="the new entry flags the draft",
    )

    open_entry(page, service.url, entry["id"])
    expect(page.locator("#f-id")).to_have_js_property("readOnly", True)
    page.locator("#f-message").fill(new_message)
    page.locator("#rewrites .row").nth(0).locator("[name=rewrite-text]").fill(new_rewrite)
    expect(page.locator("#validation-summary")).to_have_text(
        "No problems: ready to save. Flag examples: 2 of 2 pass; pass examples: 2 of 2 pass."
    )
    screenshot(page, "edit-form-validated")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("#save-status")).to_have_text(f"Saved {entry['id']}. The change is live.")

    def live_now() -> bool:
        flags = service.flags(draft, entry["id"])
        return [f["message"] for f in flags] == [new_message] and new_rewrite in [
            s["text"] for s in flags[0]["suggestions"]
        ]

    eventually(live_now, what="the new message and rewrite in /v1/analyze")

    page.get_by_role("link", name="History of this entry").click()
    newest = page.locator("#revisions > li").first
    expect(newest.locator("h3")).to_have_text("Revision 2")
    expect(newest.locator(".meta")).to_contain_text("update by Ana Lead")
    message_diff = newest.locator(".diff-field[data-field=message]")
    expect(message_diff.locator("del")).to_have_text(f"\u2212 {old_message}")
    expect(message_diff.locator("ins")).to_have_text(f"+ {new_message}")
    rewrites_diff = newest.locator(".diff-field[data-field=rewrites]")
    expect(rewrites_diff.locator("del")).to_have_text(f"\u2212 [phrase] {old_rewrite}")
    expect(rewrites_diff.locator("ins")).to_have_text(f"+ [phrase] {new_rewrite}")
    # Inside a changed line, the words that changed are marked: "[phrase]", kept, is not.
    expect(rewrites_diff.locator("del mark.word-removed").first).to_be_visible()
    added = rewrites_diff.locator("ins mark.word-added").all_inner_texts()
    assert " ".join(added).split() == [w for w in new_rewrite.split() if w not in old_rewrite.split()]
    assert "[phrase]" not in " ".join(rewrites_diff.locator("mark").all_inner_texts())
    # Fields that did not change are not listed.
    expect(newest.locator(".diff-field")).to_have_count(2)
    screenshot(page, "history-diff")

    page.get_by_role("button", name="Roll back to revision 1").click()
    expect(page.locator("#history-status")).to_have_text(
        "Rolled back to revision 1. The entry below is live now."
    )
    expect(page.locator("#current-state h3")).to_have_text(
        "Now: revision 3 (rollback to revision 1 by Ana Lead)"
    )
    expect(page.locator("#revisions > li").first.locator(".meta")).to_contain_text(
        "rollback to revision 1 by Ana Lead"
    )
    expect(page.locator("#current-state .current-message")).to_have_text(old_message)
    rolled = page.locator("#revisions > li").first
    expect(rolled.locator(".diff-field[data-field=message] ins")).to_have_text(f"+ {old_message}")

    eventually(
        lambda: [f["message"] for f in service.flags(draft, entry["id"])] == [old_message],
        what="the old message back in /v1/analyze",
    )
    assert service.get(entry["id"]).json()["message"] == old_message

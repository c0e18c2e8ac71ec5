"""A lead adds a word family on the admin page, an entry uses it, and an edit that would break the entry is
refused with the reason while a good one goes live."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .helpers import Service, eventually, make_entry

FAMILY = "gizmo-thing"


def test_create_a_family_then_edit_it_safely(page: Page, service: Service) -> None:
    page.get_by_role("link", name="Vocabulary").click()
    expect(page.get_by_role("heading", name="Vocabulary")).to_be_visible()
    page.get_by_role("link", name="New family").click()
    expect(page.get_by_role("heading", name="New family")).to_be_visible()
    page.get_by_label("Family name").fill(FAMILY)
    page.get_by_label("Note (what it is for)").fill("Small parts customers ask about.")
    page.locator("#v-phrases").fill("gizmo\nwidget")
    page.get_by_role("button", name="Create family").click()
    expect(page.locator("#status")).to_have_text(f"Saved {FAMILY}. The change is live.")
    expect(page.get_by_role("heading", name=f"Edit family {FAMILY}")).to_be_visible()

    entry = make_entry(
        "family-user",
        patterns=["just forget (?:about )?the {{" + FAMILY + "}}"],
        examples={
            "flag": [
                {"text": "Just forget the gizmo, it will be fine.", "flagged": "Just forget the gizmo"},
                {"text": "Please just forget about the widget.", "flagged": "just forget about the widget"},
            ],
            "pass": ["We will not forget the gizmo.", "Just remember the widget is covered."],
        },
    )
    service.create(entry)

    # Dropping "widget" would leave one of the entry's examples unflagged: refused, with the reason.
    page.reload()
    expect(page.locator("#v-phrases")).to_have_value("gizmo\nwidget")
    page.locator("#v-phrases").fill("gizmo")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("#status")).to_have_text("Not saved: the change would break the bank.")
    expect(page.locator("#family-problems li")).to_have_text(
        [
            "dismissive.family-user: examples.flag[1]: 'just forget about the widget' is not flagged: "
            "no pattern matches it here (check the pattern, an `unless` exception, and word boundaries)"
        ]
    )

    page.locator("#v-phrases").fill("gizmo\nwidget\ngadget")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("#status")).to_have_text(f"Saved {FAMILY}. The change is live.")
    flagged = eventually(
        lambda: service.flags("Hi, just forget the gadget and carry on.", entry["id"]),
        what="the edited family flags the new word",
    )
    assert [f["text"] for f in flagged] == ["just forget the gadget"]

    page.get_by_role("link", name="Vocabulary").click()
    row = page.locator("#families tbody tr", has_text=FAMILY)
    expect(row.locator("td")).to_have_text([FAMILY, "Small parts customers ask about.", "3"])


def test_a_familys_examples_are_checked_on_save_and_kept(page: Page, service: Service) -> None:
    page.get_by_role("link", name="Vocabulary").click()
    page.get_by_role("link", name="New family").click()
    page.get_by_label("Family name").fill("spare-part")
    page.locator("#v-nouns").fill("spare part\nfuse")
    page.get_by_label("Examples it finds words in (one text per line)").fill(
        "We have two spare parts left.\nThe fuses are in the box."
    )
    # A near miss the family does find words in: refused, with the words it found.
    page.get_by_label("Near misses it must find nothing in (one text per line)").fill("The fuse box is open.")
    page.get_by_role("button", name="Create family").click()
    expect(page.locator("#status")).to_have_text("Not saved: the change would break the bank.")
    expect(page.locator("#family-problems li")).to_have_text(
        [
            "spare-part: examples.no_match[0]: the family finds 'fuse' in 'The fuse box is open.', a near "
            "miss it must not find; narrow the words that find it, or change the example",
        ]
    )

    page.get_by_label("Near misses it must find nothing in (one text per line)").fill(
        "The spare room is free."
    )
    page.get_by_role("button", name="Create family").click()
    expect(page.locator("#status")).to_have_text("Saved spare-part. The change is live.")
    page.reload()
    expect(page.locator("#v-examples-match")).to_have_value(
        "We have two spare parts left.\nThe fuses are in the box."
    )
    expect(page.locator("#v-examples-no_match")).to_have_value("The spare room is free.")
    stored = service.call("GET", "/v1/phrasebank/vocabulary/spare-part").json()
    assert stored["examples"] == {
        "match": ["We have two spare parts left.", "The fuses are in the box."],
        "no_match": ["The spare room is free."],
    }

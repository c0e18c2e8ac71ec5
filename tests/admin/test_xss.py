"""Text from the bank is shown as text everywhere on the page: markup in an entry never runs."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from .conftest import PageEvents
from .helpers import Service, make_entry, open_entry

IMG = "<img src=x onerror=alert(1)>"
SCRIPT_TAG = "<script>window.__pwned=1</script>"
WHY = f"Looks harmless. {SCRIPT_TAG} Really."


def _nothing_ran(page: Page, events: PageEvents) -> None:
    expect(page.locator("#app img")).to_have_count(0)
    expect(page.locator("#app script")).to_have_count(0)
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert events.dialogs == []


def test_markup_in_an_entry_is_shown_as_text(page: Page, service: Service, events: PageEvents) -> None:
    name = "markup-thingamajig"
    original = make_entry(name)
    entry = make_entry(
        name,
        message=IMG,
        why=WHY,
        rewrites=[{"text": IMG, "scope": "phrase"}, original["rewrites"][1]],
    )
    service.create(original)
    service.put(entry)  # a second revision, so the history shows the markup in a diff too

    # The list.
    page.reload()
    row = page.locator(f"#entries tr[data-id='{entry['id']}']")
    expect(row.locator("td.message")).to_have_text(IMG)
    page.get_by_label("Search").fill("onerror")
    expect(page.locator("#entries tbody tr")).to_have_count(1)
    _nothing_ran(page, events)

    # The form.
    open_entry(page, service.url, entry["id"])
    expect(page.locator("#f-message")).to_have_value(IMG)
    expect(page.locator("#f-why")).to_have_value(WHY)
    expect(page.locator("#rewrites .row").nth(0).locator("[name=rewrite-text]")).to_have_value(IMG)
    _nothing_ran(page, events)

    # The preview, over a text that carries markup too.
    page.get_by_label("texts I paste here").check()
    text = f"{IMG} just forget the {name} {SCRIPT_TAG}"
    page.get_by_label("Texts to try, one per line").fill(text)
    page.get_by_role("button", name="Run preview").click()
    item = page.locator("#preview-results ol.matches > li")
    expect(item).to_have_text(f"Text 1: {text}")
    expect(item.locator("mark")).to_have_text(f"just forget the {name}")
    _nothing_ran(page, events)

    # The history diff.
    page.get_by_role("link", name="History of this entry").click()
    newest = page.locator("#revisions > li").first
    expect(newest.locator(".diff-field[data-field=message] ins")).to_have_text(f"+ {IMG}")
    expect(newest.locator(".diff-field[data-field=why] ins")).to_have_text(f"+ {WHY}")
    expect(newest.locator(".diff-field[data-field=rewrites] ins")).to_have_text(f"+ [phrase] {IMG}")
    expect(page.locator("#current-state .current-message")).to_have_text(IMG)
    _nothing_ran(page, events)

    # The audit log names it too (as text).
    page.get_by_role("link", name="Audit log").click()
    expect(page.locator("#audit tbody tr").first.locator("td").nth(1)).to_have_text(entry["id"])
    _nothing_ran(page, events)

"""The entry editor's "Try a sentence" panel: why the entry as it stands in the form (saved or not) flags a
sentence the lead types, what keeps it quiet, or how far it got.

The basic bank's entries are RE2 from before the phrase language, which has no near misses; this module runs
its own service over the basic bank with refusal.we-cant written in the phrase language (as the curated
bank writes it) and the few word families it names."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page, expect

from .conftest import PageEvents
from .helpers import BANK, Service, eventually, open_entry, running_service, screenshot, sign_in, wait_checked

PATTERN = "{agent} {cannot} <action: {remedy:base} ...>"
WE_CANT: dict[str, Any] = {
    "id": "refusal.we-cant",
    "category": "refusal",
    "severity": "warning",
    "patterns": [PATTERN],
    "unless": [
        "{cannot} (help | stop) (but | feeling | thinking)",
        "make [an | any] ~exception",
        "{cannot} ... (until | unless | without | before)",
    ],
    "quiet_when": ["question"],
    "message": "Says no without offering anything else.",
    "why": "A bare no closes the door on the customer.",
    "rewrites": [
        {"text": "I wish I could {action}, and here's what I can do instead", "scope": "phrase"},
        {"text": "I'd love to {action}; here's what I can offer", "scope": "phrase"},
    ],
    "examples": {
        "flag": [
            {
                "text": "We can't refund digital purchases after 14 days.",
                "flagged": "We can't refund digital purchases after 14 days",
            },
            {"text": "Sadly we cannot change the date.", "flagged": "we cannot change the date"},
        ],
        "pass": ["We can't wait to see you.", "We can't issue the refund without the order number."],
    },
}
VOCABULARY = [
    {"family": "skippable", "phrases": ["currently", "sadly", "unfortunately"]},
    {"family": "agent", "phrases": ["we", "I", "the store"]},
    {"family": "cannot", "phrases": ["can not", "(am | are | is) (unable | not able) [to]"]},
    {"family": "remedy", "verbs": ["refund", "change", "cancel", "issue", "offer"]},
    # What the question check (refusal.we-cant's quiet_when) reads.
    {"family": "indirect-question", "phrases": ["I wonder (why | if)"]},
    # What the customer's mood (toxic-positivity.have-a-great-day's `when`) reads.
    {"family": "upset-cue", "phrases": ["unacceptable", "furious", "ridiculous"]},
]
IMG = "<img src=x onerror=alert(1)>"
SCRIPT_TAG = "<script>window.__pwned=1</script>"


@pytest.fixture(scope="module")
def phrase_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """The service over the basic bank with refusal.we-cant in the phrase language."""
    home = tmp_path_factory.mktemp("replycoach-explain")
    bank = home / "bank"
    shutil.copytree(BANK, bank)
    entries_file = bank / "entries.yml"
    data = yaml.safe_load(entries_file.read_text(encoding="utf-8"))
    data["entries"] = [WE_CANT if e["id"] == WE_CANT["id"] else e for e in data["entries"]]
    entries_file.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    (bank / "vocabulary.yml").write_text(
        yaml.safe_dump({"vocabulary": VOCABULARY}, sort_keys=False), encoding="utf-8"
    )
    with running_service(Path(home)) as running:
        yield running


@pytest.fixture
def lead_page(signed_out: Page, phrase_service: Service) -> Page:
    """A page signed in to that service with its lead key."""
    sign_in(signed_out, phrase_service.url, phrase_service.lead_key)
    expect(signed_out.locator("#entries tbody tr").first).to_be_visible()
    return signed_out


def test_the_panel_says_why_the_entry_fires_or_not(lead_page: Page, phrase_service: Service) -> None:
    page = lead_page
    open_entry(page, phrase_service.url, "refusal.we-cant")
    result = page.locator("#explain-result")
    expect(result).to_have_attribute("aria-live", "polite")
    expect(result).to_have_text("Type a sentence to see whether this entry flags it, and why.")
    verdict = result.locator(".explain-verdict")
    sentence = page.get_by_label("Sentence to try")

    # Quiet: the entry's third exception.
    sentence.fill("We can't refund it until Friday.")
    expect(verdict).to_have_text("Quiet: unless 3 matched 'can't refund it until'")
    expect(result.locator(".explain-canonical")).to_have_text("Canonical: We can not refund it until Friday.")
    [pattern] = result.locator(".explain-patterns > li").all()
    expect(pattern.locator(".explain-pattern")).to_have_text(PATTERN)
    expect(pattern.locator(".explain-match")).to_have_text(
        "matched 'We can't refund it until Friday' (action: 'refund it until Friday'): "
        "quiet: unless 3 matched 'can't refund it until'"
    )
    screenshot(page, "explain-quiet")

    # Quiet: a context check.
    sentence.fill("We can't refund it?")
    expect(verdict).to_have_text("Quiet: the sentence is a question (quiet_when: question)")

    # A near miss: everything but the part before {cannot}.
    sentence.fill("Northwind can't refund opened software.")
    near_miss = (
        "Near miss: matched {cannot} <action: {remedy:base} ...> as 'can not refund opened software'; "
        "the part before it {agent} did not match at 'Northwind'"
    )
    expect(verdict).to_have_text(near_miss)
    expect(verdict.locator("code")).to_have_text(["{cannot} <action: {remedy:base} ...>", "{agent}"])
    expect(result.locator(".explain-patterns > li .explain-near-miss")).to_have_text(
        near_miss.replace("Near miss: ", "near miss: ")
    )

    # An edit in the form, not saved, changes the verdict.
    page.locator("#f-patterns").fill(f"{PATTERN}\nNorthwind {{cannot}} <action: {{remedy:base}} ...>")
    expect(verdict).to_have_text("Flags 'Northwind can't refund opened software'")
    expect(result.locator(".explain-patterns > li")).to_have_count(2)
    expect(result.locator(".explain-patterns > li").nth(1).locator(".explain-match")).to_have_text(
        "matched 'Northwind can't refund opened software' (action: 'refund opened software'): flags"
    )
    assert "No problems" in wait_checked(page)
    screenshot(page, "explain-flags")
    assert phrase_service.get("refusal.we-cant").json()["patterns"] == [PATTERN]

    # The customer's message is read too.
    page.get_by_label("Customer's message it answers (optional)").fill(
        "This is ridiculous!!! Third time I've asked."
    )
    expect(result.locator(".explain-customer")).to_have_text("The customer reads upset.")

    # Nothing to explain without a sentence.
    sentence.fill("")
    expect(result).to_have_text("Type a sentence to see whether this entry flags it, and why.")


def test_an_invalid_entry_says_so(lead_page: Page, phrase_service: Service) -> None:
    page = lead_page
    open_entry(page, phrase_service.url, "refusal.we-cant")
    page.locator("#f-message").fill("")
    page.get_by_label("Sentence to try").fill("We can't refund it.")
    result = page.locator("#explain-result")
    expect(result.locator("p.error")).to_have_text("The entry has problems, so it cannot be tried yet:")
    expect(result.locator("ul.problems li")).to_have_text(["message: must be one non-empty line"])


def test_markup_in_the_sentence_is_shown_as_text(
    lead_page: Page, phrase_service: Service, events: PageEvents
) -> None:
    page = lead_page
    open_entry(page, phrase_service.url, "refusal.we-cant")
    text = f"{IMG} can't refund it {SCRIPT_TAG}"
    page.get_by_label("Sentence to try").fill(text)
    result = page.locator("#explain-result")
    expect(result.locator(".explain-verdict")).to_have_text(
        "Near miss: matched {cannot} <action: {remedy:base} ...> as 'can not refund it'; "
        f"the part before it {{agent}} did not match at '{IMG}'"
    )
    expect(result.locator(".explain-canonical")).to_have_text(
        f"Canonical: {IMG} can not refund it {SCRIPT_TAG}"
    )
    expect(page.locator("#app img")).to_have_count(0)
    expect(page.locator("#app script")).to_have_count(0)
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert events.dialogs == []


def test_a_word_list_of_the_entry_alone_is_edited_tried_and_saved(
    lead_page: Page, phrase_service: Service
) -> None:
    page = lead_page
    open_entry(page, phrase_service.url, "refusal.we-cant")
    words = page.get_by_role("textbox", name="Word lists (this entry's own, optional)")
    expect(words).to_have_value("")
    result = page.locator("#explain-result")
    verdict = result.locator(".explain-verdict")

    # A list nothing uses yet: named under the field.
    words.fill("partner: Northwind\npartner: the (courier | carrier)")
    expect(page.locator("#problems-words li")).to_have_text(
        ["Partner: no pattern or unless line of this entry uses it; use it as {partner} or remove it"]
    )
    # The patterns use it: the entry flags through it, and explains the near miss with it.
    page.locator("#f-patterns").fill(f"{PATTERN}\n{{partner}} {{cannot}} <action: {{remedy:base}} ...>")
    assert "No problems" in wait_checked(page)
    page.get_by_label("Sentence to try").fill("The courier can't refund opened software.")
    expect(verdict).to_have_text("Flags 'The courier can't refund opened software'")

    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("#save-status")).to_have_text("Saved refusal.we-cant. The change is live.")
    assert phrase_service.get("refusal.we-cant").json()["words"] == {
        "partner": ["Northwind", "the (courier | carrier)"]
    }
    page.reload()
    expect(page.get_by_role("textbox", name="Word lists (this entry's own, optional)")).to_have_value(
        "partner: Northwind\npartner: the (courier | carrier)"
    )
    flagged = eventually(
        lambda: phrase_service.flags("Sorry, Northwind can't refund it.", "refusal.we-cant"),
        what="the saved word list flags in the service",
    )
    assert [f["text"] for f in flagged] == ["Northwind can't refund it"]

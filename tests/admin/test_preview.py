"""Preview runs the entry as typed in the form over pasted texts and highlights what it would flag."""

from __future__ import annotations

import subprocess
from pathlib import Path

from playwright.sync_api import Page, expect
from serving import SCRIPT

from .helpers import Service, make_entry, open_entry, screenshot


def test_preview_pasted_texts_highlights_matches(page: Page, service: Service) -> None:
    name = "previewed-gear"
    entry = service.create(make_entry(name))
    open_entry(page, service.url, entry["id"])
    # The preview runs what is in the form, not what is saved.
    page.locator("#f-patterns").fill(f"just forget (?:about )?the {name}\nnever mind the {name}")

    page.get_by_label("texts I paste here").check()
    texts = [
        f"Ok, just forget the {name} and never mind the {name} either.",
        "Nothing to see in this one.",
        f"Please just forget about the {name}.",
    ]
    page.get_by_label("Texts to try, one per line").fill("\n".join(texts))
    page.get_by_role("button", name="Run preview").click()

    results = page.locator("#preview-results")
    expect(results.locator(".preview-count")).to_have_text("Flags 2 of 3 texts.")
    items = results.locator("ol.matches > li")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_have_text(f"Text 1: {texts[0]}")
    expect(items.nth(0).locator("mark")).to_have_text([f"just forget the {name}", f"never mind the {name}"])
    expect(items.nth(1)).to_have_text(f"Text 3: {texts[2]}")
    expect(items.nth(1).locator("mark")).to_have_text([f"just forget about the {name}"])
    screenshot(page, "preview")
    assert service.get(entry["id"]).json()["patterns"] == entry["patterns"]


def test_preview_over_stored_samples(page: Page, service: Service, tmp_path: Path) -> None:
    """Without pasted texts the preview runs over the team's stored sample replies."""
    name = "sampled-cog"
    entry = service.create(make_entry(name))
    samples = tmp_path / "samples.csv"
    samples.write_text(f'text\nThanks for waiting.\n"Sure, just forget the {name}."\nAll sorted now.\n')
    subprocess.run(
        [SCRIPT, "samples", "import", str(samples)], env=service.env, check=True, capture_output=True
    )

    open_entry(page, service.url, entry["id"])
    expect(page.get_by_label("the team's stored sample replies")).to_be_checked()
    expect(page.get_by_label("Texts to try, one per line")).to_be_disabled()
    page.get_by_role("button", name="Run preview").click()
    results = page.locator("#preview-results")
    expect(results.locator(".preview-count")).to_have_text("Flags 1 of 3 texts.")
    expect(results.locator("ol.matches > li")).to_have_text([f"Text 2: Sure, just forget the {name}."])
    expect(results.locator("mark")).to_have_text([f"just forget the {name}"])


def test_preview_pages_through_many_matches_and_names_an_entry_that_wins_one(
    page: Page, service: Service
) -> None:
    name = "paged-bolt"
    entry = service.create(make_entry(name))
    open_entry(page, service.url, entry["id"])
    page.locator("#f-patterns").fill(f"just forget the {name}\ncalm")
    page.get_by_label("texts I paste here").check()
    texts = [f"Reply {i}: just forget the {name}." for i in range(1, 61)] + ["Calm down, please."]
    page.get_by_label("Texts to try, one per line").fill("\n".join(texts))
    page.get_by_role("button", name="Run preview").click()

    results = page.locator("#preview-results")
    expect(results.locator(".preview-count")).to_have_text("Flags 61 of 61 texts.")
    expect(results.locator(".preview-range")).to_have_text("Showing 1–50 of 61. ")
    expect(results.locator("ol.matches > li")).to_have_count(50)
    expect(results.get_by_role("button", name="Previous")).to_be_disabled()
    results.get_by_role("button", name="Next").click()
    expect(results.locator(".preview-range")).to_have_text("Showing 51–61 of 61. ")
    items = results.locator("ol.matches > li")
    expect(items).to_have_count(11)
    expect(items.nth(0).locator("mark")).to_have_text([f"just forget the {name}"])
    # The basic bank's "Calm down" is longer than the candidate's "calm", so that text is the bank's flag.
    expect(items.nth(10).locator(".shadowed")).to_have_text(
        "Also matches “Calm” here, but dismissive.calm-down flags it "
        "(a warning over a suggestion, then the longer match)."
    )
    expect(items.nth(10).locator("mark")).to_have_count(0)
    expect(results.get_by_role("button", name="Next")).to_be_disabled()
    results.get_by_role("button", name="Previous").click()
    expect(results.locator(".preview-range")).to_have_text("Showing 1–50 of 61. ")

"""A bad pattern or a failing example is shown where it is, Save refuses, and the bank stays as it was."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, Route, expect

from .helpers import Service, draft_for, eventually, make_entry, open_entry, screenshot

RE2_REFUSES = [
    ("(?<=no)thanks", "lookbehind"),
    ("(a)\\1", "backreference"),
]


def _unchanged(service: Service, entry: dict[str, object], name: str) -> None:
    """The entry and what the coach flags are exactly as before."""
    stored = service.get(str(entry["id"]))
    assert stored.status_code == 200
    assert stored.json() == entry
    eventually(  # every worker has the entry (made just before) as it was made
        lambda: (
            [f["message"] for f in service.flags(draft_for(name), str(entry["id"]))] == [entry["message"]]
        ),
        what="the coach flags the draft with the entry's own message",
    )


@pytest.mark.parametrize(("pattern", "kind"), RE2_REFUSES, ids=[kind for _, kind in RE2_REFUSES])
def test_pattern_re2_refuses_is_shown_and_not_saved(
    page: Page, service: Service, pattern: str, kind: str
) -> None:
    name = f"bad-{kind}-widget"
    entry = service.create(make_entry(name))
    open_entry(page, service.url, entry["id"])

    page.locator("#f-patterns").fill(pattern)
    page.locator("#f-message").fill("This message must not be saved.")
    problems = page.locator("[data-problems-for=patterns] li")
    expect(problems).to_have_count(1)
    expect(problems).to_contain_text(f"Line 1: RE2 cannot compile {pattern!r}")
    expect(problems).to_contain_text("RE2 has no look-around and no back-references")
    expect(page.locator("#f-patterns")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#validation-summary")).to_have_text("1 problem to fix before saving.")
    save = page.get_by_role("button", name="Save changes")
    expect(save).to_be_disabled()
    screenshot(page, f"bad-pattern-{kind}")

    page.locator("#f-message").press("Enter")  # implicit submission must not save either
    page.wait_for_timeout(500)
    _unchanged(service, entry, name)


def test_a_422_from_the_service_is_shown_next_to_the_fields(page: Page, service: Service) -> None:
    """Even if live validation were to miss a problem, the save's 422 is shown and nothing changes."""
    name = "late-refusal-widget"
    entry = service.create(make_entry(name))

    def say_valid(route: Route) -> None:
        route.fulfill(
            status=200,
            content_type="application/json",
            body=json.dumps({"valid": True, "problems": [], "examples": []}),
        )

    page.route("**/v1/phrasebank/validate", say_valid)
    open_entry(page, service.url, entry["id"])
    page.locator("#f-patterns").fill("(?<=no)thanks")
    expect(page.locator("#validation-summary")).to_have_text("No problems: ready to save.")
    page.get_by_role("button", name="Save changes").click()

    expect(page.locator("#save-status")).to_have_text(
        "Not saved: the entry has problems (shown next to the fields). The bank is unchanged."
    )
    expect(page.locator("[data-problems-for=patterns] li")).to_contain_text(
        "Line 1: RE2 cannot compile '(?<=no)thanks'"
    )
    expect(page.get_by_role("button", name="Save changes")).to_be_disabled()
    expect(page.locator("#f-patterns")).to_have_value("(?<=no)thanks")  # what the lead typed stays
    _unchanged(service, entry, name)


def test_failing_flag_example_is_shown_with_its_detail_and_not_saved(page: Page, service: Service) -> None:
    name = "failing-doohickey"
    entry = service.create(make_entry(name))
    open_entry(page, service.url, entry["id"])

    first = page.locator("#flag-examples .row").nth(0)
    first.locator("[name=flag-text]").fill(f"Never mind the {name}, it will be fine.")
    first.locator("[name=flag-flagged]").fill(f"Never mind the {name}")

    expect(page.locator("#validation-summary")).to_have_text(
        "1 problem to fix before saving. Flag examples: 1 of 2 pass; pass examples: 2 of 2 pass."
    )
    result = first.locator(".result")
    expect(result).to_have_text(
        "\u2717 Fails: no pattern matches it here "
        "(check the pattern, an `unless` exception, and word boundaries)"
    )
    expect(page.locator("#flag-examples .row").nth(1).locator(".result")).to_contain_text("\u2713 Passes")
    expect(page.locator("#pass-examples .row .result")).to_have_count(2)
    for index in range(2):
        expect(page.locator("#pass-examples .row").nth(index).locator(".result")).to_contain_text(
            "\u2713 Passes"
        )
    expect(page.get_by_role("button", name="Save changes")).to_be_disabled()
    screenshot(page, "failing-example")
    _unchanged(service, entry, name)

"""Signing in to /admin with a key: refused for a wrong or agent key, a session for a lead key, and signing
out ends the session for the page and the API alike."""

from __future__ import annotations

import requests
from playwright.sync_api import BrowserContext, Page, expect

from .helpers import BASIC_IDS, Service, make_entry, open_entry, screenshot, sign_in

SESSION_ENDED = (
    "Your admin page session has ended (signed out, expired or its key revoked); sign in again at /admin."
)


def _sign_in_status(page: Page, url: str, key: str) -> int:
    with page.expect_response(lambda r: r.url.endswith("/admin/sign-in")) as response:
        sign_in(page, url, key)
    return response.value.status


def test_wrong_key_is_refused(signed_out: Page, service: Service) -> None:
    assert _sign_in_status(signed_out, service.url, "rc_not-a-real-key") == 401
    expect(signed_out.get_by_role("alert")).to_have_text(
        "That key is not valid (mistyped or revoked). Paste a lead key."
    )
    expect(signed_out.get_by_label("Lead API key")).to_be_visible()
    expect(signed_out.locator("#app")).to_have_count(0)
    screenshot(signed_out, "sign-in-refused")


def test_agent_key_is_refused_with_what_it_needs(signed_out: Page, service: Service) -> None:
    assert _sign_in_status(signed_out, service.url, service.agent_key) == 403
    expect(signed_out.get_by_role("alert")).to_have_text(
        "This is an agent key; the admin page needs a lead or admin key "
        "(an admin makes one with `replycoach keys create --role lead --name NAME`)."
    )
    expect(signed_out.locator("#app")).to_have_count(0)


def test_lead_key_lists_the_bank_and_sign_out_ends_the_session(
    signed_out: Page, context: BrowserContext, service: Service
) -> None:
    page = signed_out
    sign_in(page, service.url, service.lead_key)
    expect(page.locator(".who")).to_have_text("Signed in as Ana Lead (lead)")
    rows = page.locator("#entries tbody tr")
    ids = rows.locator("th a.entry-id")
    for entry_id in BASIC_IDS:
        expect(page.locator(f"#entries tr[data-id='{entry_id}'] th")).to_have_text(entry_id)
    expect(page.locator("#entries tr[data-id='dismissive.calm-down'] td.message")).to_have_text(
        "Tells an upset customer how to feel."
    )
    expect(page.locator("#counts")).to_contain_text(f"Showing {ids.count()} of {ids.count()} entries")
    screenshot(page, "signed-in-list")

    cookies = {c["name"]: c for c in context.cookies(service.url)}
    session = cookies["replycoach_session"]
    assert (session["httpOnly"], session["sameSite"]) == (True, "Strict")
    assert page.evaluate("() => document.cookie") == ""  # invisible to scripts
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    assert token

    def entries_with_old_session() -> requests.Response:
        return requests.get(
            f"{service.url}/v1/phrasebank/entries",
            cookies={"replycoach_session": session["value"]},
            headers={"X-CSRF-Token": token},
            timeout=10,
        )

    assert entries_with_old_session().status_code == 200

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_label("Lead API key")).to_be_visible()
    expect(page.locator("#app")).to_have_count(0)
    refused = entries_with_old_session()
    assert refused.status_code == 401
    assert refused.json()["error"] == {"code": "unauthorized", "message": SESSION_ENDED, "details": None}


def test_session_ending_while_editing_keeps_the_edits(
    page: Page, context: BrowserContext, service: Service
) -> None:
    entry = service.create(make_entry("orphaned-widget"))
    open_entry(page, service.url, entry["id"])
    typed = "Typed before the session ended."
    page.locator("#f-message").fill(typed)
    expect(page.locator("#validation-summary")).to_contain_text("No problems: ready to save.")

    other = context.new_page()  # the lead signs out in another tab
    other.goto(f"{service.url}/admin")
    other.get_by_role("button", name="Sign out").click()
    expect(other.get_by_label("Lead API key")).to_be_visible()

    page.get_by_role("button", name="Save changes").click()
    notice = page.locator("#session-ended")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Your session has ended.")
    expect(notice.get_by_role("link", name="Sign in again")).to_have_attribute("href", "/admin")
    expect(page.locator("#save-status")).to_contain_text("Not saved: your session has ended.")
    expect(page.locator("#f-message")).to_have_value(typed)
    assert service.get(entry["id"]).json()["message"] == entry["message"]

    sign_in(other, service.url, service.lead_key)  # signed in again in the other tab
    expect(other.locator("#entries")).to_be_visible()
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator("#save-status")).to_have_text(f"Saved {entry['id']}. The change is live.")
    expect(notice).to_be_hidden()
    assert service.get(entry["id"]).json()["message"] == typed

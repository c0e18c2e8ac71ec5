"""What the agent sees around the flags: the card, keyboard, badge, dismiss and mute, failures, and what the
page can (not) learn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from .helpers import (
    ARTIFACTS,
    DRAFT,
    RULE,
    Service,
    expected_after,
    marker,
    running_service,
    set_settings,
    type_draft,
)

WAIT_DRAFT = "Calm down. You will have to wait 24 hours."


def open_textarea(page: Any, pages_url: str, text: str) -> None:
    page.goto(f"{pages_url}/textarea.html")
    type_draft(page, "#reply", text)


def test_card_shows_message_why_and_rewrites(page: Any, pages_url: str, configured: Service) -> None:
    open_textarea(page, pages_url, DRAFT)
    marker(page, RULE).wait_for(timeout=10000)
    flag = next(flag for flag in configured.analyze(DRAFT)["flags"] if flag["rule_id"] == RULE)
    assert marker(page, RULE).get_attribute("data-rc-severity") == "warning"
    marker(page, RULE).hover()
    card = page.locator("replycoach-ui .card")
    card.wait_for()
    assert card.locator(".severity").inner_text().lower() == "warning"  # not colour alone
    assert card.locator(".message").inner_text() == flag["message"]
    why = card.locator("details")
    assert why.get_attribute("open") is None  # compact: folded until the agent opens it
    assert not card.locator(".why").is_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(  # the card as it opens (the README's picture: docs/images/extension-card.png)
        path=str(ARTIFACTS / "card-open.png"), clip={"x": 140, "y": 10, "width": 820, "height": 480}
    )
    why.locator("summary").click()
    assert card.locator(".why").inner_text() == flag["why"]
    rewrites = card.locator("[data-rc-action='apply'] .to").all_inner_texts()
    assert rewrites == [suggestion["text"] for suggestion in flag["suggestions"]]
    assert page.input_value("#reply") == DRAFT  # nothing typed was lost


def test_keyboard_next_flag_enter_applies_escape_closes(
    page: Any, pages_url: str, configured: Service
) -> None:
    open_textarea(page, pages_url, WAIT_DRAFT)
    marker(page, RULE).wait_for(timeout=10000)
    flags = configured.analyze(WAIT_DRAFT)["flags"]

    page.keyboard.press("Alt+Shift+KeyJ")
    card = page.locator("replycoach-ui .card")
    assert card.get_attribute("data-rc-flag") == flags[0]["id"]
    page.keyboard.press("Escape")
    card.wait_for(state="detached")
    assert page.evaluate("document.activeElement.id") == "reply"

    page.keyboard.press("Alt+Shift+KeyJ")
    page.keyboard.press("Alt+Shift+KeyJ")
    assert card.get_attribute("data-rc-flag") == flags[1]["id"]
    page.keyboard.press("Enter")
    top = flags[1]["suggestions"][0]
    after = WAIT_DRAFT[: top["start_utf16"]] + top["text"] + WAIT_DRAFT[top["end_utf16"] :]
    page.wait_for_function("after => document.querySelector('#reply').value === after", arg=after)


def test_badge_counts_warnings_and_lists_flags(page: Any, pages_url: str, configured: Service) -> None:
    open_textarea(page, pages_url, WAIT_DRAFT)
    analysis = configured.analyze(WAIT_DRAFT)
    badge = page.locator("replycoach-ui [data-rc-badge]")
    page.wait_for_function(
        "score => document.querySelector('replycoach-ui').shadowRoot.querySelector('[data-rc-badge]')"
        "?.dataset.rcScore === score",
        arg=str(analysis["score"]),
        timeout=10000,
    )
    warnings = sum(flag["severity"] == "warning" for flag in analysis["flags"])
    assert badge.get_attribute("data-rc-warnings") == str(warnings)
    assert str(analysis["score"]) in badge.inner_text()
    badge.click()
    listed = page.locator("replycoach-ui .list [data-rc-action='open']")
    assert listed.count() == len(analysis["flags"])
    listed.nth(1).click()
    assert page.locator("replycoach-ui .card").get_attribute("data-rc-flag") == analysis["flags"][1]["id"]


def test_dismiss_hides_the_flag_and_mute_stops_the_rule(
    page: Any, pages_url: str, configured: Service, worker: Any
) -> None:
    open_textarea(page, pages_url, WAIT_DRAFT)
    marker(page, RULE).wait_for(timeout=10000)
    marker(page, RULE).click()
    page.locator("replycoach-ui .card [data-rc-action='dismiss']").click()
    marker(page, RULE).wait_for(state="detached")
    assert page.locator("replycoach-ui .marker").count() > 0  # the other flag stays

    other = page.locator("replycoach-ui .marker").first
    rule = other.get_attribute("data-rc-rule")
    other.click()
    page.locator("replycoach-ui .card [data-rc-action='mute']").click()
    page.locator(f"replycoach-ui .marker[data-rc-rule='{rule}']").wait_for(state="detached")
    assert worker.evaluate("() => chrome.storage.local.get('mutedRules')") == {"mutedRules": [rule]}

    page.reload()  # muted for good; dismissed only for that draft
    type_draft(page, "#reply", WAIT_DRAFT)
    marker(page, RULE).wait_for(timeout=10000)
    assert page.locator(f"replycoach-ui .marker[data-rc-rule='{rule}']").count() == 0


def test_no_request_while_the_text_is_unchanged(page: Any, pages_url: str, configured: Service) -> None:
    before = configured.analyze_calls()
    open_textarea(page, pages_url, DRAFT)  # 42 keystrokes
    marker(page, RULE).wait_for(timeout=10000)
    page.wait_for_timeout(600)
    typed = configured.analyze_calls() - before
    assert 1 <= typed <= 3, f"{typed} analyze calls for one typed draft"
    page.click("h1, main", position={"x": 5, "y": 5})
    page.click("#reply")
    page.keyboard.press("End")
    page.wait_for_timeout(800)
    assert configured.analyze_calls() - before == typed


def test_html_in_a_flag_message_shows_as_text(page: Any, pages_url: str, worker: Any, tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    bank.mkdir()
    html = '<img src=x onerror="window.pwned=1"><b>Bold</b> claim'
    entry = {
        "id": "dismissive.calm-down",
        "category": "dismissive",
        "severity": "warning",
        "patterns": ["calm down"],
        "message": html,
        "why": "<i>why</i> & <script>window.pwned=2</script>",
        "rewrites": [{"text": "<u>I hear you</u>", "scope": "phrase"}, {"text": "I see", "scope": "phrase"}],
        "examples": {
            "flag": [
                {"text": "Calm down.", "flagged": "Calm down"},
                {"text": "Ok, calm down.", "flagged": "calm down"},
            ],
            "pass": ["All calm.", "Down the road."],
        },
    }
    (bank / "entries.yml").write_text(yaml.safe_dump({"entries": [entry]}), encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    with running_service(home, bank) as service:
        set_settings(worker, serverUrl=service.url, apiKey=service.key)
        open_textarea(page, pages_url, "Calm down.")
        marker(page, RULE).click(timeout=10000)
        card = page.locator("replycoach-ui .card")
        assert card.locator(".message").inner_text() == html
        card.locator("summary").click()  # the Why, folded by default
        assert card.locator(".why").inner_text() == entry["why"]
        rewrites = card.locator("[data-rc-action='apply'] .to").all_inner_texts()
        assert rewrites == ["<u>I hear you</u>", "I see"]
        assert card.locator("img, b, i, script, u").count() == 0
        assert page.evaluate("window.pwned") is None


@pytest.mark.parametrize(
    ("settings", "notice", "label"),
    [
        ({"serverUrl": "http://127.0.0.1:9"}, "Can't reach the service", "offline"),
        ({"apiKey": "rc_not-a-real-key"}, "refused the API key", "key refused"),
    ],
    ids=["server-down", "wrong-key"],
)
def test_failures_are_a_quiet_notice_on_the_badge(
    page: Any,
    pages_url: str,
    configured: Service,
    worker: Any,
    settings: dict[str, str],
    notice: str,
    label: str,
) -> None:
    set_settings(worker, **settings)
    open_textarea(page, pages_url, DRAFT)
    badge = page.locator("replycoach-ui [data-rc-badge][data-rc-status='error']")
    badge.wait_for(timeout=10000)
    assert notice in badge.get_attribute("title")
    assert badge.inner_text() == f"Reply Coach: {label}"
    assert page.input_value("#reply") == DRAFT
    badge.click()
    assert notice in page.locator("replycoach-ui .list .notice").inner_text()
    status = worker.evaluate("() => chrome.storage.local.get('status')")["status"]
    assert status["ok"] is False and notice in status["message"]

    set_settings(worker, serverUrl=configured.url, apiKey=configured.key)  # back up: typing retries
    page.click("#reply")
    page.keyboard.type(" Thanks.")
    marker(page, RULE).wait_for(timeout=10000)


def test_the_page_never_sees_the_key(page: Any, pages_url: str, configured: Service) -> None:
    page.goto(f"{pages_url}/snoop.html")
    type_draft(page, "#reply", DRAFT)
    marker(page, RULE).wait_for(timeout=10000)
    marker(page, RULE).click()
    seen = page.evaluate("window.snoop()")
    assert "replycoach-ui" in seen and RULE in seen  # it does see the overlay...
    assert configured.key not in seen  # ...but never the key
    assert "undefined\n" in seen  # the content scripts' namespace is not in the page's world


def test_same_text_after_apply_is_analyzed_again(page: Any, pages_url: str, configured: Service) -> None:
    open_textarea(page, pages_url, DRAFT)
    marker(page, RULE).click(timeout=10000)
    _, after = expected_after(configured, DRAFT, RULE)
    page.locator("replycoach-ui .card [data-rc-action='apply']").first.click()
    page.wait_for_function("after => document.querySelector('#reply').value === after", arg=after)
    marker(page, RULE).wait_for(state="detached", timeout=10000)
    remaining = {flag["rule_id"] for flag in configured.analyze(after)["flags"]}
    page.wait_for_function(
        "n => document.querySelector('replycoach-ui').shadowRoot.querySelectorAll('.marker').length >= n",
        arg=len(remaining),
    )


@pytest.mark.parametrize(("page_name", "flagged"), [("textarea.html", True), ("snoop.html", False)])
def test_the_customers_message_is_sent_as_context(
    page: Any, pages_url: str, configured: Service, page_name: str, flagged: bool
) -> None:
    # textarea.html shows an upset customer's message; snoop.html shows none.
    page.goto(f"{pages_url}/{page_name}")
    type_draft(page, "#reply", "Your parcel is on its way. Have a great day!")
    page.wait_for_function(
        "() => document.querySelector('replycoach-ui').shadowRoot"
        ".querySelector('[data-rc-badge][data-rc-status=ok]')",
        timeout=10000,
    )
    assert marker(page, "toxic-positivity.have-a-great-day").count() == (1 if flagged else 0)


def test_markers_follow_scroll_and_resize(page: Any, pages_url: str, configured: Service) -> None:
    page.goto(f"{pages_url}/textarea.html")
    page.fill("#reply", "Hello,\n\n\nCalm down, please." + "\nMore text." * 20)
    page.focus("#reply")
    page.evaluate("document.querySelector('#reply').scrollTop = 0")
    first = marker(page, RULE)
    first.wait_for(timeout=10000)
    start = first.bounding_box()

    page.evaluate("document.querySelector('#reply').scrollTop = 30")
    page.wait_for_function(
        "top => document.querySelector('replycoach-ui').shadowRoot.querySelector('.marker')"
        ".getBoundingClientRect().top < top - 25",
        arg=start["y"],
    )
    page.set_viewport_size({"width": 900, "height": 800})  # the centred ticket moves 100 px left
    page.wait_for_function(
        "left => document.querySelector('replycoach-ui').shadowRoot.querySelector('.marker')"
        ".getBoundingClientRect().left < left - 90",
        arg=start["x"],
    )


def test_a_site_can_override_where_the_customers_message_is(
    page: Any, pages_url: str, configured: Service, worker: Any
) -> None:
    # The override points at an element the page does not have: no context, so no mood-dependent flag.
    set_settings(worker, customerSelectors={"http://127.0.0.1/*": ".no-such-message"})
    page.goto(f"{pages_url}/textarea.html")
    type_draft(page, "#reply", "Calm down. Have a great day!")
    marker(page, RULE).wait_for(timeout=10000)
    assert marker(page, "toxic-positivity.have-a-great-day").count() == 0

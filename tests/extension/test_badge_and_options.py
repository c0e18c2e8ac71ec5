"""The badge says what it counts and where to fix a failure; the options page saves only a service and key
that work, says why not in its own words, keeps Save in sight; underlines keep 3:1 contrast on a dark
editor."""

from __future__ import annotations

from typing import Any

from .helpers import DRAFT, RULE, Service, marker, set_settings, type_draft
from .test_options import open_options, wait_until_loaded
from .views import BADGE_TEXT, as_function, badge_for

WAIT_DRAFT = "Calm down. You will have to wait 24 hours."
# The contrast ratio of two CSS rgb() colours (WCAG 2), in the page.
CONTRAST = """([a, b]) => {
  const rgb = (css) => css.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b] = c.map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}"""


def test_the_badge_says_what_it_counts(page: Any, pages_url: str, configured: Service) -> None:
    page.goto(f"{pages_url}/textarea.html")
    type_draft(page, "#reply", WAIT_DRAFT)
    expected = badge_for(configured.analyze(WAIT_DRAFT))
    assert expected.startswith("2 warnings · score ")
    page.wait_for_function(
        f"text => ({as_function(BADGE_TEXT)})([]) === text", arg=expected, polling="raf", timeout=10000
    )


def test_a_failure_on_the_badge_links_to_the_options(
    page: Any, browser: Any, pages_url: str, worker: Any, configured: Service, extension_id: str
) -> None:
    set_settings(worker, apiKey="rc_wrong")
    page.goto(f"{pages_url}/textarea.html")
    type_draft(page, "#reply", DRAFT)
    badge = page.locator("replycoach-ui [data-rc-badge][data-rc-status='error']")
    badge.wait_for(timeout=10000)
    assert badge.inner_text() == "Reply Coach: key refused"
    badge.click()
    link = page.locator("replycoach-ui .list [data-rc-action='options']")
    assert link.inner_text() == "Open Reply Coach options"
    with browser.expect_page() as opened:
        link.click()
    options = opened.value
    try:
        options.wait_for_load_state()
        assert options.url == f"chrome-extension://{extension_id}/options/options.html"
    finally:
        options.close()


def test_save_keeps_only_a_key_that_works_and_stays_in_sight(
    browser: Any, worker: Any, extension_id: str, configured: Service
) -> None:
    tab = open_options(browser, extension_id)
    try:
        tab.set_viewport_size({"width": 1280, "height": 800})
        wait_until_loaded(tab)
        save = tab.locator("#save")
        box = save.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= 800, f"Save at {box} in an 800-px window"
        middle = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        assert tab.evaluate("([x, y]) => document.elementFromPoint(x, y).id", list(middle)) == "save"

        tab.fill("#apiKey", "rc_wrong")
        tab.click("#test")
        tab.locator("#testResult[data-state='error']").wait_for()
        said = tab.inner_text("#testResult")
        assert "refused the API key" in said and "in the options" not in said

        tab.click("#save")
        tab.locator("#saveResult[data-state='error']").wait_for()
        assert tab.inner_text("#saveResult") == (
            "Not saved: The service refused the API key: "
            "check it above (make one with `replycoach keys create`)."
        )
        assert worker.evaluate("() => chrome.storage.sync.get('apiKey')") == {"apiKey": configured.key}
        assert "in the options" not in tab.inner_text("body")

        tab.fill("#apiKey", configured.key)
        tab.click("#save")
        tab.locator("#saveResult[data-state='ok']").wait_for()
    finally:
        tab.close()


def underline_contrast(page: Any) -> tuple[str, float]:
    """The warning underline's colour and its contrast with the editor's background."""
    colour = marker(page, RULE).evaluate("node => getComputedStyle(node).borderBottomColor")
    behind = page.evaluate("() => getComputedStyle(document.querySelector('#reply')).backgroundColor")
    ratio: float = page.evaluate(CONTRAST, [colour, behind])
    return colour, ratio


def test_underlines_keep_contrast_on_a_dark_editor(page: Any, pages_url: str, configured: Service) -> None:
    page.goto(f"{pages_url}/contenteditable.html")
    type_draft(page, "#reply", DRAFT)
    marker(page, RULE).wait_for(timeout=10000)
    colour, ratio = underline_contrast(page)
    assert colour == "rgb(217, 48, 37)" and ratio >= 3  # the usual red on a white editor

    page.goto(f"{pages_url}/dark.html")
    type_draft(page, "#reply", DRAFT)
    marker(page, RULE).wait_for(timeout=10000)
    colour, ratio = underline_contrast(page)
    assert ratio >= 3, f"the underline {colour} has {ratio:.2f}:1 contrast on the dark editor"
    assert page.evaluate(CONTRAST, ["rgb(217, 48, 37)", "rgb(60, 64, 67)"]) < 3  # the usual red would not

"""Underlines stay while the agent types elsewhere in the draft: moved with the text, on their words, at
every redraw while the keys go in (not gone for the typing and back once it stops), in every editor of the
suite."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from playwright import sync_api

from .helpers import Service, node_modules_ready, open_editor, type_keys
from .test_rich_editors import CARET_MOVE_MS, wait_for_model
from .test_text_arrives import PAGES, wait_for_badge
from .views import SAMPLES, START_SAMPLING, as_function, badge_for

pytestmark = pytest.mark.skipif(not node_modules_ready(), reason="run scripts/test: it installs the editors")

# Two warnings on one line; the words typed after "Sorry" move both to the right, a key at a time.
TWO_FLAGS = "Sorry for the wait. Calm down, you will have to wait 24 hours."
AT = len("Sorry")
TYPED = " again"
KEY_GAP_MS = 80  # an agent's pace; under the 300 ms pause after which the draft is checked again


def check_samples(samples: list[list[Any]], flags: int) -> None:
    """Each redraw while typing had every underline, each under its phrase."""
    assert len(samples) >= len(TYPED), f"only {len(samples)} redraws while typing {len(TYPED)} keys"
    counts = [count for count, _wrong in samples]
    assert all(count == flags for count in counts), f"underlines at each redraw while typing: {counts}"
    wrong = [wrong for _count, wrong in samples if wrong]
    assert not wrong, wrong[0]


@pytest.mark.parametrize("name", list(PAGES))
def test_underlines_stay_on_their_words_while_typing(
    page: Any, pages_url: str, configured: Service, name: str
) -> None:
    editor = PAGES[name]
    open_editor(page, pages_url, editor)
    type_keys(page, TWO_FLAGS)
    analysis = configured.analyze(TWO_FLAGS)
    assert [flag["severity"] for flag in analysis["flags"]] == ["warning", "warning"]
    wait_for_badge(page, badge_for(analysis), "once the draft is checked")

    page.keyboard.press("Control+Home")
    page.wait_for_timeout(CARET_MOVE_MS)
    for _ in range(AT):
        page.keyboard.press("ArrowRight")
    page.wait_for_timeout(CARET_MOVE_MS)  # a person's pause after moving the caret (see CARET_MOVE_MS)
    phrases = {flag["rule_id"]: flag["text"] for flag in analysis["flags"]}
    page.evaluate(as_function(START_SAMPLING), [phrases, editor.frame, editor.editable])
    page.keyboard.type(TYPED, delay=KEY_GAP_MS)
    # The redraw for the last key comes a frame later (and the check of the new text 300 ms after); with
    # fewer redraws than keys, check_samples says so.
    with contextlib.suppress(sync_api.TimeoutError):
        redrawn = f"keys => ({as_function(SAMPLES)})([]).length >= keys"
        page.wait_for_function(redrawn, arg=len(TYPED), polling="raf", timeout=3000)
    samples = page.evaluate(as_function(SAMPLES), [])
    typed = TWO_FLAGS[:AT] + TYPED + TWO_FLAGS[AT:]
    wait_for_model(page, typed, "after typing")
    check_samples(samples, len(analysis["flags"]))
    wait_for_badge(page, badge_for(configured.analyze(typed)), "once the new text is checked")

"""The caret stays where the agent was after a rewrite is applied: with the caret at the end of the draft,
Alt+Shift+J then Enter applies the first rewrite, and the next word typed lands at the end of the draft, not
after the rewrite, in every editor of the suite."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import DRAFT, RULE, Service, expected_after, node_modules_ready, open_editor, type_keys
from .test_rich_editors import FLAG_SHOWN, MORE, wait_for_model
from .test_text_arrives import PAGES

pytestmark = pytest.mark.skipif(not node_modules_ready(), reason="run scripts/test: it installs the editors")


@pytest.mark.parametrize("name", list(PAGES))
def test_the_next_word_lands_where_the_agent_was(
    page: Any, pages_url: str, configured: Service, name: str
) -> None:
    editor = PAGES[name]
    open_editor(page, pages_url, editor)
    type_keys(page, DRAFT)
    page.wait_for_function(FLAG_SHOWN, arg=RULE, polling="raf", timeout=10000)
    wait_for_model(page, DRAFT, "after typing")
    flag = configured.analyze(DRAFT)["flags"][0]
    assert flag["rule_id"] == RULE  # the one flag of the draft: Alt+Shift+J opens its card

    page.keyboard.press("Alt+Shift+KeyJ")
    page.locator("replycoach-ui .card [data-rc-action='apply']").first.wait_for()
    page.keyboard.press("Enter")
    _rewrite, after = expected_after(configured, DRAFT, RULE)
    page.locator("replycoach-ui .layer[data-rc-applied-with]").wait_for(state="attached", timeout=5000)
    wait_for_model(page, after, "after apply")
    page.keyboard.type(MORE, delay=5)
    wait_for_model(page, after + MORE, "typing on after apply")

"""End to end in real rich-text editors from the npm registry: type a cold draft with real keystrokes, wait
for the marker, open the card, apply the rewrite, check the editor's own model, then one Ctrl+Z."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from playwright import sync_api

from .helpers import DRAFT, RULE, Service, expected_after, node_modules_ready, type_keys

pytestmark = pytest.mark.skipif(not node_modules_ready(), reason="run scripts/test: it installs the editors")


@dataclass(frozen=True)
class Editor:
    """A test page with a real editor: where to type, the frame it lives in, and when it is ready."""

    page: str
    editable: str
    ready: str
    frame: str | None = None  # the editor's iframe, when it has one (TinyMCE's classic mode)
    method: str = "paste"  # how the rewrite goes into the editor's model (its adapter in content/editors/)


EDITORS = {
    "ckeditor5": Editor("ckeditor5.html", ".ck-editor__editable", "() => window.modelText"),
    "tinymce": Editor(
        "tinymce.html", "body", "() => window.tinyEditor", frame="iframe.tox-edit-area__iframe"
    ),
    "tinymce-inline": Editor("tinymce-inline.html", "#reply", "() => window.tinyEditor"),
    "quill": Editor("quill.html", "#reply .ql-editor", "() => window.quill"),
    "prosemirror": Editor("prosemirror.html", "#reply .ProseMirror", "() => window.view"),
    "draft": Editor("draft.html", "#reply [contenteditable]", "() => window.draftState"),
    "trix": Editor("trix.html", "#reply", "() => document.querySelector('#reply').editor"),
    # Not a rich editor: a plain contenteditable, but inside a same-origin (srcdoc) iframe.
    "iframe-contenteditable": Editor(
        "iframe.html",
        "#reply",
        "() => document.querySelector('#frame').contentDocument.querySelector('#reply')",
        frame="#frame",
        method="execCommand",
    ),
}


@pytest.mark.parametrize("name", list(EDITORS))
def test_apply_in_the_editors_model_and_undo(
    page: Any, pages_url: str, configured: Service, name: str
) -> None:
    editor = EDITORS[name]
    page.goto(f"{pages_url}/{editor.page}")
    page.wait_for_function(editor.ready, timeout=15000)
    scope = page.frame_locator(editor.frame) if editor.frame else page
    scope.locator(editor.editable).click()
    type_keys(page, DRAFT)
    wait_for_model(page, DRAFT, "after typing")

    marker = scope.locator(f"replycoach-ui .marker[data-rc-rule='{RULE}']").first
    marker.wait_for(timeout=10000)
    rewrite, after = expected_after(configured, DRAFT, RULE)
    page.wait_for_timeout(1100)  # as an agent reads the card; Quill merges edits less than 1 s apart
    marker.click()
    button = scope.locator("replycoach-ui .card [data-rc-action='apply']").first
    assert button.inner_text() == rewrite
    button.click()

    wait_for_model(page, after, "after apply")
    scope.locator(f"replycoach-ui .layer[data-rc-applied-with='{editor.method}']").wait_for(
        state="attached", timeout=5000
    )
    page.keyboard.press("Control+z")
    wait_for_model(page, DRAFT, "after Ctrl+Z")


def wait_for_model(page: Any, expected: str, when: str) -> None:
    """Wait until the editor's own model holds `expected`; fail showing what it holds instead."""
    try:
        page.wait_for_function("expected => window.modelText() === expected", arg=expected, timeout=5000)
    except sync_api.TimeoutError:
        pytest.fail(
            f"{when}, the editor's model holds {page.evaluate('window.modelText()')!r}, not {expected!r}"
        )

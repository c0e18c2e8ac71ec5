"""End to end in real rich-text editors from the npm registry: type a cold draft with real keystrokes, wait
for the marker, open the card, apply the rewrite, check the editor's own model, then one Ctrl+Z gives back
exactly the draft, and typing goes on in the model. Each editor at two paces: as an agent reads the card
first, and clicking the rewrite the moment the card opens (when editors still merge recent typing into
one undo step). The time from the last keystroke to the marker is printed at the end of the session."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import pytest
from latencies import record_latency
from playwright import sync_api

from .helpers import (
    DRAFT,
    RULE,
    Service,
    expected_after,
    expected_change,
    node_modules_ready,
    open_editor,
    type_keys,
)

pytestmark = pytest.mark.skipif(not node_modules_ready(), reason="run scripts/test: it installs the editors")

MORE = " Thanks!"  # typed after the undo: the editor must still take typing into its model
# A pause after moving the caret with Ctrl+End, as a person makes: Slate reads a caret move up to 100 ms
# late (its selectionchange handler is throttled), and letters typed before that replace the old selection.
CARET_MOVE_MS = 200


@dataclass(frozen=True)
class Editor:
    """A test page with a real editor: where to type, the frame it lives in, and when it is ready."""

    page: str
    editable: str
    ready: str
    frame: str | None = None  # the editor's iframe, if any (TinyMCE's and CKEditor 4's classic modes)
    method: str = "paste"  # how the rewrite goes into the editor's model (its adapter in content/editors/)
    short: bool = False  # an editing iframe too short to hold the card: it must be drawn over the page


EDITORS = {
    "ckeditor5": Editor("ckeditor5.html", ".ck-editor__editable", "() => window.modelText"),
    "tinymce": Editor(
        "tinymce.html", "body", "() => window.tinyEditor", frame="iframe.tox-edit-area__iframe"
    ),
    # A short editing iframe: the card must be drawn over the page, not clipped inside the frame.
    "tinymce-short": Editor(
        "tinymce.html?height=150",
        "body",
        "() => window.tinyEditor",
        frame="iframe.tox-edit-area__iframe",
        short=True,
    ),
    "tinymce-inline": Editor("tinymce-inline.html", "#reply", "() => window.tinyEditor"),
    "quill": Editor("quill.html", "#reply .ql-editor", "() => window.quill"),
    "prosemirror": Editor("prosemirror.html", "#reply .ProseMirror", "() => window.view"),
    "draft": Editor("draft.html", "#reply [contenteditable]", "() => window.draftState"),
    "trix": Editor("trix.html", "#reply", "() => document.querySelector('#reply').editor"),
    "slate": Editor(
        "slate.html", "#reply [data-slate-editor]", "() => window.slateEditor", method="beforeinput"
    ),
    "lexical": Editor("lexical.html", "#reply", "() => window.lexicalEditor"),
    "tiptap": Editor("tiptap.html", "#reply .ProseMirror", "() => window.tiptap"),
    "summernote": Editor(
        "summernote.html", ".note-editable", "() => window.summernoteReady", method="execCommand"
    ),
    # 150 px high by default (see the page): the short iframe of the issue.
    "ckeditor4": Editor(
        "ckeditor4.html", "body", "() => window.ck4", frame="iframe.cke_wysiwyg_frame", short=True
    ),
    "froala": Editor("froala.html", ".fr-element", "() => window.froala", method="execCommand"),
    "jodit": Editor("jodit.html", ".jodit-wysiwyg", "() => window.jodit"),
    # Built on ProseMirror: its adapter, in the WYSIWYG mode.
    "toastui": Editor("toastui.html", ".toastui-editor-ww-container .ProseMirror", "() => window.toastui"),
    # No markup of its own: the generic contenteditable adapter, whose paste Squire takes as an undo step.
    "squire": Editor("squire.html", "#reply", "() => window.squire"),
    # Not a rich editor: a plain contenteditable, but inside a same-origin (srcdoc) iframe.
    "iframe-contenteditable": Editor(
        "iframe.html",
        "#reply",
        "() => document.querySelector('#frame').contentDocument.querySelector('#reply')",
        frame="#frame",
        method="execCommand",
    ),
}

# Whether a marker for the rule is drawn, in any of the extension's shadow roots of the top document.
FLAG_SHOWN = """rule => [...document.querySelectorAll('replycoach-ui')].some(
  (host) => host.shadowRoot && host.shadowRoot.querySelector(`.marker[data-rc-rule="${rule}"]`))"""

# "reading": the agent reads the card for a second first; "immediate": the rewrite clicked as the card opens.
PACES = ["reading", "immediate"]


@pytest.mark.parametrize("pace", PACES)
@pytest.mark.parametrize("name", list(EDITORS))
def test_apply_in_the_editors_model_and_undo(
    page: Any, pages_url: str, configured: Service, name: str, pace: str
) -> None:
    editor = EDITORS[name]
    open_editor(page, pages_url, editor)
    type_keys(page, DRAFT)
    typed = time.monotonic()
    # The extension draws for an editor in an iframe in the top document, over the frame.
    # Checked every frame (a locator's wait backs off to 0.5 s between checks): the figure printed.
    page.wait_for_function(FLAG_SHOWN, arg=RULE, polling="raf", timeout=10000)
    record_latency("chromium", name, time.monotonic() - typed)
    marker = page.locator(f"replycoach-ui .marker[data-rc-rule='{RULE}']").first
    wait_for_model(page, DRAFT, "after typing")

    rewrite, after = expected_after(configured, DRAFT, RULE)
    if pace == "reading":
        page.wait_for_timeout(1100)
    marker.click()
    button = page.locator("replycoach-ui .card [data-rc-action='apply']").first
    assert button.locator(".to").inner_text() == rewrite
    assert button.inner_text() == expected_change(configured, DRAFT, RULE)  # what it replaces, with what
    if editor.short:
        card_box = page.locator("replycoach-ui .card").bounding_box()
        frame_box = page.locator(editor.frame).bounding_box()
        assert card_box and frame_box
        # Drawn in the top document: whole in the window, reaching past the frame that could not hold it.
        assert card_box["y"] + card_box["height"] > frame_box["y"] + frame_box["height"]
        assert card_box["y"] + card_box["height"] <= page.viewport_size["height"]
    button.click()

    wait_for_model(page, after, "after apply")
    layer = page.locator("replycoach-ui .layer[data-rc-applied-with]")
    layer.wait_for(state="attached", timeout=5000)
    assert layer.get_attribute("data-rc-applied-with") == editor.method
    page.keyboard.press("Control+z")
    wait_for_model(page, DRAFT, "after one Ctrl+Z")
    page.keyboard.press("Control+End")
    page.wait_for_timeout(CARET_MOVE_MS)
    page.keyboard.type(MORE, delay=5)
    wait_for_model(page, DRAFT + MORE, "typing after the undo")


def wait_for_model(page: Any, expected: str, when: str) -> None:
    """Wait until the editor's own model holds `expected`; fail showing what it holds instead."""
    try:
        page.wait_for_function("expected => window.modelText() === expected", arg=expected, timeout=5000)
    except sync_api.TimeoutError:
        pytest.fail(
            f"{when}, the editor's model holds {page.evaluate('window.modelText()')!r}, not {expected!r}"
        )

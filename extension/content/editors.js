// Finding the reply editor the agent is typing in, and which kind of editor it is.
"use strict";
(function (root) {
  // Rich editors keep their own document model: they need a synthetic paste to change text (see notes).
  const RICH_EDITORS = [
    ["ckeditor5", ".ck-editor__editable"],
    ["tinymce", ".mce-content-body"],
    ["quill", ".ql-editor"],
    ["prosemirror", ".ProseMirror"],
    ["draft", ".public-DraftEditor-content, .DraftEditor-editorContainer [contenteditable]"],
    ["trix", "trix-editor"],
    ["slate", "[data-slate-editor]"],
    ["lexical", "[data-lexical-editor]"],
  ];

  /** The editor element containing `node` ({element, kind}), or null when it is not in an editor. */
  function editorAt(node) {
    const element = node && node.nodeType === 1 ? node : node?.parentElement;
    if (!element) return null;
    if (element.tagName === "TEXTAREA") return element.readOnly || element.disabled ? null : { element, kind: "textarea" };
    if (element.tagName === "INPUT") return null;
    if (!element.isContentEditable) return null;
    let top = element;
    while (top.parentElement && top.parentElement.isContentEditable) top = top.parentElement;
    for (const [kind, selector] of RICH_EDITORS) {
      if (top.matches(selector) || top.closest(selector)) return { element: top, kind, rich: true };
    }
    return { element: top, kind: "contenteditable" };
  }

  root.replycoach.editors = { editorAt };
})(globalThis);

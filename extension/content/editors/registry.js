// The one place that chooses the adapter for an element: the adapters in order, the first that claims the
// element wins. Adding an editor family: one file in content/editors/ that sets replycoach.adapters.<kind>,
// listed in manifest.json's content_scripts before this file, and its kind in ORDER below.
//
// An adapter is {kind, detect, read, rects, select, selected, settle?, methods, undoMethods, undoGroupMs?,
// takesMs?, beforeInsert?, afterInsert?}:
//   detect(element)           the root of this family's editor that holds `element`, or null
//   read(root)                the text as sent to the API; flags' and rewrites' UTF-16 offsets index it
//   rects(root, start, end)   client rects of text [start, end), for the markers and the card
//   select(root, start, end)  make text [start, end) the selection; false when it is no longer there
//   selected(root, start, end)  whether the selection covers exactly text [start, end) (checked after settle)
//   settle(root)              optional: resolves once the editor has taken that selection in
//   methods                   the insertions to try, in order (from insertion.js)
//   undoMethods               how to take back an insertion that went in wrong (from insertion.js)
//   undoGroupMs               optional: how long after the last keystroke the editor still merges an edit
//                             into the typing's undo step (apply.js waits that long: the rewrite is its own step)
//   takesMs                   optional: how long the editor may take to show an insertion (default 150 ms)
//   beforeInsert/afterInsert  optional: what the editor needs around an insertion to record it as a step
// Whether an insertion took is apply.js's to decide, from the text read back: exactly the intended text.
"use strict";
(function (root) {
  const { adapters } = root.replycoach;
  // A textarea first. Then the rich editors, each by its own markup; the generic contenteditable last,
  // because it claims every editable element, a rich editor's too.
  const ORDER = [
    "textarea", "ckeditor5", "ckeditor4", "tinymce", "quill", "prosemirror", "draft", "trix", "slate", "lexical",
    "summernote", "froala", "jodit", "contenteditable",
  ];
  const chain = ORDER.map((kind) => {
    const adapter = adapters?.[kind];
    if (!adapter) throw new Error(`Reply Coach: no "${kind}" adapter (manifest.json must load it first)`);
    return adapter;
  });

  /** The editor containing `node`: {element (its root), kind, adapter}, or null when it is not in one. */
  function editorAt(node) {
    const element = node && node.nodeType === 1 ? node : node?.parentElement;
    if (!element) return null;
    for (const adapter of chain) {
      const found = adapter.detect(element);
      if (found) return { element: found, kind: adapter.kind, adapter };
    }
    return null;
  }

  root.replycoach.editors = { editorAt };
})(globalThis);

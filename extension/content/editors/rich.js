// What the rich editors share. A rich editor (CKEditor 5, TinyMCE, Quill, ProseMirror, Draft.js, Trix,
// Slate, Lexical) renders its contenteditable from a document model of its own; a change made straight to
// the DOM (execCommand) may never reach that model, or not as one step of its undo history, and then the
// helpdesk sends text the agent no longer sees. A paste, though, each of them handles in its model, as one
// undo step: so a synthetic paste first, then a beforeinput (insertReplacementText, for an editor that
// handles Input Events but not a script-made paste), then execCommand as the last resort. Reading, selecting
// and verifying are the generic contenteditable's. Each family's adapter is this one with its own selector.
"use strict";
(function (root) {
  const rc = root.replycoach;
  const { adapters, insertion, editorTiming } = rc;

  /** The adapter of a rich editor family whose editable element (or an ancestor of it) matches `selector`. */
  function richAdapter(kind, selector) {
    const generic = adapters.contenteditable;
    return {
      ...generic,
      kind,
      detect(element) {
        const top = generic.detect(element);
        return top && top.closest(selector) ? top : null;
      },
      // A rich editor copies the DOM selection into its model on selectionchange, asynchronously: an edit
      // sent before that would go where its model still has the caret. So every insertion waits for it.
      settle: (element) => editorTiming.selectionSettled(element.ownerDocument),
      methods: [insertion.paste, insertion.beforeInput, insertion.execCommand],
    };
  }

  rc.richAdapter = richAdapter;
})(globalThis);

// What the rich editors share. A rich editor (CKEditor 4 and 5, TinyMCE, Quill, ProseMirror and TipTap,
// Draft.js, Trix, Slate, Lexical, Froala, Jodit...) renders its contenteditable from a document model of its
// own; a change made straight to the DOM (execCommand) may never reach that model, or not as one step of its
// undo history, and then the helpdesk sends text the agent no longer sees. A paste, though, each of them
// handles in its model, as one undo step: so a synthetic paste first, then a beforeinput
// (insertReplacementText, for an editor that handles Input Events but not a script-made paste), then
// execCommand as the last resort. Reading and selecting are the generic contenteditable's. Each family's
// adapter is this one with its own selector, and what its editor needs beyond it (`options`).
"use strict";
(function (root) {
  const rc = root.replycoach;
  const { adapters, insertion, editorTiming } = rc;

  /** The adapter of a rich editor family whose editable element (or an ancestor of it) matches `selector`.
   * `options` overrides the shared parts: methods (insertions to try, in order), undoMethods (to take back
   * one that went in wrong), undoGroupMs (how long after typing the editor still merges an edit into the
   * typing's undo step), settleMs (extra wait for an editor that reads the selection late), takesMs (how long
   * it may take to show an insertion), and the
   * optional beforeInsert/afterInsert hooks. */
  function richAdapter(kind, selector, options = {}) {
    const generic = adapters.contenteditable;
    const settleMs = options.settleMs || 0;
    return {
      ...generic,
      kind,
      detect(element) {
        const top = generic.detect(element);
        return top && top.closest(selector) ? top : null;
      },
      // A rich editor copies the DOM selection into its model on selectionchange, asynchronously: an edit
      // sent before that would go where its model still has the caret. So every insertion waits for it.
      async settle(element) {
        await editorTiming.selectionSettled(element.ownerDocument);
        if (settleMs) await editorTiming.pause(element, settleMs);
      },
      methods: [insertion.paste, insertion.beforeInput, insertion.execCommand],
      // The editor's own history first (its keymap's Ctrl+Z, or Input Events' historyUndo), then the browser's.
      undoMethods: [insertion.undoKey, insertion.undoInput, insertion.undoCommand],
      ...options,
    };
  }

  rc.richAdapter = richAdapter;
})(globalThis);

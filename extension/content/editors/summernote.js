// Adapter for Summernote, found by its .note-editable element. Summernote keeps an undo stack of its own
// (snapshots of its HTML) and takes Ctrl+Z itself; it records a snapshot on a mouseup in the editable, not on
// typing nor on an edit made by a script. So the rewrite goes in with execCommand, between two such
// mouseups: one records the draft as typed, the other the rewrite, and Ctrl+Z steps back to the draft.
"use strict";
(function (root) {
  const rc = root.replycoach;
  const { insertion } = rc;

  function recordSnapshot(element) {
    element.dispatchEvent(new MouseEvent("mouseup", { bubbles: true, cancelable: true, composed: true }));
  }

  rc.adapters.summernote = rc.richAdapter("summernote", ".note-editable", {
    methods: [insertion.execCommand],
    undoMethods: [insertion.undoKey, insertion.undoCommand],
    beforeInsert: recordSnapshot,
    afterInsert: recordSnapshot,
  });
})(globalThis);

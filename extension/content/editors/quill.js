// Adapter for Quill, found by its .ql-editor element. Takes the synthetic paste of the shared rich path
// (rich.js) into its Delta model. Its history merges changes less than a second apart (its `delay`, 1 s by
// default) into one undo step, so a rewrite waits until a second after the last keystroke: otherwise one
// Ctrl+Z would take back the rewrite and the last letters typed together.
"use strict";
(function (root) {
  const rc = root.replycoach;
  rc.adapters.quill = rc.richAdapter("quill", ".ql-editor", { undoGroupMs: 1050 });
})(globalThis);

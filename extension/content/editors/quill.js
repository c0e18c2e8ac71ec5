// Adapter for Quill, found by its .ql-editor element. Takes the synthetic paste of the shared rich path
// (rich.js) into its Delta model; its history merges changes less than a second apart into one undo step.
"use strict";
(function (root) {
  const rc = root.replycoach;
  rc.adapters.quill = rc.richAdapter("quill", ".ql-editor");
})(globalThis);

// Adapter for Trix, found by its <trix-editor> element. Takes the synthetic paste of the shared rich path
// (rich.js) into its document, as one undo step.
"use strict";
(function (root) {
  const rc = root.replycoach;
  rc.adapters.trix = rc.richAdapter("trix", "trix-editor");
})(globalThis);

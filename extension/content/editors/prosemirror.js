// Adapter for ProseMirror and the editors built on it (Tiptap among them), found by the view's
// .ProseMirror element. Takes the synthetic paste of the shared rich path (rich.js) as one transaction.
"use strict";
(function (root) {
  const rc = root.replycoach;
  rc.adapters.prosemirror = rc.richAdapter("prosemirror", ".ProseMirror");
})(globalThis);

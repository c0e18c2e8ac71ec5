// Adapter for ProseMirror and the editors built on it (TipTap among them), found by the view's .ProseMirror
// element. Takes the synthetic paste of the shared rich path (rich.js) as one transaction. Its history
// groups a change made within newGroupDelay (0.5 s by default) of the last one, next to it, into the same
// undo step: so a rewrite waits until half a second after the last keystroke.
"use strict";
(function (root) {
  const rc = root.replycoach;
  rc.adapters.prosemirror = rc.richAdapter("prosemirror", ".ProseMirror", { undoGroupMs: 550 });
})(globalThis);

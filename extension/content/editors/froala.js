// Adapter for Froala, found by its .fr-element editable. Froala ignores a script's paste; it takes the
// browser's own insertText command into its document and its undo stack, as one step. It records what was
// typed as an undo step only when typing pauses (its typingTimer, 500 ms by default): a rewrite applied
// sooner would share a step with the last words typed, so it waits until then.
"use strict";
(function (root) {
  const rc = root.replycoach;
  const { insertion } = rc;
  rc.adapters.froala = rc.richAdapter("froala", ".fr-element", {
    methods: [insertion.execCommand, insertion.paste, insertion.beforeInput],
    undoGroupMs: 600,
  });
})(globalThis);

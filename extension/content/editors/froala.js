// Adapter for Froala, found by its .fr-element editable. Froala ignores a script's paste; it takes the
// browser's own insertText command into its document and its undo stack, as one step.
"use strict";
(function (root) {
  const rc = root.replycoach;
  const { insertion } = rc;
  rc.adapters.froala = rc.richAdapter("froala", ".fr-element", {
    methods: [insertion.execCommand, insertion.paste, insertion.beforeInput],
  });
})(globalThis);

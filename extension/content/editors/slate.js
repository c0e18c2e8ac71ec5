// Adapter for Slate, found by its Editable's data-slate-editor attribute. Slate copies the DOM selection into
// its model on selectionchange, throttled to once per 100 ms, and a paste goes wherever its model has the
// selection: right after typing, that is the caret, not the flagged words. A beforeinput, though, makes it
// take the DOM selection first (as spell checkers need), so it goes first; and it undoes through the Input
// Events' historyUndo (slate-history).
"use strict";
(function (root) {
  const rc = root.replycoach;
  const { insertion } = rc;
  rc.adapters.slate = rc.richAdapter("slate", "[data-slate-editor]", {
    methods: [insertion.beforeInput, insertion.paste],
    undoMethods: [insertion.undoInput, insertion.undoKey],
    settleMs: 120,
  });
})(globalThis);

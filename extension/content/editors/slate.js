// Adapter for Slate, found by its Editable's data-slate-editor attribute. The shared rich path (rich.js):
// paste, then beforeinput. Not covered by the end-to-end tests.
"use strict";
(function (root) {
  const rc = root.replycoach;
  rc.adapters.slate = rc.richAdapter("slate", "[data-slate-editor]");
})(globalThis);

// Adapter for Lexical, found by its root's data-lexical-editor attribute. The shared rich path (rich.js):
// a paste, which @lexical/history always keeps as an undo step of its own.
"use strict";
(function (root) {
  const rc = root.replycoach;
  rc.adapters.lexical = rc.richAdapter("lexical", "[data-lexical-editor]");
})(globalThis);

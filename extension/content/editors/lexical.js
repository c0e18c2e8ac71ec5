// Adapter for Lexical, found by its root's data-lexical-editor attribute. The shared rich path (rich.js):
// paste, then beforeinput. Not covered by the end-to-end tests.
"use strict";
(function (root) {
  const rc = root.replycoach;
  rc.adapters.lexical = rc.richAdapter("lexical", "[data-lexical-editor]");
})(globalThis);

// Adapter for Jodit, found by its .jodit-wysiwyg editable. The shared rich path (rich.js). Jodit records a
// change in its history 100 ms after it (its defaultTimeout): a flag shows 300 ms after typing at the
// earliest, so a rewrite is always a step of its own.
"use strict";
(function (root) {
  const rc = root.replycoach;
  rc.adapters.jodit = rc.richAdapter("jodit", ".jodit-wysiwyg");
})(globalThis);

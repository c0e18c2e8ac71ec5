// Adapter for Jodit, found by its .jodit-wysiwyg editable. The shared rich path (rich.js).
"use strict";
(function (root) {
  const rc = root.replycoach;
  rc.adapters.jodit = rc.richAdapter("jodit", ".jodit-wysiwyg");
})(globalThis);

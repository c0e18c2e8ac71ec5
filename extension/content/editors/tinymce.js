// Adapter for TinyMCE, found by .mce-content-body: the body of its iframe in classic mode (the content
// script runs in that frame too), or the element itself in inline mode. Takes the synthetic paste of the
// shared rich path (rich.js) into its model, as one undo step.
"use strict";
(function (root) {
  const rc = root.replycoach;
  rc.adapters.tinymce = rc.richAdapter("tinymce", ".mce-content-body");
})(globalThis);

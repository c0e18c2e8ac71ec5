// Adapter for CKEditor 4, found by its editable (.cke_editable: the body of its iframe in classic mode, the
// element itself inline). It takes the synthetic paste of the shared rich path (rich.js) through its
// clipboard plugin, a moment later, as one undo snapshot.
"use strict";
(function (root) {
  const rc = root.replycoach;
  rc.adapters.ckeditor4 = rc.richAdapter("ckeditor4", ".cke_editable", { takesMs: 500 });
})(globalThis);

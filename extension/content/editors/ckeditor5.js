// Adapter for CKEditor 5, found by its editable root (.ck-editor__editable). Its model takes the synthetic
// paste of the shared rich path (rich.js), as one undo step; it is the editor that most needs the selection
// to settle first, since it maps the DOM selection into its model only on selectionchange.
"use strict";
(function (root) {
  const rc = root.replycoach;
  rc.adapters.ckeditor5 = rc.richAdapter("ckeditor5", ".ck-editor__editable");
})(globalThis);

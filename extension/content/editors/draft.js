// Adapter for Draft.js, found by its content element (by class name, or as the contenteditable inside its
// container). Draft keeps the text in an EditorState of its own and renders the DOM from it; it takes the
// synthetic paste of the shared rich path (rich.js) into that state, as one undo step.
"use strict";
(function (root) {
  const rc = root.replycoach;
  rc.adapters.draft = rc.richAdapter(
    "draft", ".public-DraftEditor-content, .DraftEditor-editorContainer [contenteditable]",
  );
})(globalThis);

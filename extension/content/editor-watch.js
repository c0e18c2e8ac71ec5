// Noticing every change of an editor's text, whatever made it: typing fires `input`, but a paste, a drop, a
// helpdesk macro inserting through the editor's own API, an editor command or its undo change the DOM with
// no `input` event in most rich editors. So the editable root is watched for changes of its nodes and their
// text; the session then compares the text it reads with the one it last saw (attributes and selection
// markers the editor redraws change nothing).
"use strict";
(function (root) {
  /** Call `onChange` after each batch of DOM changes inside `element`; returns a function that stops it. */
  function watch(element, onChange) {
    const View = element.ownerDocument.defaultView;
    const observer = new View.MutationObserver(() => onChange());
    observer.observe(element, { characterData: true, childList: true, subtree: true });
    return () => observer.disconnect();
  }

  root.replycoach.editorWatch = { watch };
})(globalThis);

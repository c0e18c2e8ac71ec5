// Finding the editors of a page before the agent uses them: a helpdesk may put a macro (a canned reply) into
// the reply box before the agent ever clicks in it, and that text must be checked too. The elements an editor
// can be rooted at (a textarea, a contenteditable element) are found once when the script starts, then as
// they are added or made editable. Only that is looked at: each batch of the page's DOM changes costs a
// selector match per added element, and nothing is read from elements that cannot be edited.
"use strict";
(function (root) {
  const EDITABLE = 'textarea, [contenteditable]:not([contenteditable="false" i])';

  /** Call `found(element)` for each element of `doc` that may hold an editor: those there now, and those
   * added or made editable later (more than once for some; `found` tells them apart). Returns a function
   * that stops it. */
  function watch(doc, found) {
    for (const element of doc.querySelectorAll(EDITABLE)) found(element);
    if (doc.designMode === "on" && doc.body) found(doc.body);
    const View = doc.defaultView;
    const observer = new View.MutationObserver((records) => {
      for (const record of records) {
        if (record.type === "attributes") {
          if (record.target.matches(EDITABLE)) found(record.target);
          continue;
        }
        for (const node of record.addedNodes) {
          if (node.nodeType !== 1) continue;
          if (node.matches(EDITABLE)) found(node);
          if (node.firstElementChild) for (const inner of node.querySelectorAll(EDITABLE)) found(inner);
        }
      }
    });
    observer.observe(doc, {
      childList: true, subtree: true, attributes: true, attributeFilter: ["contenteditable"],
    });
    return () => observer.disconnect();
  }

  root.replycoach.editorDiscovery = { watch };
})(globalThis);

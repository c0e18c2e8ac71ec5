// The waits that contenteditable editors need around an edit: until the editor has taken a new selection
// into its model, and until it has rendered an edit, so that reading the DOM back sees the result.
"use strict";
(function (root) {
  /** Resolves after the next frame has been rendered and a task after it has run. */
  function nextFrame(win) {
    return new Promise((resolve) => win.requestAnimationFrame(() => win.setTimeout(resolve, 0)));
  }

  /** Resolves once the editor had its turn after a selection was set in `doc`. Rich editors copy the DOM
   * selection into their model asynchronously, on `selectionchange`: an edit sent before that lands where
   * their model still thinks the caret is. So: wait for the selectionchange (at most 150 ms), then a
   * frame, then a task. */
  function selectionSettled(doc) {
    const win = doc.defaultView;
    return new Promise((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        doc.removeEventListener("selectionchange", finish);
        nextFrame(win).then(resolve);
      };
      doc.addEventListener("selectionchange", finish);
      win.setTimeout(finish, 150);
    });
  }

  /** `read()` once `element`'s editor has rendered an edit: after a frame, a task and 30 ms more (editors
   * that apply an edit from an event of theirs re-render the DOM a little later). */
  async function afterRender(element, read) {
    await nextFrame(element.ownerDocument.defaultView);
    await pause(element, 30);
    return read();
  }

  // When each editor element last had an edit from the agent (an `input` event), for quietFor().
  const lastEdits = new WeakMap();

  /** Note that the agent just edited `element` (main.js calls it on every input event). */
  function noteEdit(element) {
    lastEdits.set(element, performance.now());
  }

  /** Resolves once `ms` have passed since the agent's last edit in `element`. Editors that group edits
   * made less than a moment apart into one undo step (Quill: 1 s, ProseMirror: 0.5 s) would otherwise
   * undo a rewrite applied right after typing together with the last letters typed. */
  function quietFor(element, ms) {
    const last = lastEdits.get(element);
    const wait = last === undefined ? 0 : last + ms - performance.now();
    return wait <= 0 ? Promise.resolve() : pause(element, wait);
  }

  /** Resolves after `ms` in `element`'s window. */
  function pause(element, ms) {
    return new Promise((resolve) => element.ownerDocument.defaultView.setTimeout(resolve, ms));
  }

  root.replycoach.editorTiming = { selectionSettled, afterRender, noteEdit, quietFor, pause };
})(globalThis);

// Where the caret goes after a rewrite is applied: back where the agent was, not at the end of the rewrite.
// A caret after the replaced text moves with the change in length; one inside it goes to the rewrite's end.
"use strict";
(function (root) {
  const { editorTiming } = root.replycoach;

  /** Where a caret at `offset` is once text [start, end) is replaced by `length` characters. */
  function shifted(offset, start, end, length) {
    if (offset <= start) return offset;
    if (offset >= end) return offset + length - (end - start);
    return start + length;
  }

  /** The caret's text offset in `editor` ({element, adapter}), or null when it is not in the editor. */
  function read({ element, adapter }) {
    return adapter.caret ? adapter.caret(element) : null;
  }

  /** Put the caret of `editor` at `offset`, and wait until the editor has taken it into its model (so the
   * next key the agent types lands there). */
  async function place({ element, adapter }, offset) {
    if (offset === null || !adapter.placeCaret || !adapter.placeCaret(element, offset)) return false;
    if (adapter.settle) await adapter.settle(element);
    else await editorTiming.afterRender(element, () => null);
    return true;
  }

  root.replycoach.caret = { shifted, read, place };
})(globalThis);

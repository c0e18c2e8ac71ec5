// Replacing a span of the editor's text inside the editor's own model, so that Ctrl+Z undoes it in one step
// and the helpdesk sends what the agent sees. How to select, insert and check is the editor's adapter's
// (content/editors/); this is the one sequence they all follow.
"use strict";
(function (root) {
  /** Replace text [start, end) of `editor` ({element, adapter}) with `replacement`, when its text is still
   * `expected`: try the adapter's insertion methods in order, each on a fresh selection of the span, until
   * one verifies. Returns the name of the method that worked, or throws when none changed the text. */
  async function replace({ element, adapter }, expected, start, end, replacement) {
    if (adapter.read(element) !== expected) throw new Error("The draft changed; analyzing it again.");
    const wanted = expected.slice(0, start) + replacement + expected.slice(end);
    element.focus({ preventScroll: true });
    for (const method of adapter.methods) {
      if (!adapter.select(element, start, end)) throw new Error("The flagged text is no longer in the editor.");
      if (adapter.settle) await adapter.settle(element);
      method.insert(element, replacement);
      if (await adapter.verify(element, expected, wanted)) return method.name;
    }
    throw new Error("The editor did not take the rewrite.");
  }

  root.replycoach.apply = { replace };
})(globalThis);

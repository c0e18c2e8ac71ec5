// Replacing a span of the editor's text inside the editor's own model, so that Ctrl+Z undoes it in one step
// and the helpdesk sends what the agent sees. How to select, insert and undo is the editor's adapter's
// (content/editors/); this is the one sequence they all follow. Success is only ever what the editor's
// text, read back, shows: exactly the draft with the rewrite in place. Anything else is taken back and
// reported, so the card can say so and offer the rewrite to copy.
"use strict";
(function (root) {
  const { editorTiming } = root.replycoach;
  const SETTLE_POLL_MS = 30;
  // How long an editor may take to show an edit before it counts as not taken; an adapter whose editor
  // applies a paste later (CKEditor 4) says so with its own takesMs.
  const SETTLE_MAX_MS = 150;

  /** An apply that did not happen: `code` says why (changed, gone, not_applied, not_restored). */
  class ApplyError extends Error {
    constructor(code, message) {
      super(message);
      this.code = code;
    }
  }

  const COULD_NOT = "Couldn't apply here; copy the rewrite.";

  /** The editor's text once it has rendered an edit: read until it differs from `before` (an editor may
   * apply a paste a little later), at most the adapter's takesMs, and once more a frame later so it is final. */
  async function readBack(element, adapter, before) {
    const start = performance.now();
    const limit = adapter.takesMs || SETTLE_MAX_MS;
    let now = await editorTiming.afterRender(element, () => adapter.read(element));
    while (now === before && performance.now() - start < limit) {
      await editorTiming.pause(element, SETTLE_POLL_MS);
      now = adapter.read(element);
    }
    return now === before ? now : editorTiming.afterRender(element, () => adapter.read(element));
  }

  /** Take back an insertion that left `element` holding something other than `expected`, through the
   * editor's history. Whether the text is `expected` again. */
  async function takeBack(element, adapter, expected) {
    for (const method of adapter.undoMethods || []) {
      let moved = false;
      for (let attempt = 0; attempt < 2; attempt++) {
        const before = adapter.read(element);
        method.undo(element);
        const now = await readBack(element, adapter, before);
        if (now === expected) return true;
        if (now === before) break; // this editor ignores this way of undoing
        moved = true;
      }
      // A way of undoing that changed the text but never back to the draft: trying another could undo more.
      if (moved) return false;
    }
    return false;
  }

  /** Replace text [start, end) of `editor` ({element, adapter}) with `replacement`, when its text is still
   * `expected`: try the adapter's insertion methods in order, each on a fresh selection of the span that
   * the editor has taken in, until the text reads back exactly as intended. Returns the name of the method
   * that worked; throws an ApplyError otherwise, after undoing any change that was not the intended one. */
  async function replace({ element, adapter }, expected, start, end, replacement) {
    const changed = () => new ApplyError("changed", "The draft changed; analyzing it again.");
    if (adapter.read(element) !== expected) throw changed();
    const wanted = expected.slice(0, start) + replacement + expected.slice(end);
    // The rewrite must be its own undo step: let the editor close the group it merges recent typing into.
    if (adapter.undoGroupMs) await editorTiming.quietFor(element, adapter.undoGroupMs);
    if (adapter.read(element) !== expected) throw changed();
    element.focus({ preventScroll: true });
    let selectedOnce = false;
    for (const method of adapter.methods) {
      if (!adapter.select(element, start, end)) throw new ApplyError("gone", "The flagged text is no longer in the editor.");
      if (adapter.settle) await adapter.settle(element);
      // The editor may have moved the selection back to where its model keeps it: then an insertion would
      // land there, not over the flagged words.
      if (adapter.selected && !adapter.selected(element, start, end)) continue;
      selectedOnce = true;
      if (adapter.beforeInsert) adapter.beforeInsert(element);
      method.insert(element, replacement);
      const now = await readBack(element, adapter, expected);
      if (now === wanted) {
        if (adapter.afterInsert) adapter.afterInsert(element);
        return method.name;
      }
      if (now === expected) continue; // the editor ignored this method: the next one
      if (await takeBack(element, adapter, expected)) throw new ApplyError("not_applied", COULD_NOT);
      throw new ApplyError(
        "not_restored", "Couldn't apply here, and the editor changed the text: press Ctrl+Z, then copy the rewrite.",
      );
    }
    if (!selectedOnce) throw new ApplyError("not_selected", COULD_NOT);
    throw new ApplyError("not_applied", COULD_NOT);
  }

  root.replycoach.apply = { replace, ApplyError };
})(globalThis);

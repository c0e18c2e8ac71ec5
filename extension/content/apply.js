// Replacing a span of the editor's text inside the editor's own model, so that Ctrl+Z undoes it in one step
// and the helpdesk sends what the agent sees. How to select, insert and undo is the editor's adapter's
// (content/editors/); this is the one sequence they all follow. Success is only ever what the editor's
// text, read back, shows: exactly the draft with the rewrite in place. Anything else is taken back and
// reported, so the card can say so and offer the rewrite to copy.
"use strict";
(function (root) {
  const { editorTiming, insertion } = root.replycoach;
  const SETTLE_POLL_MS = 30;
  // How long an editor may take to show an edit before it counts as not taken; an adapter whose editor
  // applies a paste later (CKEditor 4) says so with its own takesMs.
  const SETTLE_MAX_MS = 150;

  /** An apply that did not happen: `code` says why: changed (the draft changed meanwhile), gone (the span
   * is no longer there), not_selected (the editor would not select it), not_applied (the editor did not take
   * it, or took it wrong and the draft is back as typed), not_restored (the draft could not be put back). */
  class ApplyError extends Error {
    constructor(code, message) {
      super(message);
      this.code = code;
    }
  }

  const COULD_NOT = "Couldn't apply here; copy the rewrite.";

  /** The editor's text once it has rendered an edit: read until it differs from `before` (an editor may
   * apply a paste a little later), at most the adapter's takesMs, and once more a frame later so it is
   * final. */
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

  /** Where `text` and `target` differ: the lengths of their common start and end (not overlapping). */
  function common(text, target) {
    let head = 0;
    while (head < text.length && head < target.length && text[head] === target[head]) head++;
    let tail = 0;
    while (tail < text.length - head && tail < target.length - head
      && text[text.length - 1 - tail] === target[target.length - 1 - tail]) tail++;
    return { head, tail };
  }

  /** How many of `target`'s characters `text` still holds around any change. */
  function kept(text, target) {
    const { head, tail } = common(text, target);
    return head + tail;
  }

  /** When the editor's history cannot take a wrong insertion back without taking typed words too: select
   * what differs from `expected` and put back what was there (delete it, when nothing was), as one more
   * edit, checked like the insertion. Whether the text is `expected` again. */
  async function repair(element, adapter, expected) {
    const now = adapter.read(element);
    const { head, tail } = common(now, expected);
    const [from, to] = [head, now.length - tail];
    const missing = expected.slice(head, expected.length - tail);
    if (from >= to || !adapter.select(element, from, to)) return false;
    if (adapter.settle) await adapter.settle(element);
    if (adapter.selected && !adapter.selected(element, from, to)) return false;
    const edits = missing
      ? adapter.methods.map((method) => () => method.insert(element, missing))
      : insertion.deletions.map((method) => () => method.delete(element));
    for (const edit of edits) {
      edit();
      const after = await readBack(element, adapter, now);
      if (after === expected) return true;
      if (after !== now) return false; // changed some other way: leave it, and say so
    }
    return false;
  }

  /** Take back an insertion that left `element` holding something other than `expected`, through the
   * editor's history, one step at a time (an editor may have recorded it as two). An undo may only remove
   * what was inserted: one that takes away any of the draft's own characters (an editor that merged the
   * insertion with the typing before it) is redone at once, so the agent's words are never lost. Whether
   * the text is `expected` again. */
  async function takeBack(element, adapter, expected) {
    for (const method of adapter.undoMethods || []) {
      let moved = false;
      for (let attempt = 0; attempt < 3; attempt++) {
        const before = adapter.read(element);
        method.undo(element);
        const now = await readBack(element, adapter, before);
        if (now === expected) return true;
        if (now === before) break; // this editor ignores this way of undoing
        moved = true;
        if (kept(now, expected) < kept(before, expected)) {
          method.redo(element);
          await readBack(element, adapter, now);
          return false;
        }
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
      if (!adapter.select(element, start, end)) {
        throw new ApplyError("gone", "The flagged text is no longer in the editor.");
      }
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
      if (await takeBack(element, adapter, expected) || await repair(element, adapter, expected)) {
        throw new ApplyError("not_applied", COULD_NOT);
      }
      throw new ApplyError(
        "not_restored",
        "Couldn't apply here, and the editor changed the text: check it, then copy the rewrite.",
      );
    }
    if (!selectedOnce) throw new ApplyError("not_selected", COULD_NOT);
    throw new ApplyError("not_applied", COULD_NOT);
  }

  root.replycoach.apply = { replace, ApplyError };
})(globalThis);

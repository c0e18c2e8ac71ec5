// What a rewrite changes, in words the card shows: the words it replaces and what goes in their place, or,
// for a sentence the structure checks insert (scope "insert"), where it goes.
"use strict";
(function (root) {
  const LONGEST = 48; // characters of replaced text shown whole; longer ones keep their start and end

  /** `text` cut to about LONGEST characters, keeping its start and end around an ellipsis. */
  function short(text) {
    if (text.length <= LONGEST) return text;
    const half = Math.floor((LONGEST - 1) / 2);
    return `${text.slice(0, half).trimEnd()}\u2026${text.slice(text.length - half).trimStart()}`;
  }

  /** {from, to, label} for `suggestion` of `flag` in `draft` (the text the offsets index): `from` says what
   * it replaces or where it goes, `to` what goes in, `label` the whole for a screen reader. */
  function describe(flag, suggestion, draft) {
    const { start_utf16: start, end_utf16: end, text } = suggestion;
    if (suggestion.scope === "insert") {
      const after = start >= flag.end_utf16;
      const where = after ? "Add after" : "Insert before";
      const anchor = short(flag.text);
      // An insertion that also takes the next character (to change its case) shows the sentence alone.
      const inserted = text.slice(0, text.length - (end - start)).trim() || text.trim();
      return { from: `${where} \u201C${anchor}\u201D: `, to: inserted, label: `${where} \u201C${anchor}\u201D: ${inserted}` };
    }
    const replaced = short(draft.slice(start, end));
    return { from: replaced, to: text, label: `Replace \u201C${replaced}\u201D with \u201C${text}\u201D` };
  }

  const api = { describe, short };
  root.replycoach = root.replycoach || {};
  root.replycoach.changeText = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(globalThis);

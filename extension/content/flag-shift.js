// Keeping the underlines on their words while the agent types: the flags of the text last analyzed are
// moved through each edit (the text before and after it) until the answer for the new text arrives. A flag
// whose words the edit touched is dropped (a letter typed onto the end of a flagged word changes the word);
// a rewrite whose span the edit touched is dropped from its flag, since applying it would replace words the
// agent has just typed.
"use strict";
(function (root) {
  const WORD = /[\p{L}\p{N}_'’]/u;

  /** Where `before` and `after` differ: [start, oldEnd) of `before` became [start, newEnd) of `after`. */
  function edit(before, after) {
    let start = 0;
    const shortest = Math.min(before.length, after.length);
    while (start < shortest && before[start] === after[start]) start++;
    let tail = 0;
    while (tail < shortest - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
    return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
  }

  const isWord = (ch) => ch !== undefined && WORD.test(ch);

  /** Span [start, end) of `before` in `after`, as {start, end}; null when the edit touched its words. */
  function shiftSpan(start, end, change, before, after) {
    const delta = change.newEnd - change.oldEnd;
    if (end <= change.start) {
      // Before the edit: untouched unless the edit glued letters onto its last word.
      const glued = end === change.start && start < end && isWord(before[end - 1]) && isWord(after[end]);
      return glued ? null : { start, end };
    }
    if (start >= change.oldEnd) {
      const moved = start + delta;
      const glued = start === change.oldEnd && start < end && isWord(before[start]) && isWord(after[moved - 1]);
      return glued ? null : { start: moved, end: end + delta };
    }
    return null;
  }

  /** `flags` (of the API, for text `before`) moved into text `after`: those whose words are unchanged, at
   * their new offsets, each with the rewrites whose span is unchanged. */
  function shift(flags, before, after) {
    if (before === after) return flags;
    const change = edit(before, after);
    const out = [];
    for (const flag of flags) {
      const span = shiftSpan(flag.start_utf16, flag.end_utf16, change, before, after);
      if (!span) continue;
      const suggestions = [];
      for (const suggestion of flag.suggestions) {
        const moved = shiftSpan(suggestion.start_utf16, suggestion.end_utf16, change, before, after);
        if (moved) suggestions.push({ ...suggestion, start_utf16: moved.start, end_utf16: moved.end });
      }
      out.push({ ...flag, start_utf16: span.start, end_utf16: span.end, suggestions });
    }
    return out;
  }

  const api = { edit, shift };
  root.replycoach = root.replycoach || {};
  root.replycoach.flagShift = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(globalThis);

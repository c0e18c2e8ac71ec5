// Where a card goes: next to the words it is about, never over them nor over the line the agent is typing
// in. The lines to keep clear are bands across the window; the card goes in the free stretch just below
// its words, else just above, else the nearest stretch it fits in, else the tallest one, shrunk to fit
// (its content then scrolls).
"use strict";
(function (root) {
  const GAP = 6; // between the card and a line it keeps clear
  const EDGE = 4; // from the window's edges
  const LINE = 4; // a line's box reaches this far past its text's box (the line height's leading)

  /** Free vertical stretches [top, bottom] of a window `height` tall, outside `bands` ([top, bottom]). */
  function freeStretches(bands, height) {
    const sorted = bands.map(([top, bottom]) => [top - GAP, bottom + GAP]).sort((a, b) => a[0] - b[0]);
    const free = [];
    let from = EDGE;
    for (const [top, bottom] of sorted) {
      if (top > from) free.push([from, Math.min(top, height - EDGE)]);
      from = Math.max(from, bottom);
    }
    if (from < height - EDGE) free.push([from, height - EDGE]);
    return free.filter(([top, bottom]) => bottom > top);
  }

  /** {left, top, maxHeight} for a box of `size` ({width, height}) about `anchor` (the first line box of its
   * words), keeping `avoid` (line boxes: all of its words', the caret's) clear, in a window of `view`
   * ({width, height}). maxHeight is null when the box fits whole. */
  function place(size, anchor, avoid, view) {
    const left = Math.max(EDGE, Math.min(anchor.left, view.width - size.width - EDGE));
    const bands = [anchor, ...avoid].map((rect) => [rect.top - LINE, rect.bottom + LINE]);
    const free = freeStretches(bands, view.height);
    if (!free.length) return { left, top: EDGE, maxHeight: null };
    const fits = ([top, bottom]) => bottom - top >= size.height;
    const below = free.find(([top]) => top >= anchor.bottom);
    const above = [...free].reverse().find(([, bottom]) => bottom <= anchor.top);
    const distance = ([top, bottom]) => (top >= anchor.bottom ? top - anchor.bottom : anchor.top - bottom);
    const ordered = [below, above, ...[...free].sort((a, b) => distance(a) - distance(b))].filter(Boolean);
    const stretch = ordered.find(fits);
    if (stretch) {
      const top = stretch[0] >= anchor.bottom ? stretch[0] : stretch[1] - size.height;
      return { left, top, maxHeight: null };
    }
    const tallest = free.reduce((best, item) => (item[1] - item[0] > best[1] - best[0] ? item : best));
    return { left, top: tallest[0], maxHeight: tallest[1] - tallest[0] };
  }

  const api = { place, freeStretches };
  root.replycoach = root.replycoach || {};
  root.replycoach.placement = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(globalThis);

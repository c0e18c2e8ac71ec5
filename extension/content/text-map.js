// The text of an editor as the API sees it, with the DOM position of each UTF-16 code unit, so that the
// API's UTF-16 offsets map back to DOM ranges across formatting: the API counts in UTF-16 code units, as
// JavaScript strings do, so an index into this text is an API offset.
"use strict";
(function (root) {
  const BLOCK_TAGS = new Set([
    "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "DD", "DETAILS", "DIV", "DL", "DT", "FIELDSET",
    "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR", "LI",
    "MAIN", "NAV", "OL", "P", "PRE", "SECTION", "TABLE", "TBODY", "TD", "TFOOT", "TH", "THEAD", "TR", "UL",
  ]);
  const SKIP_TAGS = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "OBJECT", "IFRAME"]);
  // Editors' caret fillers and joiners: never part of what the agent wrote.
  const ZERO_WIDTH = /[\u200B\u200C\u200D\u2060\uFEFF]/;
  const PRESERVED_SPACE = new Set(["pre", "pre-wrap", "pre-line", "break-spaces"]);

  function preservesSpace(element) {
    const view = element.ownerDocument.defaultView;
    const style = view && view.getComputedStyle ? view.getComputedStyle(element) : null;
    return Boolean(style && PRESERVED_SPACE.has(style.whiteSpace));
  }

  /** Walk `editor` and return {text, positions}: positions[i] is {node, offset} or null for a line break
   * the walk added at a block boundary or <br>. */
  function build(editor) {
    let text = "";
    const positions = [];
    let pendingBreaks = 0;
    const spaceCache = new Map();

    function emitBreaks() {
      if (pendingBreaks && text.length) {
        for (let i = 0; i < pendingBreaks; i++) {
          text += "\n";
          positions.push(null);
        }
      }
      pendingBreaks = 0;
    }

    function visitText(node) {
      const parent = node.parentNode;
      if (!spaceCache.has(parent)) spaceCache.set(parent, preservesSpace(parent));
      const keepSpace = spaceCache.get(parent);
      const data = node.data;
      for (let i = 0; i < data.length; i++) {
        let ch = data[i];
        if (ZERO_WIDTH.test(ch)) continue;
        if (!keepSpace && /[ \t\n\r\f]/.test(ch)) {
          const last = text[text.length - 1];
          if (pendingBreaks || !text.length || last === " " || last === "\n") continue;
          ch = " ";
        }
        if (ch === "\u00A0") ch = " ";
        emitBreaks();
        text += ch;
        positions.push({ node, offset: i });
      }
    }

    function visit(node) {
      if (node.nodeType === 3) {
        visitText(node);
        return;
      }
      if (node.nodeType !== 1) return;
      const tag = node.tagName.toUpperCase();
      if (SKIP_TAGS.has(tag)) return;
      if (node !== editor && node.getAttribute("contenteditable") === "false") return;
      if (tag === "BR") {
        pendingBreaks += 1;
        return;
      }
      const block = BLOCK_TAGS.has(tag) && node !== editor;
      if (block) pendingBreaks = Math.max(pendingBreaks, 1);
      for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
      if (block) pendingBreaks = Math.max(pendingBreaks, 1);
    }

    visit(editor);
    return { text, positions };
  }

  /** The DOM boundary points of text [start, end) (UTF-16 offsets), or null when the span holds no
   * character of the DOM (only added line breaks) or lies outside the text. */
  function rangePoints(map, start, end) {
    if (start < 0 || end > map.text.length || start >= end) return null;
    let first = start;
    while (first < end && !map.positions[first]) first++;
    let last = end - 1;
    while (last >= first && !map.positions[last]) last--;
    if (first > last) return null;
    const a = map.positions[first];
    const b = map.positions[last];
    return { startNode: a.node, startOffset: a.offset, endNode: b.node, endOffset: b.offset + 1 };
  }

  /** A live Range over text [start, end), or null (see rangePoints). */
  function toRange(map, start, end) {
    const points = rangePoints(map, start, end);
    if (!points) return null;
    const range = points.startNode.ownerDocument.createRange();
    range.setStart(points.startNode, points.startOffset);
    range.setEnd(points.endNode, points.endOffset);
    return range;
  }

  /** Whether `range` covers exactly the characters of text [start, end) of `map` (the line breaks the
   * walk added aside): so an edit sent to the selection replaces the flagged words, nothing more or less. */
  function covers(map, range, start, end) {
    let any = false;
    for (let index = 0; index < map.text.length; index++) {
      const at = map.positions[index];
      if (!at) continue;
      const inside = range.comparePoint(at.node, at.offset) === 0
        && range.comparePoint(at.node, at.offset + 1) === 0;
      if (inside !== (index >= start && index < end)) return false;
      any = any || inside;
    }
    return any;
  }

  /** The closest block (or the editor) holding `node`, as the walk splits lines. */
  function blockOf(node, editor) {
    let at = node.nodeType === 1 ? node : node.parentNode;
    while (at && at !== editor && !(at.nodeType === 1 && BLOCK_TAGS.has(at.tagName.toUpperCase()))) {
      at = at.parentNode;
    }
    return at || editor;
  }

  /** The text offset of the DOM point (node, offset) inside `editor` (a caret): the characters before it.
   * Between two lines, the line break goes before the caret only when the caret is in the next line's block. */
  function offsetAt(map, editor, node, offset) {
    const caret = node.ownerDocument.createRange();
    caret.setStart(node, offset);
    let before = -1; // the last character ending at or before the caret
    let after = map.text.length; // the first character after it
    for (let index = 0; index < map.text.length; index++) {
      const at = map.positions[index];
      if (!at) continue;
      if (caret.comparePoint(at.node, at.offset + 1) <= 0) before = index;
      else {
        after = index;
        break;
      }
    }
    if (before < 0) return after === map.text.length ? after : 0;
    if (after === before + 1) return after;
    return blockOf(map.positions[before].node, editor) === blockOf(node, editor) ? before + 1 : after;
  }

  /** The DOM point {node, offset} of text offset `offset` for a caret: right after the character before it,
   * or, after a line break, right before the character after it; null when neither is in the DOM. */
  function pointAt(map, offset) {
    const previous = offset > 0 ? map.positions[offset - 1] : null;
    if (previous) return { node: previous.node, offset: previous.offset + 1 };
    const next = map.positions[offset];
    return next ? { node: next.node, offset: next.offset } : null;
  }

  const api = { build, rangePoints, toRange, covers, offsetAt, pointAt };
  root.replycoach = root.replycoach || {};
  root.replycoach.textMap = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(globalThis);

// Adapter for an element the agent edits as contenteditable, when no rich editor's adapter claims it; the
// rich adapters reuse its reading, selecting and verifying (see rich.js). The text and its offsets come
// from the text map: the DOM's characters in order, with line breaks at blocks and <br>.
"use strict";
(function (root) {
  const rc = root.replycoach;
  const { textMap, insertion, editorTiming } = rc;

  function read(element) {
    return textMap.build(element).text;
  }

  rc.adapters = rc.adapters || {};
  rc.adapters.contenteditable = {
    kind: "contenteditable",

    /** The outermost editable element around `element` (the editing host), or null when it is not
     * editable. Form fields are never taken: a textarea is the textarea adapter's, an input nobody's. */
    detect(element) {
      if (element.tagName === "TEXTAREA" || element.tagName === "INPUT") return null;
      if (!element.isContentEditable) return null;
      let top = element;
      while (top.parentElement && top.parentElement.isContentEditable) top = top.parentElement;
      return top;
    },

    read,

    rects(element, start, end) {
      const range = textMap.toRange(textMap.build(element), start, end);
      return range ? [...range.getClientRects()].filter((rect) => rect.width > 0) : [];
    },

    /** Make text [start, end) the document's selection; false when the span is no longer in the DOM. */
    select(element, start, end) {
      const range = textMap.toRange(textMap.build(element), start, end);
      if (!range) return false;
      const selection = element.ownerDocument.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      return true;
    },

    // The browser edits a plain contenteditable itself: its own command first, then what rich editors take.
    methods: [insertion.execCommand, insertion.paste, insertion.beforeInput],

    /** Read the text back once the editor has rendered. The insertion took when the text is the intended
     * one, or when it changed some other way (the editor adjusted spacing, say): that text is kept. When it
     * is still the text before the insertion, the next method is tried. */
    async verify(element, expected, wanted) {
      const now = await editorTiming.afterRender(element, () => read(element));
      return now === wanted || now !== expected;
    },
  };
})(globalThis);

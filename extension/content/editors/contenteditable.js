// Adapter for an element the agent edits as contenteditable, when no rich editor's adapter claims it; the
// rich adapters reuse its reading and selecting (see rich.js). The text and its offsets come
// from the text map: the DOM's characters in order, with line breaks at blocks and <br>.
"use strict";
(function (root) {
  const rc = root.replycoach;
  const { textMap, insertion } = rc;

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

    /** Whether the document's selection covers exactly text [start, end): checked after the editor had
     * its turn, since an editor may move the selection back to where its model has it. */
    selected(element, start, end) {
      const selection = element.ownerDocument.getSelection();
      if (!selection || !selection.rangeCount) return false;
      return textMap.covers(textMap.build(element), selection.getRangeAt(0), start, end);
    },

    /** The text offset of the caret (the selection's focus) when it is in the editor, else null. */
    caret(element) {
      const selection = element.ownerDocument.getSelection();
      if (!selection || !selection.rangeCount || !element.contains(selection.focusNode)) return null;
      return textMap.offsetAt(textMap.build(element), element, selection.focusNode, selection.focusOffset);
    },

    /** Put the caret at text offset `offset`; false when there is no such place in the DOM. */
    placeCaret(element, offset) {
      const point = textMap.pointAt(textMap.build(element), offset);
      if (!point) return false;
      element.ownerDocument.getSelection().collapse(point.node, point.offset);
      return true;
    },

    // A paste first: an editor this file does not know (Squire, say) may keep an undo stack of its own,
    // which records what it pastes itself but not an edit made with execCommand. A plain contenteditable
    // ignores a script's paste, and the browser's own command then edits it as typing does.
    methods: [insertion.paste, insertion.execCommand, insertion.beforeInput],
    // How to take back an insertion that went in wrong: an unknown editor's Ctrl+Z, then the browser's undo.
    undoMethods: [insertion.undoKey, insertion.undoCommand],
  };
})(globalThis);

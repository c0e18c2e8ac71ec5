// Adapter for a <textarea>: its value is the text, its own selection API selects a span, and
// execCommand("insertText") replaces it as one step of the textarea's undo stack.
"use strict";
(function (root) {
  const rc = root.replycoach;

  rc.adapters = rc.adapters || {};
  rc.adapters.textarea = {
    kind: "textarea",

    /** The textarea itself, unless the agent cannot type in it. */
    detect(element) {
      if (element.tagName !== "TEXTAREA") return null;
      return element.readOnly || element.disabled ? null : element;
    },

    /** The value: its UTF-16 offsets are the API's as they are. */
    read(element) {
      return element.value;
    },

    /** Rects of the span as drawn, measured in a hidden copy in the overlay (a textarea has no DOM range). */
    rects(element, start, end) {
      return rc.textareaMirror.rects(rc.overlay.shadow(), element, start, end);
    },

    select(element, start, end) {
      element.setSelectionRange(start, end);
      return true;
    },

    selected(element, start, end) {
      return element.selectionStart === start && element.selectionEnd === end;
    },

    caret(element) {
      return element.selectionEnd;
    },

    placeCaret(element, offset) {
      element.setSelectionRange(offset, offset);
      return true;
    },

    methods: [rc.insertion.execCommand],
    undoMethods: [rc.insertion.undoCommand],
  };
})(globalThis);

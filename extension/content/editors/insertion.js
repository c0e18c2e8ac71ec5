// The ways to put text into an editor in place of its selection, each as one undo step. An adapter lists
// the ones its editor family accepts, in the order to try them; each method's name is what the extension
// reports as the method that worked (data-rc-applied-with on the overlay).
"use strict";
(function (root) {
  /** `text` as the plain-text clipboard data a paste or an insertion carries. */
  function plainText(text) {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    return data;
  }

  /** Send `element` an Input Events `beforeinput` of `inputType` (with `init`'s data), as the browser would. */
  function sendBeforeInput(element, inputType, init = {}) {
    element.dispatchEvent(new InputEvent("beforeinput", {
      inputType, ...init, bubbles: true, cancelable: true, composed: true,
    }));
  }

  // The browser's own editing command: for a <textarea> and a plain contenteditable it edits the DOM the
  // way typing does, so the browser's undo stack takes it as one step. Editors with their own document
  // model tend to miss it or to undo it apart from their own history.
  const execCommand = {
    name: "execCommand",
    insert(element, text) {
      element.ownerDocument.execCommand("insertText", false, text);
    },
  };

  // A synthetic paste of plain text: rich editors handle paste themselves, in their own model and as one
  // step of their own undo history, so what they send is what the agent sees.
  const paste = {
    name: "paste",
    insert(element, text) {
      const data = plainText(text);
      // Firefox ignores `clipboardData` in a script-made ClipboardEvent (the paste would carry no text) and
      // reads its own `dataType` and `data` options instead; Chromium ignores those, so both are given.
      const event = new ClipboardEvent("paste", {
        clipboardData: data,
        dataType: "text/plain",
        data: text,
        bubbles: true,
        cancelable: true,
        composed: true,
      });
      element.dispatchEvent(event);
    },
  };

  // A `beforeinput` of type insertReplacementText, as a spell checker's correction sends: for editors
  // built on the Input Events model that do not handle a synthetic paste.
  const beforeInput = {
    name: "beforeinput",
    insert(element, text) {
      sendBeforeInput(element, "insertReplacementText", { data: text, dataTransfer: plainText(text) });
    },
  };

  // The ways to undo one step of an editor's history, for an insertion that went in wrong (apply.js), each
  // with its redo for an undo that went too far: the browser's own command (a <textarea>, a plain
  // contenteditable), the Input Events `historyUndo` that editors built on them handle (Slate among them),
  // and the Ctrl+Z (Ctrl+Shift+Z) an editor's own keymap handles.
  const undoCommand = {
    name: "execCommand",
    undo(element) {
      element.ownerDocument.execCommand("undo", false, null);
    },
    redo(element) {
      element.ownerDocument.execCommand("redo", false, null);
    },
  };

  const undoInput = {
    name: "historyUndo",
    undo: (element) => sendBeforeInput(element, "historyUndo"),
    redo: (element) => sendBeforeInput(element, "historyRedo"),
  };

  function pressZ(element, shiftKey) {
    const mac = /Mac|iPhone|iPad/.test(element.ownerDocument.defaultView.navigator.platform);
    const init = {
      key: shiftKey ? "Z" : "z", code: "KeyZ", keyCode: 90, which: 90, ctrlKey: !mac, metaKey: mac, shiftKey,
      bubbles: true, cancelable: true, composed: true,
    };
    element.dispatchEvent(new KeyboardEvent("keydown", init));
    element.dispatchEvent(new KeyboardEvent("keyup", init));
  }

  const undoKey = {
    name: "Ctrl+Z",
    undo: (element) => pressZ(element, false),
    redo: (element) => pressZ(element, true),
  };

  // The ways to delete the selection, to take out text an editor put in the wrong place when its history
  // cannot take it back alone (apply.js): Input Events' deleteContentBackward, then the browser's command.
  const deletions = [
    {
      name: "beforeinput",
      delete: (element) => sendBeforeInput(element, "deleteContentBackward"),
    },
    {
      name: "execCommand",
      delete(element) {
        element.ownerDocument.execCommand("delete", false, null);
      },
    },
  ];

  root.replycoach.insertion = { execCommand, paste, beforeInput, undoCommand, undoInput, undoKey, deletions };
})(globalThis);

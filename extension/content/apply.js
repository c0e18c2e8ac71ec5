// Replacing a span of the editor's text inside the editor's own model, so that Ctrl+Z undoes it and the
// helpdesk sends what the agent sees. Methods per editor as measured in shared/notes/extension-editors.md.
"use strict";
(function (root) {
  const { textMap } = root.replycoach;

  function nextFrame(win) {
    return new Promise((resolve) => win.requestAnimationFrame(() => win.setTimeout(resolve, 0)));
  }

  // Rich editors copy the DOM selection into their model asynchronously: wait for the selectionchange,
  // then a frame, then a task, before pasting.
  function selectionSettled(doc) {
    const win = doc.defaultView;
    return new Promise((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        doc.removeEventListener("selectionchange", finish);
        nextFrame(win).then(resolve);
      };
      doc.addEventListener("selectionchange", finish);
      win.setTimeout(finish, 150);
    });
  }

  function pasteEvent(doc, text) {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    // Firefox ignores `clipboardData` in a script-made ClipboardEvent (the paste would carry no text) and
    // reads its own `dataType` and `data` options instead; Chromium ignores those, so both are given.
    return new ClipboardEvent("paste", {
      clipboardData: data,
      dataType: "text/plain",
      data: text,
      bubbles: true,
      cancelable: true,
      composed: true,
    });
  }

  function beforeInputEvent(text) {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    return new InputEvent("beforeinput", {
      inputType: "insertReplacementText", data: text, dataTransfer: data, bubbles: true, cancelable: true,
      composed: true,
    });
  }

  function selectRange(editor, start, end) {
    const map = textMap.build(editor);
    const range = textMap.toRange(map, start, end);
    if (!range) return false;
    const selection = editor.ownerDocument.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return true;
  }

  async function settleAndRead(editor, read) {
    await nextFrame(editor.ownerDocument.defaultView);
    await new Promise((resolve) => editor.ownerDocument.defaultView.setTimeout(resolve, 30));
    return read();
  }

  /** Replace text [start, end) of `editor` with `replacement`, when its text is still `expected`.
   * Returns the method that worked, or throws when none changed the text. */
  async function replace({ element, kind, rich }, read, expected, start, end, replacement) {
    const doc = element.ownerDocument;
    if (read() !== expected) throw new Error("The draft changed; analyzing it again.");
    const wanted = expected.slice(0, start) + replacement + expected.slice(end);
    element.focus({ preventScroll: true });

    if (kind === "textarea") {
      element.setSelectionRange(start, end);
      doc.execCommand("insertText", false, replacement);
      if (element.value === wanted) return "execCommand";
      throw new Error("The editor did not take the rewrite.");
    }

    const methods = rich
      ? ["paste", "beforeinput", "execCommand"]
      : ["execCommand", "paste", "beforeinput"];
    for (const method of methods) {
      if (!selectRange(element, start, end)) throw new Error("The flagged text is no longer in the editor.");
      if (rich) await selectionSettled(doc);
      if (method === "execCommand") doc.execCommand("insertText", false, replacement);
      else if (method === "paste") element.dispatchEvent(pasteEvent(doc, replacement));
      else element.dispatchEvent(beforeInputEvent(replacement));
      const now = await settleAndRead(element, read);
      if (now === wanted) return method;
      if (now !== expected) return method; // the editor changed the text its own way (spacing, say): keep it
    }
    throw new Error("The editor did not take the rewrite.");
  }

  root.replycoach.apply = { replace };
})(globalThis);

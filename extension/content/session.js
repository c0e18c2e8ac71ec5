// One editor's analysis: debounced after every change of its text (typed, pasted, or put there by a macro or
// the editor itself), never for unchanged text; stale answers dropped.
"use strict";
(function (root) {
  const { messages, editorWatch } = root.replycoach;
  const DEBOUNCE_MS = 300;

  class Session {
    constructor(editor, { customerSelector, onChange }) {
      this.editor = editor;
      this.customerSelector = customerSelector;
      this.onChange = onChange;
      this.sentText = null;
      this.seq = 0;
      this.result = null; // {text, flags, score} for the text last analyzed
      this.error = null;
      this.dismissed = new Set();
      this.timer = null;
      this.seen = this.read(); // the text as last noticed, to tell a change of text from other DOM changes
      this.unwatch = editorWatch.watch(editor.element, () => this.noteChange());
    }

    /** Check the editor's text (after an input event or a DOM change): when it differs from the text last
     * seen, analyze it about 300 ms after the last change. Whether it changed. */
    noteChange() {
      const text = this.read();
      if (text === this.seen) return false;
      this.seen = text;
      this.schedule();
      return true;
    }

    /** The editor's current text, as sent to the API. */
    read() {
      const { element, adapter } = this.editor;
      return adapter.read(element);
    }

    /** Analyze about 300 ms after the last call. */
    schedule() {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.analyze(), DEBOUNCE_MS);
      this.onChange(this);
    }

    /** Analyze now unless the text is the one already sent. */
    async analyze({ force = false } = {}) {
      clearTimeout(this.timer);
      const text = this.read();
      this.seen = text;
      if (!force && text === this.sentText) return;
      this.sentText = text;
      const seq = ++this.seq;
      if (!text.trim()) {
        this.result = { text, flags: [], score: 100 };
        this.error = null;
        this.onChange(this);
        return;
      }
      const customerMessage = root.replycoach.customer.lastMessage(this.customerSelector);
      try {
        const value = await messages.send("draft.analyze", { text, customerMessage });
        if (seq !== this.seq || this.read() !== text) return; // an answer for text that is gone
        this.result = { text, flags: value.flags, score: value.score };
        this.error = null;
      } catch (error) {
        if (seq !== this.seq) return;
        this.error = { code: error.code, message: error.message };
        this.sentText = null; // try again on the next change, or when the service said to
        if (error.retryAfter) this.timer = setTimeout(() => this.analyze(), error.retryAfter * 1000);
      }
      this.onChange(this);
    }

    /** Whether the flags still describe the editor's text. */
    current() {
      return Boolean(this.result) && this.read() === this.result.text;
    }

    /** The flags to show: not dismissed, and only while the text is the one analyzed. */
    flags() {
      if (!this.current()) return [];
      return this.result.flags.filter((flag) => !this.dismissed.has(dismissKey(flag)));
    }

    dismiss(flag) {
      this.dismissed.add(dismissKey(flag));
      this.onChange(this);
    }

    /** Client rects of text [start, end) of the editor, in the viewport of the document drawn in (the top
     * one, for an editor in a same-origin iframe). */
    rects(start, end) {
      const { element, adapter } = this.editor;
      return root.replycoach.overlay.toHost(adapter.rects(element, start, end));
    }
  }

  function dismissKey(flag) {
    return `${flag.rule_id}|${flag.text}`;
  }

  root.replycoach.Session = Session;
})(globalThis);

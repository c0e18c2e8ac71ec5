// One editor's analysis: debounced after every change of its text (typed, pasted, or put there by a macro or
// the editor itself), never for unchanged text; stale answers dropped. Until the answer for the new text
// arrives, the flags shown are the last answer's, moved through each edit (flag-shift.js).
"use strict";
(function (root) {
  const { messages, editorWatch, flagShift } = root.replycoach;
  const DEBOUNCE_MS = 300;

  class Session {
    /** `onChange(session)` after each change of what is shown; `onEdit(session)` when the editor's text
     * changed, whatever changed it. */
    constructor(editor, { customerSelector, onChange, onEdit = () => {} }) {
      this.editor = editor;
      this.customerSelector = customerSelector;
      this.onChange = onChange;
      this.onEdit = onEdit;
      this.sentText = null;
      this.seq = 0;
      this.result = null; // {text, flags, score} for the text last analyzed
      this.shown = null; // {text, flags}: the last answer's flags moved into `text`, the text last seen
      this.error = null;
      this.dismissed = new Set();
      this.timer = null;
      this.seen = this.read(); // the text as last noticed, to tell a change of text from other DOM changes
      this.unwatch = editorWatch.watch(editor.element, () => this.noteChange());
    }

    /** Check the editor's text (after an input event or a DOM change): when it differs from the text last
     * seen, analyze it about 300 ms after the last change. Whether it changed. */
    noteChange() {
      if (!this.track(this.read())) return false;
      this.schedule();
      this.onEdit(this);
      return true;
    }

    /** Note `text` as the editor's text: when it changed, move the shown flags through the edit. */
    track(text) {
      if (text === this.seen) return false;
      if (this.shown && this.shown.text === this.seen) {
        this.shown = { text, flags: flagShift.shift(this.shown.flags, this.seen, text) };
      }
      this.seen = text;
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
      this.track(text);
      if (!force && text === this.sentText) return;
      this.sentText = text;
      const seq = ++this.seq;
      if (!text.trim()) {
        this.result = { text, flags: [], score: 100 };
        this.shown = { text, flags: [] };
        this.error = null;
        this.onChange(this);
        return;
      }
      const customerMessage = root.replycoach.customer.lastMessage(this.customerSelector);
      try {
        const value = await messages.send("draft.analyze", { text, customerMessage });
        if (seq !== this.seq || this.read() !== text) return; // an answer for text that is gone
        this.result = { text, flags: value.flags, score: value.score };
        this.shown = { text, flags: value.flags };
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

    /** The flags to show, for the editor's text as it is: not dismissed; the last answer's while the agent
     * types, moved with the text, until the answer for this text arrives. */
    flags() {
      this.noteChange(); // a change no event told of (a script setting a textarea's value) is seen here
      if (!this.shown || this.shown.text !== this.seen) return [];
      return this.shown.flags.filter((flag) => !this.dismissed.has(dismissKey(flag)));
    }

    /** Stop showing `ruleId`'s flags (the agent muted it). */
    mute(ruleId) {
      const keep = (flag) => flag.rule_id !== ruleId;
      if (this.result) this.result.flags = this.result.flags.filter(keep);
      if (this.shown) this.shown.flags = this.shown.flags.filter(keep);
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

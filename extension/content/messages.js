// Content scripts ask the background worker through named messages; this is the only way they reach it.
"use strict";
(function (root) {
  /** Send a named message; resolve with its value or reject with an Error carrying the reply's code. */
  async function send(type, payload = {}) {
    const reply = await chrome.runtime.sendMessage({ type, ...payload });
    if (!reply || !reply.ok) {
      const error = new Error(reply?.error?.message || `No reply to ${type}`);
      error.code = reply?.error?.code || "no_reply";
      error.retryAfter = reply?.error?.retryAfter ?? null;
      throw error;
    }
    return reply.value;
  }
  root.replycoach.messages = { send };
})(globalThis);

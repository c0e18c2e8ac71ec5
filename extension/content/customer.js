// The customer's last message on the page, sent as context when the helpdesk shows it.
"use strict";
(function (root) {
  const MAX_CHARS = 20000;

  function documents() {
    const docs = [document];
    try {
      if (window.top !== window && window.top.document) docs.push(window.top.document);
    } catch {
      // A cross-origin parent: only this frame's document.
    }
    return docs;
  }

  /** The text of the last element matching `selector` in this frame or its same-origin top page, or null. */
  function lastMessage(selector) {
    if (!selector) return null;
    for (const doc of documents()) {
      let found;
      try {
        found = doc.querySelectorAll(selector);
      } catch {
        return null;
      }
      if (found.length) {
        const text = (found[found.length - 1].innerText || found[found.length - 1].textContent || "").trim();
        return text ? text.slice(0, MAX_CHARS) : null;
      }
    }
    return null;
  }

  root.replycoach.customer = { lastMessage };
})(globalThis);

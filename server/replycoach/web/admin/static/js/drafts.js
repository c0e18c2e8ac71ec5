/*
 * Unsaved edits kept in sessionStorage (per entry, per tab), so even a reload after a lost session keeps
 * them; and the notice that offers to restore or discard them when the editor opens.
 */

import { append, clear, h } from "./dom.js";

const DRAFT_KEY = "replycoach-admin-draft:";

/** The stored draft of one entry (`id`) or of the new-entry form (`id` null). */
export class Draft {
  constructor(id) {
    this.key = DRAFT_KEY + (id || "new");
  }

  /** Keep `values` (form values); a full or switched-off storage is ignored: the form still holds them. */
  store(values) {
    try {
      sessionStorage.setItem(this.key, JSON.stringify(values));
    } catch (err) {
      /* storage full or off: the form still holds the edits */
    }
  }

  /** Forget the stored draft. */
  drop() {
    try {
      sessionStorage.removeItem(this.key);
    } catch (err) {
      /* nothing stored */
    }
  }

  /** The stored form values, or null. */
  load() {
    try {
      return JSON.parse(sessionStorage.getItem(this.key) || "null");
    } catch (err) {
      return null;
    }
  }
}

/**
 * If `draft` holds edits that differ from `current` (the form's values), show `notice` offering to
 * restore them (then `restore(stored)` runs) or discard them.
 */
export function offerStoredDraft(notice, draft, current, restore) {
  const stored = draft.load();
  if (!stored || JSON.stringify(stored) === JSON.stringify(current)) return;
  const restoreButton = h("button", { type: "button", class: "small" }, "Restore my unsaved edits");
  const discard = h("button", { type: "button", class: "small" }, "Discard them");
  restoreButton.addEventListener("click", () => {
    notice.hidden = true;
    restore(stored);
  });
  discard.addEventListener("click", () => {
    draft.drop();
    notice.hidden = true;
  });
  append(clear(notice), ["You have unsaved edits of this entry from earlier in this tab. ", restoreButton, " ", discard]);
  notice.hidden = false;
}

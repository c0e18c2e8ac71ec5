/*
 * The editor view (#/entry/ID and #/new): loads the entry, lays out the form, the save area, the "Try a
 * sentence" panel and the preview, checks the entry with the API as the lead types (and explains it on the
 * lead's sentence), and saves it (POST for a new entry, PUT with If-Match for an existing one), explaining
 * every refusal.
 */

import { API, api, entryUrl } from "./api.js";
import { showConflict } from "./conflict.js";
import { clear, h } from "./dom.js";
import { Draft, offerStoredDraft } from "./drafts.js";
import { toBody, toValues } from "./entryform.js";
import { TrySentence } from "./explain.js";
import { EntryFormView } from "./formview.js";
import { focusHeading, frame, heading, markNav, setStatus } from "./frame.js";
import { Preview } from "./preview.js";
import { showProblems } from "./problems.js";

const VALIDATE_DELAY_MS = 400;

/** The editor for an existing entry (`id`) or a new one (`id` null). */
export async function showEditor(id) {
  markNav(id ? "" : "new");
  const view = clear(frame.view);
  view.appendChild(heading(id ? `Edit ${id}` : "New entry"));
  focusHeading();
  let entry = null;
  let etag = null;
  if (id) {
    try {
      const got = await api("GET", entryUrl(id));
      entry = got.data;
      etag = got.etag;
    } catch (err) {
      view.appendChild(h("p", { class: "error", role: "alert" }, `Could not open ${id}: ${err.message}`));
      return;
    }
  }
  new Editor(view, id, entry, etag);
}

class Editor {
  constructor(root, id, entry, etag) {
    this.id = id;
    this.etag = etag;
    this.entry = entry;
    this.seq = 0;
    this.timer = null;
    this.controller = null;
    this.valid = null; // null: not known for the current content
    this.draft = new Draft(id);
    this.build(root);
    this.base = toValues(entry); // what the lead started from: their edits are the fields that differ
    this.form.fill(this.base);
    offerStoredDraft(this.draftNotice, this.draft, this.form.values(), (stored) => {
      this.form.fill(stored);
      this.changed();
    });
    if (id) {
      this.validateNow();
    } else {
      this.summary.textContent = "Fill in the entry: it is checked as you type.";
    }
  }

  build(root) {
    const editing = Boolean(this.id);
    if (editing) {
      root.appendChild(
        h(
          "p",
          { class: "links" },
          h("a", { href: `#/entry/${encodeURIComponent(this.id)}/history` }, "History of this entry"),
          " · ",
          h("a", { href: "#/" }, "Back to entries")
        )
      );
    }
    this.draftNotice = h("div", { class: "notice", hidden: true, id: "draft-notice" });
    this.form = new EntryFormView(editing, { changed: () => this.changed(), submit: () => this.save() });
    this.summary = h("p", { id: "validation-summary", class: "summary", role: "status", "aria-live": "polite" });
    this.saveButton = h("button", { type: "submit", id: "save", class: "primary", form: "entry-form", "aria-describedby": "validation-summary" }, editing ? "Save changes" : "Create entry");
    this.saveStatus = h("p", { id: "save-status", class: "status", role: "status", "aria-live": "polite" });
    this.conflict = h("div", { id: "conflict", class: "notice notice-error", role: "alert", hidden: true });
    const actions = h("div", { class: "actions-bar" }, this.saveButton, this.summary);

    const preview = new Preview(() => toBody(this.form.values()));
    this.trial = new TrySentence(() => toBody(this.form.values()));
    root.appendChild(
      h(
        "div",
        { class: "editor" },
        this.draftNotice,
        this.form.element,
        h("div", { class: "save-area" }, actions, this.saveStatus, this.conflict),
        this.trial.element,
        preview.element
      )
    );
  }

  // ---- live validation

  /** After an edit: mark the entry unchecked, keep the draft, and check it once typing pauses. */
  changed() {
    const body = JSON.stringify(toBody(this.form.values()));
    if (body === this.checkedBody) return; // e.g. the change event after the input events: nothing new
    this.valid = null;
    this.summary.textContent = "Checking…";
    this.summary.className = "summary";
    this.updateSave();
    this.draft.store(this.form.values());
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.validateNow(), VALIDATE_DELAY_MS);
    this.trial.schedule(); // the sentence being tried, against the edited entry
  }

  /** Check the form's entry with the API now; only the newest check's answer is shown. */
  async validateNow() {
    clearTimeout(this.timer);
    const seq = ++this.seq;
    const body = toBody(this.form.values());
    this.checkedBody = JSON.stringify(body);
    if (this.controller) this.controller.abort();
    this.controller = new AbortController();
    this.summary.textContent = "Checking…";
    this.summary.className = "summary";
    let result;
    try {
      result = (await api("POST", `${API}/validate`, { entry: body }, {}, this.controller.signal)).data;
    } catch (err) {
      if (seq !== this.seq || (err && err.name === "AbortError")) return;
      this.checkedBody = null; // not checked after all: the next change event tries again
      this.summary.textContent = err.status === 401 ? "Not checked: your session has ended." : `Could not check the entry: ${err.message}`;
      this.summary.className = "summary summary-error";
      return;
    }
    if (seq !== this.seq) return; // a newer check is on its way
    this.valid = Boolean(result.valid);
    showProblems(this.form, this.summary, result.problems || [], result.examples || [], result.rewritten || []);
    this.updateSave();
  }

  updateSave() {
    this.saveButton.disabled = this.valid === false || this.saving === true;
  }

  // ---- saving

  async save() {
    if (this.saving) return;
    if (this.valid === false) {
      this.saveStatus.className = "status status-error";
      this.saveStatus.textContent = "Not saved: fix the problems shown next to the fields first.";
      return;
    }
    const values = this.form.values();
    const body = toBody(values);
    this.saving = true;
    this.updateSave();
    this.conflict.hidden = true;
    this.saveStatus.className = "status";
    this.saveStatus.textContent = "Saving…";
    try {
      let saved;
      if (this.id) {
        saved = await api("PUT", entryUrl(this.id), body, { "If-Match": this.etag || "" });
      } else {
        saved = await api("POST", `${API}/entries`, body);
      }
      this.draft.drop();
      this.saving = false;
      if (!this.id) {
        setStatus(`Created ${saved.data.id}. It is live: the coach flags drafts with it now.`, "ok");
        location.hash = `#/entry/${encodeURIComponent(saved.data.id)}`;
        return;
      }
      this.etag = saved.etag;
      this.entry = saved.data;
      this.base = toValues(saved.data);
      this.form.fill(this.base);
      this.saveStatus.textContent = `Saved ${saved.data.id}. The change is live.`;
      this.saveStatus.className = "status status-ok";
      this.validateNow();
    } catch (err) {
      this.saving = false;
      this.updateSave();
      this.failed(err, values);
    }
  }

  /** Say why a save was refused, and what to do; the form keeps the lead's edits. */
  failed(err, values) {
    this.saveStatus.className = "status status-error";
    if (err.status === 401) {
      this.draft.store(this.form.values());
      this.saveStatus.textContent = "Not saved: your session has ended. Sign in again (see the notice at the top); your edits are still here.";
    } else if (err.status === 412) {
      this.saveStatus.textContent = "Not saved: someone else changed this entry since you opened it.";
      showConflict(this, values);
    } else if (err.status === 422 && err.details && err.details.problems) {
      this.valid = false;
      this.updateSave();
      showProblems(this.form, this.summary, err.details.problems, []);
      this.saveStatus.textContent = "Not saved: the entry has problems (shown next to the fields). The bank is unchanged.";
    } else if (err.status === 409) {
      const ul = this.form.targets.get("id");
      clear(ul).appendChild(h("li", {}, `${values.id.trim()} already exists; choose another id, or edit that entry.`));
      this.saveStatus.textContent = `Not saved: an entry with the id ${values.id.trim()} already exists. The bank is unchanged.`;
    } else {
      this.saveStatus.textContent = `Not saved: ${err.message} The bank is unchanged.`;
    }
  }
}

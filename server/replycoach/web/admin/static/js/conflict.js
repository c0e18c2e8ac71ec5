/*
 * A save refused because someone else changed the entry (412): the notice that says so, loading their
 * version into the form, and putting the lead's own edits (the fields they changed) back on top of it.
 *
 * Works on the editor (editor.js) whose save was refused: its id, etag, entry, base (the values the lead
 * started from), form, conflict notice, saveStatus, validateNow() and changed().
 */

import { api, entryUrl } from "./api.js";
import { append, clear, h } from "./dom.js";
import { fieldName, toValues } from "./entryform.js";

/** Show the conflict notice for `editor`; `mine` are the form values the lead tried to save. */
export function showConflict(editor, mine) {
  const reload = h("button", { type: "button", id: "conflict-reload" }, "Load their version");
  const keep = h("button", { type: "button", id: "conflict-keep" }, "Keep editing mine");
  reload.addEventListener("click", () => reloadTheirs(editor, mine));
  keep.addEventListener("click", () => { editor.conflict.hidden = true; editor.form.inputs.message.focus(); });
  append(clear(editor.conflict), [
    h("p", {}, h("strong", {}, "Someone else changed this entry while you were editing it."),
      " Your edits are still in the form and nothing was saved. Load their version to see what changed; you can then put your edits back on top of it and save."),
    h("div", { class: "button-row" }, reload, keep),
  ]);
  editor.conflict.hidden = false;
  reload.focus();
}

async function reloadTheirs(editor, mine) {
  const base = editor.base;
  let theirs;
  try {
    const got = await api("GET", entryUrl(editor.id));
    editor.etag = got.etag;
    editor.entry = got.data;
    theirs = toValues(got.data);
    editor.base = theirs;
    editor.form.fill(theirs);
    editor.validateNow();
  } catch (err) {
    editor.saveStatus.textContent = `Could not load the latest version: ${err.message}`;
    return;
  }
  // The lead's edits are the fields they changed from what they opened; the rest keeps the latest.
  const edited = Object.keys(mine).filter((k) => JSON.stringify(mine[k]) !== JSON.stringify(base[k]));
  const merged = { ...theirs };
  for (const key of edited) merged[key] = mine[key];
  const restore = h("button", { type: "button", id: "conflict-restore" }, "Put my edits back");
  restore.addEventListener("click", () => {
    editor.form.fill(merged);
    editor.conflict.hidden = true;
    editor.saveStatus.textContent = "Your edits are back in the form, on top of the latest version. Check them, then save.";
    editor.saveStatus.className = "status";
    editor.changed();
  });
  append(clear(editor.conflict), [
    h("p", {}, `The form now shows the latest version. Your edits are kept (${edited.map(fieldName).join(", ") || "none"}): put them back on top of it, then save.`),
    h("div", { class: "button-row" }, restore),
  ]);
  editor.saveStatus.className = "status";
  editor.saveStatus.textContent = "Loaded the latest version.";
  restore.focus();
}

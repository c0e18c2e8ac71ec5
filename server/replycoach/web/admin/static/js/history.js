/*
 * The history view (#/entry/ID/history): the entry's current state, every revision newest first with
 * what it changed, and Roll back to an earlier revision.
 */

import { api, entryUrl } from "./api.js";
import { renderDiff } from "./diff.js";
import { append, clear, h } from "./dom.js";
import { focusHeading, frame, heading, markNav } from "./frame.js";
import { formatTime } from "./text.js";

/** Show the history of entry `id`; `notice` (after a rollback) is shown as the view's status. */
export async function showHistory(id, notice) {
  markNav("");
  const view = clear(frame.view);
  view.appendChild(heading(`History of ${id}`));
  view.appendChild(
    h("p", { class: "links" }, h("a", { href: `#/entry/${encodeURIComponent(id)}` }, "Edit this entry"), " · ", h("a", { href: "#/" }, "Back to entries"))
  );
  const status = h("p", { id: "history-status", class: "status", role: "status", "aria-live": "polite" }, notice || "");
  if (notice) status.className = "status status-ok";
  const body = h("div", {}, h("p", { class: "muted" }, "Loading history…"));
  append(view, [status, body]);
  if (!notice) focusHeading();
  let revisions;
  try {
    revisions = (await api("GET", `${entryUrl(id)}/history`)).data.revisions;
  } catch (err) {
    clear(body).appendChild(h("p", { class: "error", role: "alert" }, `Could not load the history: ${err.message}`));
    return;
  }
  clear(body);
  if (!revisions.length) {
    body.appendChild(h("p", {}, "No revisions recorded."));
    return;
  }
  const newest = revisions[revisions.length - 1];
  body.appendChild(
    h(
      "div",
      { class: "panel current", id: "current-state" },
      h("h3", {}, `Now: revision ${newest.revision} (${describe(newest)} by ${newest.author})`),
      h("p", {}, h("span", { class: "label" }, "Message: "), h("span", { class: "current-message" }, newest.entry.message)),
      h("p", {}, h("span", { class: "label" }, "State: "), newest.entry.enabled === false ? "disabled" : "enabled")
    )
  );
  const list = h("ol", { class: "revisions", id: "revisions", reversed: true });
  for (let i = revisions.length - 1; i >= 0; i--) {
    const rev = revisions[i];
    const before = i > 0 ? revisions[i - 1].entry : null;
    const isNewest = i === revisions.length - 1;
    const button = isNewest
      ? h("span", { class: "muted" }, "(current)")
      : h("button", { type: "button", class: "small", "aria-label": `Roll back to revision ${rev.revision}` }, "Roll back to this");
    if (!isNewest) button.addEventListener("click", () => rollback(id, rev.revision, button, status));
    list.appendChild(
      h(
        "li",
        { class: "revision", "data-revision": String(rev.revision) },
        h(
          "div",
          { class: "revision-head" },
          h("h3", {}, `Revision ${rev.revision}`),
          h("span", { class: "meta" }, `${describe(rev)} by ${rev.author}, `, h("time", { datetime: rev.at }, formatTime(rev.at))),
          button
        ),
        i > 0 ? h("p", { class: "muted" }, `Changes from revision ${revisions[i - 1].revision}:`) : h("p", { class: "muted" }, "First version:"),
        renderDiff(before, rev.entry)
      )
    );
  }
  body.appendChild(list);
}

/** What a revision did: its action, and for a rollback the revision it restored when that is recorded. */
function describe(rev) {
  return rev.action === "rollback" && rev.restored ? `rollback to revision ${rev.restored}` : rev.action;
}

/** Roll entry `id` back to `revision` (with the current ETag), then show its history again. */
async function rollback(id, revision, button, status) {
  button.disabled = true;
  status.className = "status";
  status.textContent = `Rolling back to revision ${revision}…`;
  try {
    const current = await api("GET", entryUrl(id));
    await api("POST", `${entryUrl(id)}/rollback`, { revision }, { "If-Match": current.etag });
  } catch (err) {
    button.disabled = false;
    status.className = "status status-error";
    status.textContent = `Not rolled back: ${err.message} The bank is unchanged.`;
    return;
  }
  await showHistory(id, `Rolled back to revision ${revision}. The entry below is live now.`);
}

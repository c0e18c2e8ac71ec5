/*
 * The audit log view (#/audit): every change of the bank, newest first, each linking to the entry's
 * history.
 */

import { API, api } from "./api.js";
import { clear, h } from "./dom.js";
import { focusHeading, frame, heading, markNav } from "./frame.js";
import { formatTime } from "./text.js";

/** Show the audit log. */
export async function showAudit() {
  markNav("audit");
  const view = clear(frame.view);
  view.appendChild(heading("Audit log"));
  view.appendChild(h("p", { class: "muted" }, "Every change of the bank, newest first."));
  const body = h("div", {}, h("p", { class: "muted" }, "Loading…"));
  view.appendChild(body);
  focusHeading();
  let changes;
  try {
    changes = (await api("GET", `${API}/audit`)).data.changes;
  } catch (err) {
    clear(body).appendChild(h("p", { class: "error", role: "alert" }, `Could not load the audit log: ${err.message}`));
    return;
  }
  clear(body).appendChild(
    h(
      "table",
      { id: "audit", class: "entries" },
      h("thead", {}, h("tr", {}, ["When", "Entry", "Revision", "Action", "Author", "Bank revision"].map((t) => h("th", { scope: "col" }, t)))),
      h(
        "tbody",
        {},
        changes.map((c) =>
          h(
            "tr",
            {},
            h("td", {}, h("time", { datetime: c.at }, formatTime(c.at))),
            h("td", {}, h("a", { href: `#/entry/${encodeURIComponent(c.entry_id)}/history` }, c.entry_id)),
            h("td", {}, String(c.revision)),
            h("td", {}, c.action),
            h("td", {}, c.author),
            h("td", {}, String(c.bank_revision))
          )
        )
      )
    )
  );
}

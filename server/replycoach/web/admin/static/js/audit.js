/*
 * The audit log view (#/audit): changes of the bank, newest first, 50 to a page, filtered by entry, author
 * or action, each linking to the entry's history.
 */

import { API, api } from "./api.js";
import { clear, h } from "./dom.js";
import { focusHeading, frame, heading, markNav } from "./frame.js";
import { formatTime } from "./text.js";

const PAGE = 50;
const ACTIONS = ["create", "update", "delete", "rollback", "import"];

/** Show the audit log. */
export async function showAudit() {
  markNav("audit");
  const view = clear(frame.view);
  view.appendChild(heading("Audit log"));
  view.appendChild(h("p", { class: "muted" }, "Every change of the bank, newest first."));
  const entry = h("input", { id: "audit-entry", type: "search", placeholder: "e.g. dismissive.calm-down" });
  const author = h("input", { id: "audit-author", type: "search" });
  const action = h("select", { id: "audit-action" }, h("option", { value: "" }, "any"), ACTIONS.map((a) => h("option", { value: a }, a)));
  const apply = h("button", { type: "submit" }, "Filter");
  const form = h(
    "form",
    { class: "filters", id: "audit-filters" },
    h("label", { for: "audit-entry" }, "Entry"),
    entry,
    h("label", { for: "audit-author" }, "Author"),
    author,
    h("label", { for: "audit-action" }, "Action"),
    action,
    apply
  );
  const body = h("div", {}, h("p", { class: "muted" }, "Loading…"));
  view.appendChild(form);
  view.appendChild(body);
  const filters = () => ({ entry: entry.value.trim(), author: author.value.trim(), action: action.value });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    load(body, filters(), 0);
  });
  focusHeading();
  await load(body, filters(), 0);
}

/** Load one page of changes matching `filters` into `body`. */
async function load(body, filters, offset) {
  const query = new URLSearchParams({ limit: String(PAGE), offset: String(offset) });
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  let data;
  try {
    data = (await api("GET", `${API}/audit?${query}`)).data;
  } catch (err) {
    clear(body).appendChild(h("p", { class: "error", role: "alert" }, `Could not load the audit log: ${err.message}`));
    return;
  }
  clear(body);
  if (!data.total) {
    body.appendChild(h("p", { id: "audit-count" }, "No changes match."));
    return;
  }
  const last = data.offset + data.changes.length;
  const previous = h("button", { type: "button" }, "Previous");
  const next = h("button", { type: "button" }, "Next");
  previous.disabled = data.offset === 0;
  next.disabled = last >= data.total;
  previous.addEventListener("click", () => load(body, filters, Math.max(0, data.offset - PAGE)));
  next.addEventListener("click", () => load(body, filters, data.offset + PAGE));
  body.appendChild(
    h("p", { class: "pager" }, h("span", { id: "audit-count" }, `Showing ${data.offset + 1}–${last} of ${data.total}. `), previous, " ", next)
  );
  body.appendChild(
    h(
      "table",
      { id: "audit", class: "entries" },
      h("thead", {}, h("tr", {}, ["When", "Entry", "Revision", "Action", "Author", "Bank revision"].map((t) => h("th", { scope: "col" }, t)))),
      h(
        "tbody",
        {},
        data.changes.map((c) =>
          h(
            "tr",
            {},
            h("td", {}, h("time", { datetime: c.at }, formatTime(c.at))),
            h("td", {}, h("a", { href: `#/entry/${encodeURIComponent(c.entry_id)}/history` }, c.entry_id)),
            h("td", {}, String(c.revision)),
            h("td", {}, c.action === "rollback" && c.restored ? `rollback to ${c.restored}` : c.action),
            h("td", {}, c.author),
            h("td", {}, String(c.bank_revision))
          )
        )
      )
    )
  );
}

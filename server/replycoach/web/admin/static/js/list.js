/*
 * The entry list view (#/): every entry with search and filters (kept across visits), counts, and the
 * per-row links and Enable/Disable button.
 */

import { API, api, entryUrl } from "./api.js";
import { append, clear, h } from "./dom.js";
import { toBody, toValues } from "./entryform.js";
import { focusHeading, frame, heading, markNav, setStatus } from "./frame.js";
import { SEVERITIES } from "./vocabulary.js";

const listState = { search: "", category: "", severity: "", state: "", sentence: "" };
// As the editor's checks: ask once typing pauses.
const FIND_DELAY_MS = 400;
const FOUND_WORDS = { flags: "flags it", quiet: "matches, but stays quiet", "near-miss": "nearly matches" };

/** Show the list view: load every entry (enabled and disabled), then the table. */
export async function showList() {
  markNav("list");
  const view = clear(frame.view);
  view.appendChild(heading("Entries"));
  const body = h("div", {}, h("p", { class: "muted" }, "Loading entries…"));
  view.appendChild(body);
  focusHeading();
  let entries;
  try {
    entries = (await api("GET", `${API}/entries?state=all`)).data.entries;
  } catch (err) {
    clear(body).appendChild(h("p", { class: "error", role: "alert" }, `Could not load the entries: ${err.message}`));
    return;
  }
  renderList(clear(body), entries);
}

function renderList(root, entries) {
  const select = (id, label, key, options) =>
    h(
      "div",
      { class: "field" },
      h("label", { for: id }, label),
      h(
        "select",
        { id, on: { change: (ev) => { listState[key] = ev.target.value; refresh(); } } },
        options.map(([value, text]) => h("option", { value, selected: listState[key] === value }, text))
      )
    );
  const categories = [...new Set(entries.map((e) => e.category))].sort();
  const search = h("input", {
    type: "search",
    id: "search",
    value: listState.search,
    placeholder: "id, message or pattern",
    on: { input: (ev) => { listState.search = ev.target.value; refresh(); } },
  });
  const filters = h(
    "div",
    { class: "filters", role: "search" },
    h("div", { class: "field grow" }, h("label", { for: "search" }, "Search"), search),
    select("filter-category", "Category", "category", [["", "All categories"], ...categories.map((c) => [c, c])]),
    select("filter-severity", "Severity", "severity", [["", "All severities"], ...SEVERITIES.map((s) => [s, s])]),
    select("filter-state", "State", "state", [["", "Enabled and disabled"], ["enabled", "Enabled"], ["disabled", "Disabled"]])
  );
  const sentence = h("input", {
    type: "search",
    id: "find-sentence",
    value: listState.sentence,
    placeholder: "We can't refund digital purchases.",
    on: { input: (ev) => { listState.sentence = ev.target.value; findLater(); } },
  });
  const found = h("div", { id: "found", "aria-live": "polite" });
  const finder = h(
    "div",
    { class: "finder" },
    h(
      "div",
      { class: "field grow" },
      h("label", { for: "find-sentence" }, "Find the entries that catch a sentence"),
      sentence,
      h("p", { class: "hint" }, "Paste a sentence from a draft: the entries that flag it, stay quiet on it, or nearly match it.")
    ),
    found
  );
  let timer = null;
  let seq = 0;
  function findLater() {
    clearTimeout(timer);
    timer = setTimeout(find, FIND_DELAY_MS);
  }
  async function find() {
    const text = listState.sentence.trim();
    const mine = ++seq;
    if (!text) { clear(found); return; }
    let answer;
    try {
      answer = (await api("POST", `${API}/explain`, { text })).data;
    } catch (err) {
      if (mine === seq) clear(found).appendChild(h("p", { class: "error" }, `Could not look: ${err.message}`));
      return;
    }
    if (mine !== seq) return;
    clear(found);
    if (!answer.entries.length) {
      found.appendChild(h("p", { class: "muted" }, "No entry matches this sentence, not even nearly."));
      return;
    }
    found.appendChild(
      h(
        "ul",
        { class: "found-entries" },
        answer.entries.map((e) =>
          h(
            "li",
            { "data-id": e.id, "data-status": e.status },
            h("a", { href: `#/entry/${encodeURIComponent(e.id)}`, class: "entry-id" }, e.id),
            ` ${FOUND_WORDS[e.status] || e.status}`,
            e.flagged.length ? `: ${e.flagged.map((f) => `'${f.text}'`).join(", ")}` : ""
          )
        )
      )
    );
  }
  const counts = h("p", { id: "counts", "aria-live": "polite" });
  const tbody = h("tbody");
  const table = h(
    "table",
    { id: "entries", class: "entries" },
    h("caption", { class: "visually-hidden" }, "Phrase bank entries"),
    h(
      "thead",
      {},
      h("tr", {}, ["Entry", "Category", "Severity", "State", "Message", "Actions"].map((t) => h("th", { scope: "col" }, t)))
    ),
    tbody
  );
  append(root, [finder, filters, counts, table]);
  if (listState.sentence.trim()) find();

  function matches(e) {
    const q = listState.search.trim().toLowerCase();
    if (listState.category && e.category !== listState.category) return false;
    if (listState.severity && e.severity !== listState.severity) return false;
    if (listState.state === "enabled" && e.enabled === false) return false;
    if (listState.state === "disabled" && e.enabled !== false) return false;
    if (!q) return true;
    return [e.id, e.message, ...(e.patterns || [])].some((s) => String(s).toLowerCase().includes(q));
  }

  function refresh() {
    const shown = entries.filter(matches);
    const disabled = entries.filter((e) => e.enabled === false).length;
    counts.textContent =
      `Showing ${shown.length} of ${entries.length} entries ` +
      `(${entries.length - disabled} enabled, ${disabled} disabled).`;
    clear(tbody);
    for (const e of shown) tbody.appendChild(entryRow(e));
    if (!shown.length) tbody.appendChild(h("tr", {}, h("td", { colspan: "6", class: "muted" }, "No entry matches.")));
  }
  refresh();
}

function entryRow(e) {
  const off = e.enabled === false;
  const toggle = h("button", { type: "button", class: "small" }, off ? "Enable" : "Disable");
  toggle.setAttribute("aria-label", `${off ? "Enable" : "Disable"} ${e.id}`);
  toggle.addEventListener("click", () => setEnabled(e.id, off, toggle));
  return h(
    "tr",
    { "data-id": e.id, class: off ? "is-disabled" : "" },
    h("th", { scope: "row" }, h("a", { href: `#/entry/${encodeURIComponent(e.id)}`, class: "entry-id" }, e.id)),
    h("td", {}, e.category),
    h("td", {}, e.severity),
    h("td", {}, h("span", { class: `badge ${off ? "badge-off" : "badge-on"}` }, off ? "\u23f8 Disabled" : "\u2713 Enabled")),
    h("td", { class: "message" }, e.message),
    h(
      "td",
      { class: "actions" },
      h("a", { href: `#/entry/${encodeURIComponent(e.id)}`, "aria-label": `Edit ${e.id}` }, "Edit"),
      h("a", { href: `#/entry/${encodeURIComponent(e.id)}/history`, "aria-label": `History of ${e.id}` }, "History"),
      toggle
    )
  );
}

/** Enable or disable an entry: GET it for its ETag, PUT it back with `enabled` changed. */
async function setEnabled(id, enabled, button) {
  button.disabled = true;
  setStatus(`${enabled ? "Enabling" : "Disabling"} ${id}…`);
  try {
    const current = await api("GET", entryUrl(id));
    const body = toBody({ ...toValues(current.data), enabled });
    await api("PUT", entryUrl(id), body, { "If-Match": current.etag });
    setStatus(`${id} is now ${enabled ? "enabled: it flags drafts again" : "disabled: it flags nothing"}.`, "ok");
    await showList();
  } catch (err) {
    button.disabled = false;
    setStatus(`${id} was not changed: ${err.message}`, "error");
  }
}

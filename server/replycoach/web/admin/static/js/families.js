/*
 * The vocabulary views: #/vocabulary lists the bank's word families, #/vocabulary/<name> edits one and
 * #/vocabulary/new adds one. A save goes through the API, which builds the whole bank with the change and
 * runs every entry's examples and every family's first: problems come back listed under the form, and
 * nothing is saved.
 */

import { API, api } from "./api.js";
import { clear, h } from "./dom.js";
import { focusHeading, frame, heading, markNav, setStatus } from "./frame.js";
import { lines } from "./text.js";

const KINDS = [
  ["phrases", "Phrases (phrase language, one per line: words, [optional], (a | b), {another-family})"],
  ["verbs", "Verbs (lemmas, one per line: every form matches)"],
  ["nouns", "Nouns (lemmas, one per line: singular and plural match)"],
  ["patterns", "RE2 fragments (from before the phrase language, one per line; may use other {{families}})"],
];

// A family's examples: texts it must find words in, and near misses it must not (checked on save).
const EXAMPLES = [
  ["match", "Examples it finds words in (one text per line)"],
  ["no_match", "Near misses it must find nothing in (one text per line)"],
];

function familyUrl(name) {
  return `${API}/vocabulary/${encodeURIComponent(name)}`;
}

/** Show the list of word families. */
export async function showFamilies() {
  markNav("vocabulary");
  const view = clear(frame.view);
  view.appendChild(heading("Vocabulary"));
  view.appendChild(
    h("p", { class: "muted" }, "Word families that patterns use as {{name}}. ", h("a", { href: "#/vocabulary/new" }, "New family"))
  );
  const body = h("div", {}, h("p", { class: "muted" }, "Loading…"));
  view.appendChild(body);
  focusHeading();
  let families;
  try {
    families = (await api("GET", `${API}/vocabulary`)).data.families;
  } catch (err) {
    clear(body).appendChild(h("p", { class: "error", role: "alert" }, `Could not load the vocabulary: ${err.message}`));
    return;
  }
  const count = (f) => KINDS.reduce((n, [kind]) => n + (f[kind] || []).length, 0);
  clear(body).appendChild(
    h(
      "table",
      { id: "families", class: "entries" },
      h("thead", {}, h("tr", {}, ["Family", "Note", "Words and fragments"].map((t) => h("th", { scope: "col" }, t)))),
      h(
        "tbody",
        {},
        families.map((f) =>
          h(
            "tr",
            {},
            h("td", {}, h("a", { href: `#/vocabulary/${encodeURIComponent(f.family)}` }, f.family)),
            h("td", {}, f.note || ""),
            h("td", {}, String(count(f)))
          )
        )
      )
    )
  );
}

/** Show the editor of one family (`name` null: a new one). */
export async function showFamily(name) {
  markNav("vocabulary");
  const view = clear(frame.view);
  view.appendChild(heading(name ? `Edit family ${name}` : "New family"));
  let family = { family: "" };
  let etag = "";
  if (name) {
    try {
      const got = await api("GET", familyUrl(name));
      family = got.data;
      etag = got.etag;
    } catch (err) {
      view.appendChild(h("p", { class: "error", role: "alert" }, `Could not load ${name}: ${err.message}`));
      return;
    }
  }
  const nameInput = h("input", { id: "v-family", type: "text", value: family.family || "", readOnly: Boolean(name), class: "mono" });
  const note = h("input", { id: "v-note", type: "text", value: family.note || "" });
  const areas = Object.fromEntries(
    KINDS.map(([kind]) => [kind, h("textarea", { id: `v-${kind}`, rows: "4", spellcheck: "false", class: "mono", value: (family[kind] || []).join("\n") })])
  );
  const examples = family.examples || {};
  const exampleAreas = Object.fromEntries(
    EXAMPLES.map(([kind]) => [kind, h("textarea", { id: `v-examples-${kind}`, rows: "3", value: (examples[kind] || []).join("\n") })])
  );
  const problems = h("ul", { id: "family-problems", class: "problems" });
  const save = h("button", { type: "submit" }, name ? "Save changes" : "Create family");
  const form = h(
    "form",
    { id: "family-form", class: "entry-form" },
    h("div", { class: "field" }, h("label", { for: "v-family" }, "Family name"), nameInput),
    h("div", { class: "field" }, h("label", { for: "v-note" }, "Note (what it is for)"), note),
    KINDS.map(([kind, label]) => h("div", { class: "field" }, h("label", { for: `v-${kind}` }, label), areas[kind])),
    EXAMPLES.map(([kind, label]) =>
      h("div", { class: "field" }, h("label", { for: `v-examples-${kind}` }, label), exampleAreas[kind])
    ),
    problems,
    save
  );
  view.appendChild(form);
  focusHeading();
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = { family: nameInput.value.trim() };
    if (note.value.trim()) body.note = note.value.trim();
    for (const [kind] of KINDS) {
      const items = lines(areas[kind].value);
      if (items.length) body[kind] = items;
    }
    const written = {};
    for (const [kind] of EXAMPLES) {
      const items = lines(exampleAreas[kind].value);
      if (items.length) written[kind] = items;
    }
    if (Object.keys(written).length) body.examples = written;
    clear(problems);
    save.disabled = true;
    try {
      const done = name
        ? await api("PUT", familyUrl(name), body, { "If-Match": etag })
        : await api("POST", `${API}/vocabulary`, body);
      etag = done.etag;
      setStatus(`Saved ${body.family}. The change is live.`, "ok");
      if (!name) location.hash = `#/vocabulary/${encodeURIComponent(body.family)}`;
    } catch (err) {
      const listed = (err.details && err.details.problems) || [];
      setStatus(listed.length ? "Not saved: the change would break the bank." : `Not saved: ${err.message}`, "error");
      for (const p of listed) problems.appendChild(h("li", {}, [p.entry, p.field, p.message].filter(Boolean).join(": ")));
    } finally {
      save.disabled = false;
    }
  });
}

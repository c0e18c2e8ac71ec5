/*
 * The editor's preview panel: runs the entry as it is in the form over the team's stored sample replies
 * or pasted texts, and lists the texts it flags with the flagged spans marked, a page at a time, saying
 * where it matches but another entry's flag wins.
 */

const PAGE = 50;

import { API, api } from "./api.js";
import { append, clear, h } from "./dom.js";
import { lines } from "./text.js";

/** `text` with the code-point spans [{start, end}] wrapped in <mark>, built from text nodes. */
function highlighted(text, spans) {
  const points = Array.from(text); // offsets from the API count code points, not UTF-16 units
  const out = h("span", { class: "highlighted" });
  let pos = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < pos) continue;
    append(out, [points.slice(pos, span.start).join("")]);
    out.appendChild(h("mark", {}, points.slice(span.start, span.end).join("")));
    pos = span.end;
  }
  append(out, [points.slice(pos).join("")]);
  return out;
}

export class Preview {
  /** The panel (`this.element`); `entryBody()` gives the entry body to try when the lead runs it. */
  constructor(entryBody) {
    this.entryBody = entryBody;
    const samples = h("input", { type: "radio", name: "preview-source", value: "samples", id: "preview-samples", checked: true });
    const pasted = h("input", { type: "radio", name: "preview-source", value: "texts", id: "preview-pasted" });
    this.texts = h("textarea", { id: "preview-texts", rows: "4", disabled: true, "aria-describedby": "preview-texts-help" });
    for (const radio of [samples, pasted]) {
      radio.addEventListener("change", () => { this.texts.disabled = !pasted.checked; if (pasted.checked) this.texts.focus(); });
    }
    this.pasted = pasted;
    this.run = h("button", { type: "button", id: "preview-run" }, "Run preview");
    this.run.addEventListener("click", () => this.go());
    this.results = h("div", { id: "preview-results", "aria-live": "polite" });
    this.element = h(
      "section",
      { class: "panel preview", "aria-labelledby": "preview-title" },
      h("h3", { id: "preview-title" }, "Preview: where this entry (as in the form) would flag"),
      h(
        "fieldset",
        { class: "plain" },
        h("legend", {}, "Try it on"),
        h("label", { class: "check" }, samples, " the team's stored sample replies"),
        h("label", { class: "check" }, pasted, " texts I paste here")
      ),
      h("label", { for: "preview-texts" }, "Texts to try, one per line"),
      this.texts,
      h("p", { class: "help", id: "preview-texts-help" }, "Each line is one reply."),
      this.run,
      this.results
    );
  }

  async go(offset = 0) {
    const request = { entry: this.entryBody(), limit: PAGE, offset };
    if (this.pasted.checked) request.texts = lines(this.texts.value);
    this.run.disabled = true;
    clear(this.results).appendChild(h("p", { class: "muted" }, "Running…"));
    try {
      const data = (await api("POST", `${API}/preview`, request)).data;
      this.show(data);
    } catch (err) {
      clear(this.results);
      if (err.status === 422 && err.details && err.details.problems) {
        this.results.appendChild(h("p", { class: "error" }, "The entry has problems, so it cannot run yet:"));
        this.results.appendChild(
          h("ul", { class: "problems" }, err.details.problems.map((p) => h("li", {}, `${p.field ? `${p.field}: ` : ""}${p.message}`)))
        );
      } else {
        this.results.appendChild(h("p", { class: "error" }, `Preview failed: ${err.message}`));
      }
    } finally {
      this.run.disabled = false;
    }
  }

  show(data) {
    clear(this.results);
    const n = data.total;
    this.results.appendChild(
      h("p", { class: "preview-count" }, `Flags ${n} of ${data.sample_size} text${data.sample_size === 1 ? "" : "s"}.`)
    );
    if (!n) return;
    const first = data.offset + 1;
    const last = data.offset + data.matches.length;
    if (n > data.matches.length) {
      const previous = h("button", { type: "button", class: "preview-previous" }, "Previous");
      const next = h("button", { type: "button", class: "preview-next" }, "Next");
      previous.disabled = data.offset === 0;
      next.disabled = last >= n;
      previous.addEventListener("click", () => this.go(Math.max(0, data.offset - data.limit)));
      next.addEventListener("click", () => this.go(data.offset + data.limit));
      this.results.appendChild(
        h("p", { class: "preview-page" }, h("span", { class: "preview-range" }, `Showing ${first}–${last} of ${n}. `), previous, " ", next)
      );
    }
    this.results.appendChild(
      h(
        "ol",
        { class: "matches", start: String(first) },
        data.matches.map((m) =>
          h(
            "li",
            { "data-index": String(m.index) },
            h("span", { class: "muted" }, `Text ${m.index + 1}: `),
            highlighted(m.text, m.spans),
            ...m.shadowed.map((s) =>
              h("p", { class: "shadowed help" }, `Also matches “${s.text}” here, but ${s.by} flags it (a warning over a suggestion, then the longer match).`)
            )
          )
        )
      )
    );
  }
}

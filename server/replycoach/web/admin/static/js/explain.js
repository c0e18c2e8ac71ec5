/*
 * The editor's "Try a sentence" panel: as the lead types a sentence (and, optionally, the customer's
 * message it answers), it asks POST /v1/phrasebank/explain about the entry as it stands in the form (saved
 * or not) and says in words why the entry flags the sentence, what keeps it quiet, how far it got, or that
 * it does not match; then each pattern with what it matched and its slots.
 *
 * Every piece of the answer goes into the page as text (dom.js's h()), never as markup.
 */

import { API, api } from "./api.js";
import { clear, h } from "./dom.js";

// As the form's live validation: ask once typing pauses.
const EXPLAIN_DELAY_MS = 400;

// The engine's context checks (quiet_when), in words (each reads a family of the vocabulary).
const QUIET_WORDS = {
  question: "the sentence is a question",
  conditional: "it sits in or just after a condition (if, whether, unless...)",
  "alternative-follows": "the sentence goes on to offer a way forward",
};

const VIEWS = {
  core: "the canonical text without skippable words",
  canonical: "the canonical text",
  surface: "the text as written (RE2)",
};

function quoted(text) {
  return `'${text}'`;
}

/** One reason a match stays quiet, in words, as a list of strings and nodes. */
function reasonWords(reason) {
  switch (reason.kind) {
    case "unless": {
      const index = /\[(\d+)\]/.exec(reason.label);
      const name = index ? `unless ${Number(index[1]) + 1}` : reason.label;
      return [`${name} matched ${quoted(reason.text)}`];
    }
    case "quiet_when": {
      const check = reason.label.replace(/^quiet_when:\s*/, "");
      return [`${QUIET_WORDS[check] || "a context check keeps it quiet"} (quiet_when: ${check})`];
    }
    case "when":
      return [`${reason.detail} (${reason.label})`];
    case "voice":
      return ["the words are quoted or reported speech (voice)"];
    case "overlap": {
      const winner = reason.label.replace(/^overlap:\s*/, "").replace(/\s+won$/, "");
      return [`${winner} flags ${quoted(reason.text)} there instead (${reason.detail})`];
    }
    default:
      return [reason.detail ? `${reason.label} (${reason.detail})` : reason.label];
  }
}

/** Every reason of a match, joined with "; ". */
function reasonsWords(reasons) {
  return reasons.flatMap((reason, i) => (i ? ["; ", ...reasonWords(reason)] : reasonWords(reason)));
}

/** A near miss in words, the pattern parts as code. */
function nearMissWords(miss) {
  const matched = ["matched ", h("code", {}, miss.matched_parts), ` as ${quoted(miss.matched)}; `];
  if (miss.side === "before") {
    const where = miss.at ? `at ${quoted(miss.at)}` : "at the start of the sentence";
    return [...matched, "the part before it ", h("code", {}, miss.next_part), ` did not match ${where}`];
  }
  const where = miss.at ? `at ${quoted(miss.at)}` : "at the end of the sentence";
  return [...matched, "the next part ", h("code", {}, miss.next_part), ` did not match ${where}`];
}

/** The first match (in the sentence) that stays quiet, as the engine's explanation names it. */
function firstQuiet(entry) {
  const quiet = entry.patterns.flatMap((p) => p.matches).filter((m) => !m.stands);
  quiet.sort((a, b) => a.start - b.start || a.end - b.end);
  return quiet[0] || null;
}

/** The near miss that got furthest (most parts, then the longest match, then the first pattern). */
function bestNearMiss(entry) {
  const misses = entry.patterns.filter((p) => p.near_miss).map((p) => p.near_miss);
  misses.sort((a, b) => b.parts_matched - a.parts_matched || b.matched.length - a.matched.length);
  return misses[0] || null;
}

/** The verdict in words: "Flags '…'", "Quiet: …", "Near miss: …" or "No match". */
function verdict(entry) {
  if (entry.status === "flags") {
    const flagged = entry.flagged.map((f) => quoted(f.text));
    return ["Flags ", flagged.join(" and ")];
  }
  if (entry.status === "quiet") {
    const match = firstQuiet(entry);
    return match ? ["Quiet: ", ...reasonsWords(match.quiet)] : ["Quiet"];
  }
  if (entry.status === "near-miss") {
    const miss = bestNearMiss(entry);
    return miss ? ["Near miss: ", ...nearMissWords(miss)] : ["Near miss"];
  }
  return ["No match"];
}

/** One pattern's line: the pattern, the text it runs over, and what it matched (with slots) or not. */
function patternItem(p) {
  const head = h(
    "p",
    { class: "explain-pattern-head" },
    h("span", { class: "label" }, `Pattern ${p.index + 1} `),
    h("code", { class: "explain-pattern" }, p.pattern),
    h("span", { class: "muted" }, ` over ${VIEWS[p.view] || p.view}`)
  );
  let body;
  if (p.matches.length) {
    body = h(
      "ul",
      { class: "explain-matches" },
      p.matches.map((m) => {
        const slots = Object.entries(m.slots || {});
        return h(
          "li",
          { class: m.stands ? "explain-match flags" : "explain-match quiet" },
          `matched ${quoted(m.text)}`,
          slots.length
            ? h("span", { class: "explain-slots" }, " (", slots.map(([name, text], i) => [i ? ", " : "", h("code", {}, name), `: ${quoted(text)}`]), ")")
            : null,
          m.stands ? ": flags" : [": quiet: ", ...reasonsWords(m.quiet)]
        );
      })
    );
  } else if (p.near_miss) {
    body = h("p", { class: "explain-near-miss" }, "near miss: ", ...nearMissWords(p.near_miss));
  } else {
    body = h("p", { class: "muted" }, "no match");
  }
  return h("li", { "data-index": String(p.index) }, head, body);
}

export class TrySentence {
  /** The panel (`this.element`); `entryBody()` gives the entry as it stands in the form. */
  constructor(entryBody) {
    this.entryBody = entryBody;
    this.seq = 0;
    this.timer = null;
    this.controller = null;
    this.text = h("input", { type: "text", id: "explain-text", autocomplete: "off", "aria-describedby": "explain-text-help" });
    this.customer = h("input", { type: "text", id: "explain-customer", autocomplete: "off" });
    for (const input of [this.text, this.customer]) input.addEventListener("input", () => this.schedule());
    this.result = h("div", { id: "explain-result", class: "explain-result", role: "region", "aria-label": "Why this entry fires or not", "aria-live": "polite" });
    this.element = h(
      "section",
      { class: "panel explain", "aria-labelledby": "explain-title" },
      h("h3", { id: "explain-title" }, "Try a sentence: why this entry (as in the form) fires or not"),
      h(
        "div",
        { class: "explain-inputs" },
        h(
          "div",
          { class: "field" },
          h("label", { for: "explain-text" }, "Sentence to try"),
          this.text,
          h("p", { class: "help", id: "explain-text-help" }, "A draft reply; nothing is saved, and your unsaved edits count.")
        ),
        h("div", { class: "field" }, h("label", { for: "explain-customer" }, "Customer's message it answers (optional)"), this.customer)
      ),
      this.result
    );
    this.idle();
  }

  idle() {
    clear(this.result).appendChild(h("p", { class: "muted" }, "Type a sentence to see whether this entry flags it, and why."));
  }

  /** After the sentence or the form changed: ask again once typing pauses (nothing to ask without a sentence). */
  schedule() {
    clearTimeout(this.timer);
    if (!this.text.value.trim()) {
      this.seq++;
      if (this.controller) this.controller.abort();
      this.idle();
      return;
    }
    this.result.setAttribute("aria-busy", "true");
    this.timer = setTimeout(() => this.explainNow(), EXPLAIN_DELAY_MS);
  }

  /** Ask the API now; only the newest answer is shown. */
  async explainNow() {
    clearTimeout(this.timer);
    const seq = ++this.seq;
    const entry = this.entryBody();
    const request = { text: this.text.value, entry };
    if (this.customer.value.trim()) request.customer_message = this.customer.value;
    if (this.controller) this.controller.abort();
    this.controller = new AbortController();
    let data;
    try {
      data = (await api("POST", `${API}/explain`, request, {}, this.controller.signal)).data;
    } catch (err) {
      if (seq !== this.seq || (err && err.name === "AbortError")) return;
      this.result.removeAttribute("aria-busy");
      this.failed(err);
      return;
    }
    if (seq !== this.seq) return; // a newer question is on its way
    this.result.removeAttribute("aria-busy");
    this.show(data, entry);
  }

  failed(err) {
    clear(this.result);
    if (err.status === 422 && err.details && err.details.problems) {
      this.result.appendChild(h("p", { class: "error" }, "The entry has problems, so it cannot be tried yet:"));
      this.result.appendChild(
        h("ul", { class: "problems" }, err.details.problems.map((p) => h("li", {}, `${p.field ? `${p.field}: ` : ""}${p.message}`)))
      );
    } else if (err.status === 401) {
      this.result.appendChild(h("p", { class: "error" }, "Not tried: your session has ended."));
    } else {
      this.result.appendChild(h("p", { class: "error" }, `Could not try the sentence: ${err.message}`));
    }
  }

  show(data, body) {
    const entry = data.entries.find((e) => e.id === body.id) || data.entries[0];
    clear(this.result);
    this.result.appendChild(h("p", { class: "explain-canonical" }, h("span", { class: "label" }, "Canonical: "), data.canonical));
    if (data.core !== data.canonical) {
      this.result.appendChild(h("p", { class: "explain-core" }, h("span", { class: "label" }, "Without skippable words: "), data.core));
    }
    if (data.customer && data.customer.mood) {
      this.result.appendChild(h("p", { class: "explain-customer muted" }, `The customer reads ${data.customer.mood}.`));
    }
    if (!entry) return;
    this.result.appendChild(h("p", { class: `explain-verdict verdict-${entry.status}` }, ...verdict(entry)));
    if (body.enabled === false) {
      this.result.appendChild(h("p", { class: "help" }, "This entry is disabled: this is what it would do once enabled."));
    }
    this.result.appendChild(h("ul", { class: "explain-patterns" }, entry.patterns.map(patternItem)));
  }
}

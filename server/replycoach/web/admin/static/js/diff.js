/*
 * The field-by-field diff of two versions of an entry, as the history and the curated update show it:
 * each entry becomes named groups of lines, and changed groups get a line diff (longest common
 * subsequence) rendered as <del>/<ins> rows built from text nodes.
 */

import { h } from "./dom.js";
import { toValues } from "./entryform.js";
import { lines } from "./text.js";

/** An entry as named groups of lines, the unit the history diff compares. */
export function entryLines(entry) {
  if (!entry) return {};
  const v = toValues(entry);
  const quote = (s) => `"${s}"`;
  return {
    id: [v.id],
    category: [v.category],
    severity: [v.severity],
    enabled: [v.enabled ? "enabled" : "disabled"],
    patterns: lines(v.patterns),
    unless: lines(v.unless),
    words: lines(v.words),
    quiet_when: v.quiet,
    warning_with: v.warningWith,
    when: [
      v.moods.length ? `customer_mood: ${v.moods.join(", ")}` : "",
      v.tried ? `customer_tried: ${v.tried}` : "",
    ].filter(Boolean),
    message: [v.message],
    why: v.why.split("\n"),
    rewrites: v.rewrites.map((r) => `[${r.scope}] ${r.text}`),
    "examples.flag": v.flag.map(
      (x) => `${quote(x.text)} flags ${quote(x.flagged)}${x.customer ? ` (customer: ${quote(x.customer)})` : ""}`
    ),
    "examples.pass": v.pass.map((x) => `${quote(x.text)}${x.customer ? ` (customer: ${quote(x.customer)})` : ""}`),
  };
}

const DIFF_FIELDS = [
  "id", "category", "severity", "enabled", "patterns", "unless", "words", "when", "message", "why", "rewrites",
  "examples.flag", "examples.pass",
];

/** A line diff (longest common subsequence): [{op: " "|"+"|"-", text}]. */
export function diffLines(before, after) {
  const n = before.length;
  const m = after.length;
  const lcs = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = before[i] === after[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      out.push({ op: " ", text: before[i] });
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      out.push({ op: "-", text: before[i++] });
    } else {
      out.push({ op: "+", text: after[j++] });
    }
  }
  while (i < n) out.push({ op: "-", text: before[i++] });
  while (j < m) out.push({ op: "+", text: after[j++] });
  return out;
}

/**
 * Word-level marks for lines that changed rather than came or went: in each run of removed lines followed by
 * added ones, the k-th removed line is paired with the k-th added, and the words each side lacks are marked
 * (<mark class="word-removed"> / "word-added"). A map from the line's index in `lineDiff` to its nodes.
 */
function changedPairs(lineDiff) {
  const marked = new Map();
  let i = 0;
  while (i < lineDiff.length) {
    if (lineDiff[i].op !== "-") { i++; continue; }
    const removed = [];
    while (i < lineDiff.length && lineDiff[i].op === "-") removed.push(i++);
    const added = [];
    while (i < lineDiff.length && lineDiff[i].op === "+") added.push(i++);
    for (let k = 0; k < Math.min(removed.length, added.length); k++) {
      const before = words(lineDiff[removed[k]].text);
      const after = words(lineDiff[added[k]].text);
      const ops = diffLines(before, after);
      marked.set(removed[k], ops.filter((o) => o.op !== "+").map((o) => (o.op === "-" ? h("mark", { class: "word-removed" }, o.text) : o.text)));
      marked.set(added[k], ops.filter((o) => o.op !== "-").map((o) => (o.op === "+" ? h("mark", { class: "word-added" }, o.text) : o.text)));
    }
  }
  return marked;
}

/** A line as words and the spaces between them (joined, they give the line back). */
function words(line) {
  return line.split(/(\s+)/).filter((part) => part !== "");
}

/** A field-by-field diff of two entries (either may be null); only changed fields are shown. */
export function renderDiff(before, after) {
  const a = entryLines(before);
  const b = entryLines(after);
  const box = h("div", { class: "diff" });
  let changed = 0;
  for (const field of DIFF_FIELDS) {
    const old = a[field] || [];
    const now = b[field] || [];
    if (old.length === now.length && old.every((line, i) => line === now[i])) continue;
    changed++;
    const lineDiff = diffLines(old, now);
    const pairs = changedPairs(lineDiff);
    const rows = lineDiff.map((d, index) => {
      const words = pairs.get(index);
      if (d.op === "-") return h("del", { class: "line line-removed" }, h("span", { class: "sign" }, "\u2212 "), words || d.text);
      if (d.op === "+") return h("ins", { class: "line line-added" }, h("span", { class: "sign" }, "+ "), words || d.text);
      return h("span", { class: "line line-same" }, h("span", { class: "sign" }, "\u00a0 "), d.text);
    });
    box.appendChild(h("div", { class: "diff-field", "data-field": field }, h("h4", {}, field), h("div", { class: "lines" }, rows)));
  }
  if (!changed) box.appendChild(h("p", { class: "muted" }, "No field changed."));
  return box;
}

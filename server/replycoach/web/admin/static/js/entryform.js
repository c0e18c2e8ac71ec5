/*
 * Entry <-> form values: the editor's plain values for an entry as the API returns it, the entry body
 * (bank file format) that form values describe, and the names a lead knows the form values by.
 */

import { lines } from "./text.js";
import { FIELDS } from "./vocabulary.js";

// The entry fields this form edits. The server names the fields an entry has (from the bank's entry
// schema); a field the form does not know stops the page with an error instead of being dropped on save.
const FORM_FIELDS = ["id", "category", "severity", "enabled", "patterns", "unless", "words", "quiet_when", "warning_with", "when", "message", "why", "rewrites", "examples"];
const unknown = FIELDS.filter((f) => !FORM_FIELDS.includes(f));
if (unknown.length) {
  throw new Error(`The entry form does not edit the field(s) ${unknown.join(", ")} that the server's entries have; add them to entryform.js and formview.js.`);
}

/** The form's plain values for an entry as the API returns it (or a blank new entry). */
export function toValues(entry) {
  const e = entry || {};
  const when = e.when || {};
  const moods = when.customer_mood ? [].concat(when.customer_mood) : [];
  const examples = e.examples || {};
  const asExample = (ex) => (typeof ex === "string" ? { text: ex } : ex || {});
  return {
    id: e.id || "",
    category: e.category || "",
    severity: e.severity || "warning",
    enabled: e.enabled !== false,
    patterns: (e.patterns || []).join("\n"),
    unless: (e.unless || []).join("\n"),
    words: wordLines(e.words || {}).join("\n"),
    quiet: [...(e.quiet_when || [])],
    warningWith: [...(e.warning_with || [])],
    moods,
    tried: when.customer_tried || "",
    message: e.message || "",
    why: e.why || "",
    rewrites: (e.rewrites || [{}, {}]).map((r) => ({ text: r.text || "", scope: r.scope || "phrase" })),
    flag: (examples.flag || [{}, {}]).map(asExample).map((x) => ({
      text: x.text || "", flagged: x.flagged || "", customer: x.customer || "",
    })),
    pass: (examples.pass || [{}, {}]).map(asExample).map((x) => ({ text: x.text || "", customer: x.customer || "" })),
  };
}

/** The entry body (bank file format) the form's values describe. */
export function toBody(v) {
  const body = { id: v.id.trim(), category: v.category, severity: v.severity, enabled: v.enabled };
  body.patterns = lines(v.patterns);
  const unless = lines(v.unless);
  if (unless.length) body.unless = unless;
  const words = wordLists(v.words);
  if (Object.keys(words).length) body.words = words;
  if (v.quiet.length) body.quiet_when = [...v.quiet];
  if (v.warningWith.length) body.warning_with = [...v.warningWith];
  const when = {};
  if (v.moods.length) when.customer_mood = v.moods.length === 1 ? v.moods[0] : [...v.moods];
  if (v.tried.trim()) when.customer_tried = v.tried.trim();
  if (Object.keys(when).length) body.when = when;
  body.message = v.message;
  body.why = v.why;
  body.rewrites = v.rewrites.map((r) => ({ text: r.text, scope: r.scope }));
  body.examples = {
    flag: v.flag.map((x) => {
      const ex = { text: x.text, flagged: x.flagged };
      if (x.customer.trim()) ex.customer = x.customer;
      return ex;
    }),
    pass: v.pass.map((x) => (x.customer.trim() ? { text: x.text, customer: x.customer } : x.text)),
  };
  // In the order the server's schema lists the fields (the bank file format's order).
  return Object.fromEntries(FIELDS.filter((f) => f in body).map((f) => [f, body[f]]));
}

/** An entry's own word lists as the form writes them: one "name: phrase" line per phrase. */
export function wordLines(words) {
  return Object.entries(words).flatMap(([name, phrases]) => phrases.map((phrase) => `${name}: ${phrase}`));
}

/**
 * The word lists that "name: phrase" lines describe, in the order their names first come. A line
 * without "name:" keeps its text as the name, so the server names the line that needs one.
 */
export function wordLists(text) {
  const lists = {};
  for (const line of lines(text)) {
    const colon = line.indexOf(":");
    const name = (colon < 0 ? line : line.slice(0, colon)).trim();
    const phrase = colon < 0 ? "" : line.slice(colon + 1).trim();
    (lists[name] = lists[name] || []).push(phrase);
  }
  return lists;
}

/** The name a lead knows a form value by. */
export function fieldName(key) {
  return { words: "word lists", quiet: "quiet when", warningWith: "warning with", moods: "customer mood", tried: "customer tried", flag: "flag examples", pass: "pass examples" }[key] || key;
}

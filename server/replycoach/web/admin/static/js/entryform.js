/*
 * Entry <-> form values: the editor's plain values for an entry as the API returns it, the entry body
 * (bank file format) that form values describe, and the names a lead knows the form values by.
 */

import { lines } from "./text.js";

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
  return body;
}

/** The name a lead knows a form value by. */
export function fieldName(key) {
  return { moods: "customer mood", tried: "customer tried", flag: "flag examples", pass: "pass examples" }[key] || key;
}

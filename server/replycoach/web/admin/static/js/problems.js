/*
 * Validation results in the entry form: each problem next to the field (or row) it names, each example's
 * outcome in its row, problems of other entries at the top, aria-invalid on the controls, and the
 * summary line under the Save button.
 */

import { clear, h } from "./dom.js";

/**
 * Show `problems` ([{entry, field, message}]) and `examples` ([{kind, index, ok, detail}]) from the API
 * in `form` (an EntryFormView), and the tally in `summary`; under each rewrite, the sentences it gives
 * (`rewritten`: [{example, rewrite, text, ok, warnings, grammar}]) with what still warns in them.
 */
export function showProblems(form, summary, problems, examples, rewritten = []) {
  for (const ul of form.targets.values()) clear(ul);
  clear(form.general);
  const rows = form.rows();
  for (const row of rows.values()) {
    clear(row.problemList);
    clear(row.result);
    row.classList.remove("fails", "passes");
  }
  const failing = new Set();
  for (const ex of examples) {
    const row = rows.get(`examples.${ex.kind}[${ex.index}]`);
    if (!row) continue;
    row.classList.add(ex.ok ? "passes" : "fails");
    row.result.textContent = ex.ok ? `\u2713 Passes${ex.detail ? `: ${ex.detail}` : ""}` : `\u2717 Fails: ${ex.detail}`;
    if (!ex.ok) failing.add(`examples.${ex.kind}[${ex.index}]`);
  }
  showRewritten(rows, rewritten);
  const ownId = form.values().id.trim();
  let count = 0;
  for (const p of problems) {
    const other = p.entry && ownId && p.entry !== ownId && p.entry !== "entry" && p.entry !== "";
    const path = p.field || "";
    if (!other && failing.has(path)) { count++; continue; } // its row already shows the detail
    count++;
    if (other) {
      form.general.appendChild(h("li", {}, `${p.entry}${path ? ` (${path})` : ""}: ${p.message}`));
      continue;
    }
    const { target, rest } = targetFor(path, rows, form.targets);
    const item = h("li", {}, rest ? `${describe(rest)}: ${p.message}` : p.message);
    if (target) target.appendChild(item);
    else form.general.appendChild(h("li", {}, path ? `${path}: ${p.message}` : p.message));
  }
  for (const [path, ul] of form.targets) {
    const control = form.inputs[path];
    if (control) control.setAttribute("aria-invalid", ul.childElementCount ? "true" : "false");
  }
  form.inputs.patterns.setAttribute("aria-invalid", form.targets.get("patterns").childElementCount ? "true" : "false");
  const flags = examples.filter((e) => e.kind === "flag");
  const passes = examples.filter((e) => e.kind === "pass");
  const tally = examples.length
    ? ` Flag examples: ${flags.filter((e) => e.ok).length} of ${flags.length} pass; pass examples: ${passes.filter((e) => e.ok).length} of ${passes.length} pass.`
    : "";
  if (count === 0) {
    summary.textContent = `No problems: ready to save.${tally}`;
    summary.className = "summary summary-ok";
  } else {
    summary.textContent = `${count} problem${count === 1 ? "" : "s"} to fix before saving.${tally}`;
    summary.className = "summary summary-error";
  }
}

/** Under each rewrite row, each flag example as the rewrite leaves it: a tick when no warning is left in the
 * rewritten words (and LanguageTool, when the service has it, found nothing), else what is wrong. */
function showRewritten(rows, rewritten) {
  for (const r of rewritten) {
    const row = rows.get(`rewrites[${r.rewrite}]`);
    if (!row) continue;
    let list = row.result.querySelector("ul.rewritten");
    if (!list) {
      row.result.appendChild(h("p", { class: "rewritten-title" }, "Gives, on the flag examples:"));
      list = h("ul", { class: "rewritten" });
      row.result.appendChild(list);
    }
    const notes = [
      ...r.warnings.map((w) => `still warns: ${w}`),
      ...r.grammar.map((g) => `grammar: ${g.message} ("${g.text}")`),
    ];
    const good = r.ok && !r.grammar.length;
    list.appendChild(
      h("li", { class: good ? "gives-ok" : "gives-bad" }, `${good ? "\u2713" : "\u2717"} ${r.text}${notes.length ? ` \u2014 ${notes.join("; ")}` : ""}`)
    );
  }
}

/** The problem list for a field path (the nearest enclosing field), and what is left of the path. */
function targetFor(path, rows, targets) {
  let rest = "";
  let key = path;
  while (key) {
    if (rows.has(key)) return { target: rows.get(key).problemList, rest };
    if (targets.has(key)) return { target: targets.get(key), rest };
    const cut = Math.max(key.lastIndexOf("."), key.lastIndexOf("["));
    if (cut <= 0) break;
    rest = key.slice(cut).replace(/^\./, "") + (rest && !rest.startsWith("[") ? `.${rest}` : rest);
    key = key.slice(0, cut);
  }
  return { target: null, rest: path };
}

/** What is left of a path, as a lead reads it ("[2]" -> "Line 3", "flagged" -> "Flagged"). */
function describe(rest) {
  const line = /^\[(\d+)\]$/.exec(rest);
  if (line) return `Line ${Number(line[1]) + 1}`;
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

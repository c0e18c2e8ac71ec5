/*
 * The entry form's controls: builds the <form id="entry-form"> (fields, problem lists next to each field,
 * the rewrite / flag example / pass example rows with Add and Remove), fills it from form values and
 * reads them back. It holds no entry state of its own: the editor reacts to its changes and submit.
 */

import { append, clear, h } from "./dom.js";
import { CATEGORIES, MOODS, QUIET_CHECKS, SCOPES, SEVERITIES } from "./vocabulary.js";

// Where the bank README (served at /admin/help) explains each field of the form.
const HELP_ANCHORS = {
  id: "an-entry", category: "categories", severity: "an-entry", enabled: "an-entry",
  patterns: "patterns-the-phrase-language", unless: "an-entry", words: "word-lists-of-one-entry", quiet_when: "an-entry", warning_with: "an-entry",
  when: "an-entry", message: "an-entry", why: "an-entry", rewrites: "rewrites",
  "examples.flag": "an-entry", "examples.pass": "an-entry",
};

/** A small "?" link to the part of the bank README that explains a field, opened beside the form. */
function helpLink(path, label) {
  return h(
    "a",
    { class: "help-link", href: `/admin/help#${HELP_ANCHORS[path] || "an-entry"}`, target: "_blank", rel: "noopener", "aria-label": `Help: ${label}`, title: `What ${label} means` },
    "?"
  );
}

/** The id of the problem list for a field path ("examples.flag" -> "problems-examples-flag"). */
function problemsId(path) {
  return `problems-${path.replace(/[^a-z]/g, "-")}`;
}

export class EntryFormView {
  /**
   * The form for an existing entry (`editing`: its id is read-only) or a new one. `on.changed` runs
   * after every input or change (and after a row is added or removed); `on.submit` when it is submitted.
   */
  constructor(editing, on) {
    this.on = on;
    this.general = h("ul", { class: "problems", id: "problems-general" });
    const form = h("form", { id: "entry-form", class: "entry-form", novalidate: true });
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      on.submit();
    });
    form.addEventListener("input", () => on.changed());
    form.addEventListener("change", () => on.changed());
    this.element = form;
    /** Field path -> the <ul> its problems are listed in. */
    this.targets = new Map();

    const idInput = h("input", { id: "f-id", name: "id", type: "text", readOnly: editing, autocomplete: "off", spellcheck: "false" });
    const idHelp = editing ? "The id cannot change." : "category.name: lowercase letters, digits and hyphens; it starts with the category.";
    const categorySelect = h(
      "select",
      { id: "f-category", name: "category" },
      h("option", { value: "" }, "Choose a category"),
      CATEGORIES.map((c) => h("option", { value: c }, c))
    );
    const severitySelect = h("select", { id: "f-severity", name: "severity" }, SEVERITIES.map((s) => h("option", { value: s }, s)));
    const enabled = h("input", { id: "f-enabled", name: "enabled", type: "checkbox" });
    this.inputs = {
      id: idInput,
      category: categorySelect,
      severity: severitySelect,
      enabled,
      patterns: h("textarea", { id: "f-patterns", name: "patterns", rows: "3", spellcheck: "false", class: "mono" }),
      unless: h("textarea", { id: "f-unless", name: "unless", rows: "4", spellcheck: "false", class: "mono" }),
      words: h("textarea", { id: "f-words", name: "words", rows: "3", spellcheck: "false", class: "mono" }),
      tried: h("input", { id: "f-tried", name: "customer_tried", type: "text", spellcheck: "false", class: "mono" }),
      message: h("input", { id: "f-message", name: "message", type: "text" }),
      why: h("textarea", { id: "f-why", name: "why", rows: "3" }),
    };
    this.warningBoxes = CATEGORIES.map((c) => h("input", { type: "checkbox", name: "warning_with", value: c, id: `f-warning-${c}` }));
    this.quietBoxes = QUIET_CHECKS.map((check) => h("input", { type: "checkbox", name: "quiet_when", value: check, id: `f-quiet-${check}` }));
    this.moodBoxes = MOODS.map((mood) => h("input", { type: "checkbox", name: "customer_mood", value: mood, id: `f-mood-${mood}` }));

    const problems = (path) => {
      const ul = h("ul", { class: "problems", "data-problems-for": path, id: problemsId(path) });
      this.targets.set(path, ul);
      return ul;
    };
    const field = (path, label, control, help) => {
      const link = helpLink(path, label);
      const helpId = help ? `${control.id}-help` : null;
      if (helpId) control.setAttribute("aria-describedby", `${helpId} ${problemsId(path)}`);
      else control.setAttribute("aria-describedby", problemsId(path));
      return h(
        "div",
        { class: "field", "data-field": path },
        h("label", { for: control.id }, label),
        link,
        control,
        help ? h("p", { class: "help", id: helpId }, help) : null,
        problems(path)
      );
    };

    this.rewriteList = h("div", { class: "rows", id: "rewrites" });
    this.flagList = h("div", { class: "rows", id: "flag-examples" });
    this.passList = h("div", { class: "rows", id: "pass-examples" });

    append(form, [
      this.general,
      h(
        "div",
        { class: "grid3" },
        field("id", "Id", idInput, idHelp),
        field("category", "Category", categorySelect),
        field("severity", "Severity", severitySelect, "warning: fix before sending; suggestion: could be warmer.")
      ),
      h(
        "div",
        { class: "field field-inline", "data-field": "enabled" },
        enabled,
        h("label", { for: "f-enabled" }, "Enabled (the coach uses this entry)"),
        problems("enabled")
      ),
      field("patterns", "Patterns (phrase language, one per line)", this.inputs.patterns, "Words as a draft says them; case and contractions never matter. {family} any phrase of a family, [optional], (a | b), ~word any form of it, ... a short gap, <slot> the rest of the clause for a rewrite. Raw RE2 after re:."),
      field("unless", "Unless (exceptions, phrase language, one per line, optional)", this.inputs.unless),
      field("words", "Word lists (this entry's own, optional)", this.inputs.words, "One phrase per line as name: phrase; the patterns above use the list as {name}. A list more entries need belongs in the vocabulary."),
      h(
        "fieldset",
        { class: "field", "data-field": "quiet_when" },
        h("legend", {}, "Quiet when (the engine's context checks, optional) ", helpLink("quiet_when", "Quiet when")),
        h(
          "div",
          { class: "checks", role: "group", "aria-label": "Quiet when" },
          this.quietBoxes.map((box) => h("label", { class: "check" }, box, ` ${box.value}`))
        ),
        problems("quiet_when")
      ),
      h(
        "fieldset",
        { class: "field", "data-field": "warning_with" },
        h("legend", {}, "A warning when followed by a flag of (optional; in its sentence or the next) ", helpLink("warning_with", "Warning with")),
        h(
          "div",
          { class: "checks", role: "group", "aria-label": "Warning with" },
          this.warningBoxes.map((box) => h("label", { class: "check" }, box, ` ${box.value}`))
        ),
        problems("warning_with")
      ),
      h(
        "fieldset",
        { class: "field", "data-field": "when" },
        h("legend", {}, "When (optional) ", helpLink("when", "When")),
        h(
          "div",
          { class: "checks", role: "group", "aria-label": "Customer mood" },
          h("span", { class: "group-label" }, "Customer mood:"),
          this.moodBoxes.map((box) => h("label", { class: "check" }, box, ` ${box.value}`))
        ),
        problems("when.customer_mood"),
        h("label", { for: "f-tried" }, "Customer tried (slot name, optional)"),
        this.inputs.tried,
        problems("when.customer_tried"),
        problems("when")
      ),
      field("message", "Message (one line: what reads cold)", this.inputs.message),
      field("why", "Why (how the customer hears it)", this.inputs.why),
      this.listSection("rewrites", "Rewrites (at least 2)", this.rewriteList, "Add rewrite", () => this.addRewrite({ text: "", scope: "phrase" }, true), problems("rewrites")),
      this.listSection("examples.flag", "Flag examples (drafts it must flag, at least 2)", this.flagList, "Add flag example", () => this.addFlag({ text: "", flagged: "", customer: "" }, true), problems("examples.flag")),
      this.listSection("examples.pass", "Pass examples (drafts it must leave alone, at least 2)", this.passList, "Add pass example", () => this.addPass({ text: "", customer: "" }, true), problems("examples.pass")),
      problems("examples"),
    ]);
  }

  listSection(path, title, list, addLabel, add, problemList) {
    return h(
      "fieldset",
      { class: "field list", "data-field": path },
      h("legend", {}, `${title} `, helpLink(path, title.replace(/ \(.*$/, ""))),
      list,
      problemList,
      h("button", { type: "button", class: "small", on: { click: add } }, addLabel)
    );
  }

  row(list, kind, cells) {
    const legend = h("legend", {});
    const result = h("div", { class: "result", "data-result": "" });
    const problemList = h("ul", { class: "problems" });
    const remove = h("button", { type: "button", class: "small remove" }, "Remove");
    const row = h("fieldset", { class: "row", "data-kind": kind }, legend, h("div", { class: "cells" }, cells, remove), result, problemList);
    row.problemList = problemList;
    row.result = result;
    remove.addEventListener("click", () => {
      const next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      this.renumber();
      this.on.changed();
      const focusTarget = next ? next.querySelector("input, textarea") : null;
      if (focusTarget) focusTarget.focus();
    });
    list.appendChild(row);
    this.renumber();
    return row;
  }

  addRewrite(r, focus) {
    const text = h("input", { type: "text", name: "rewrite-text", value: r.text });
    const scope = h("select", { name: "rewrite-scope" }, SCOPES.map((s) => h("option", { value: s, selected: r.scope === s }, s)));
    this.row(this.rewriteList, "rewrite", [
      h("label", { class: "cell grow" }, h("span", {}, "Text"), text),
      h("label", { class: "cell narrow" }, h("span", {}, "Scope"), scope),
    ]);
    if (focus) { text.focus(); this.on.changed(); }
  }

  addFlag(x, focus) {
    const text = h("input", { type: "text", name: "flag-text", value: x.text });
    this.row(this.flagList, "flag", [
      h("label", { class: "cell grow" }, h("span", {}, "Draft"), text),
      h("label", { class: "cell" }, h("span", {}, "Flagged phrase"), h("input", { type: "text", name: "flag-flagged", value: x.flagged })),
      h("label", { class: "cell" }, h("span", {}, "Customer's message (optional)"), h("input", { type: "text", name: "flag-customer", value: x.customer })),
    ]);
    if (focus) { text.focus(); this.on.changed(); }
  }

  addPass(x, focus) {
    const text = h("input", { type: "text", name: "pass-text", value: x.text });
    this.row(this.passList, "pass", [
      h("label", { class: "cell grow" }, h("span", {}, "Draft"), text),
      h("label", { class: "cell" }, h("span", {}, "Customer's message (optional)"), h("input", { type: "text", name: "pass-customer", value: x.customer })),
    ]);
    if (focus) { text.focus(); this.on.changed(); }
  }

  /** Number the rows and name their controls after their place ("Rewrite 2", "Remove flag example 1"). */
  renumber() {
    const names = { rewrite: "Rewrite", flag: "Flag example", pass: "Pass example" };
    for (const list of [this.rewriteList, this.flagList, this.passList]) {
      [...list.children].forEach((row, i) => {
        const name = `${names[row.dataset.kind]} ${i + 1}`;
        row.dataset.index = String(i);
        row.querySelector("legend").textContent = name;
        row.querySelector("button.remove").setAttribute("aria-label", `Remove ${name.toLowerCase()}`);
        for (const control of row.querySelectorAll("input, select")) {
          const label = control.closest("label").querySelector("span").textContent;
          control.setAttribute("aria-label", `${name}: ${label}`);
        }
      });
    }
  }

  /** Every row by the field path the API names it with ("rewrites[0]", "examples.flag[1]", …). */
  rows() {
    const rows = new Map();
    [...this.rewriteList.children].forEach((row, i) => rows.set(`rewrites[${i}]`, row));
    [...this.flagList.children].forEach((row, i) => rows.set(`examples.flag[${i}]`, row));
    [...this.passList.children].forEach((row, i) => rows.set(`examples.pass[${i}]`, row));
    return rows;
  }

  /** Put form values (see entryform.js) into the controls, rebuilding the rows. */
  fill(v) {
    const i = this.inputs;
    i.id.value = v.id;
    i.category.value = v.category;
    i.severity.value = v.severity;
    i.enabled.checked = v.enabled;
    i.patterns.value = v.patterns;
    i.unless.value = v.unless;
    i.words.value = v.words || ""; // a draft stored before word lists has none
    i.tried.value = v.tried;
    i.message.value = v.message;
    i.why.value = v.why;
    for (const box of this.moodBoxes) box.checked = v.moods.includes(box.value);
    for (const box of this.quietBoxes) box.checked = v.quiet.includes(box.value);
    for (const box of this.warningBoxes) box.checked = v.warningWith.includes(box.value);
    for (const list of [this.rewriteList, this.flagList, this.passList]) clear(list);
    v.rewrites.forEach((r) => this.addRewrite(r));
    v.flag.forEach((x) => this.addFlag(x));
    v.pass.forEach((x) => this.addPass(x));
  }

  /** The form values the controls hold now. */
  values() {
    const i = this.inputs;
    const val = (row, name) => row.querySelector(`[name="${name}"]`).value;
    return {
      id: i.id.value,
      category: i.category.value,
      severity: i.severity.value,
      enabled: i.enabled.checked,
      patterns: i.patterns.value,
      unless: i.unless.value,
      words: i.words.value,
      quiet: this.quietBoxes.filter((b) => b.checked).map((b) => b.value),
      warningWith: this.warningBoxes.filter((b) => b.checked).map((b) => b.value),
      moods: this.moodBoxes.filter((b) => b.checked).map((b) => b.value),
      tried: i.tried.value,
      message: i.message.value,
      why: i.why.value,
      rewrites: [...this.rewriteList.children].map((r) => ({ text: val(r, "rewrite-text"), scope: val(r, "rewrite-scope") })),
      flag: [...this.flagList.children].map((r) => ({
        text: val(r, "flag-text"), flagged: val(r, "flag-flagged"), customer: val(r, "flag-customer"),
      })),
      pass: [...this.passList.children].map((r) => ({ text: val(r, "pass-text"), customer: val(r, "pass-customer") })),
    };
  }
}

/*
 * Reply Coach admin page: team leads curate the phrase bank.
 *
 * Plain modern JS, no build step, no framework, nothing fetched from outside the service. Every piece of
 * text that comes from the bank or the API goes into the page through textContent, createTextNode or an
 * input's value: this file never uses innerHTML, outerHTML or insertAdjacentHTML.
 *
 * Sections: constants · DOM helpers · API client · entry <-> form · diff · views (list, editor, preview,
 * history, audit, curated update) · router.
 */
"use strict";

(() => {
  // ---------------------------------------------------------------- constants

  const API = "/v1/phrasebank";
  const CATEGORIES = [
    "dismissive", "blame", "refusal", "policy", "deflection", "uncertainty", "condescension",
    "hollow-empathy", "sympathy", "toxic-positivity", "negative-framing", "passive", "repeat-ask",
  ];
  const SEVERITIES = ["warning", "suggestion"];
  const SCOPES = ["phrase", "sentence"];
  const MOODS = ["upset", "neutral", "positive", "unknown"];
  const VALIDATE_DELAY_MS = 400;
  const DRAFT_KEY = "replycoach-admin-draft:";

  // ---------------------------------------------------------------- DOM helpers

  /** An element with properties/attributes and children (strings become text nodes, never markup). */
  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "on") {
        for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
      } else if (key === "class") {
        el.className = value;
      } else if (key === "text") {
        el.textContent = value;
      } else if (["value", "checked", "disabled", "hidden", "readOnly", "selected", "htmlFor"].includes(key)) {
        el[key] = value;
      } else {
        el.setAttribute(key, value === true ? "" : String(value));
      }
    }
    append(el, children);
    return el;
  }

  function append(el, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
    return el;
  }

  function $(selector, root) {
    return (root || document).querySelector(selector);
  }

  function lines(text) {
    return text.split("\n").map((line) => line.replace(/\r$/, "")).filter((line) => line.trim() !== "");
  }

  function formatTime(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return date.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
  }

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

  // ---------------------------------------------------------------- API client

  class ApiError extends Error {
    constructor(status, body) {
      const error = (body && body.error) || {};
      super(error.message || `The service answered ${status}.`);
      this.status = status;
      this.code = error.code || "";
      this.details = error.details || null;
    }
  }

  const session = { ended: false, token: "" };

  function csrfToken() {
    if (!session.token) {
      const meta = $('meta[name="csrf-token"]');
      session.token = meta ? meta.getAttribute("content") || "" : "";
    }
    return session.token;
  }

  /** After a sign-in in another tab: read the new session's CSRF token from a fresh /admin. */
  async function refreshSession() {
    try {
      const response = await fetch("/admin", { credentials: "same-origin" });
      if (!response.ok) return false;
      // Read the token out of the page's text; nothing of it is parsed as HTML or put in this page.
      const found = /<meta name="csrf-token" content="([^"]*)">/.exec(await response.text());
      if (!found) return false; // still signed out: the sign-in form has no token
      session.token = found[1];
      session.ended = false;
      showSessionEnded(false);
      return true;
    } catch (err) {
      return false;
    }
  }

  /** Call the API; resolves {status, data, etag}; rejects with ApiError (a 401 also shows the notice). */
  async function api(method, path, body, extraHeaders, signal) {
    if (session.ended) await refreshSession();
    try {
      return await call(method, path, body, extraHeaders, signal);
    } catch (err) {
      // Signed in again in another tab: the cookie is a new session's, so fetch its token and retry once.
      if (err.status === 403 && err.code === "csrf_failed" && (await refreshSession())) {
        return call(method, path, body, extraHeaders, signal);
      }
      throw err;
    }
  }

  async function call(method, path, body, extraHeaders, signal) {
    const headers = { "X-CSRF-Token": csrfToken(), ...(extraHeaders || {}) };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(path, {
        method,
        credentials: "same-origin",
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (err) {
      if (err && err.name === "AbortError") throw err;
      throw new ApiError(0, { error: { message: "The service did not answer; check your connection." } });
    }
    let data = null;
    const type = response.headers.get("Content-Type") || "";
    if (response.status !== 204 && type.includes("json")) data = await response.json().catch(() => null);
    if (response.status === 401) {
      session.ended = true;
      showSessionEnded(true);
    }
    if (!response.ok) throw new ApiError(response.status, data);
    return { status: response.status, data, etag: response.headers.get("ETag") };
  }

  function entryUrl(id) {
    return `${API}/entries/${encodeURIComponent(id)}`;
  }

  // ---------------------------------------------------------------- page frame

  const frame = {};

  function buildFrame() {
    const app = $("#app");
    clear(app);
    frame.sessionEnded = h(
      "div",
      { id: "session-ended", class: "notice notice-error", role: "alert", hidden: true },
      h("strong", {}, "Your session has ended. "),
      "Nothing was saved. ",
      h("a", { href: "/admin", target: "_blank", rel: "noopener" }, "Sign in again"),
      " (opens a new tab), then come back: what you typed is still here, and saving again will use the new session."
    );
    frame.status = h("p", { id: "status", class: "status", role: "status", "aria-live": "polite" });
    frame.curated = h("section", { id: "curated-update", class: "panel", hidden: true, "aria-labelledby": "curated-title" });
    frame.nav = h(
      "nav",
      { class: "tabs", "aria-label": "Phrase bank views" },
      h("a", { href: "#/", "data-view": "list" }, "Entries"),
      h("a", { href: "#/new", "data-view": "new" }, "New entry"),
      h("a", { href: "#/audit", "data-view": "audit" }, "Audit log")
    );
    frame.view = h("div", { id: "view" });
    append(app, [frame.sessionEnded, frame.curated, frame.nav, frame.status, frame.view]);
  }

  function showSessionEnded(show) {
    if (frame.sessionEnded) frame.sessionEnded.hidden = !show;
  }

  function setStatus(message, kind) {
    frame.status.textContent = message || "";
    frame.status.className = `status${kind ? ` status-${kind}` : ""}`;
    frame.status.dataset.keep = "1"; // survives the next view change (e.g. "Created …" then the editor)
  }

  function markNav(view) {
    for (const link of frame.nav.querySelectorAll("a")) {
      if (link.dataset.view === view) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
  }

  function heading(text) {
    return h("h2", { tabindex: "-1", id: "view-title" }, text);
  }

  function focusHeading() {
    const title = $("#view-title");
    if (title) title.focus({ preventScroll: false });
  }

  // ---------------------------------------------------------------- entry <-> form values

  /** The form's plain values for an entry as the API returns it (or a blank new entry). */
  function toValues(entry) {
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
  function toBody(v) {
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

  // ---------------------------------------------------------------- diff

  /** An entry as named groups of lines, the unit the history diff compares. */
  function entryLines(entry) {
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
    "id", "category", "severity", "enabled", "patterns", "unless", "when", "message", "why", "rewrites",
    "examples.flag", "examples.pass",
  ];

  /** A line diff (longest common subsequence): [{op: " "|"+"|"-", text}]. */
  function diffLines(before, after) {
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

  /** A field-by-field diff of two entries (either may be null); only changed fields are shown. */
  function renderDiff(before, after) {
    const a = entryLines(before);
    const b = entryLines(after);
    const box = h("div", { class: "diff" });
    let changed = 0;
    for (const field of DIFF_FIELDS) {
      const old = a[field] || [];
      const now = b[field] || [];
      if (old.length === now.length && old.every((line, i) => line === now[i])) continue;
      changed++;
      const rows = diffLines(old, now).map((d) => {
        if (d.op === "-") return h("del", { class: "line line-removed" }, h("span", { class: "sign" }, "\u2212 "), d.text);
        if (d.op === "+") return h("ins", { class: "line line-added" }, h("span", { class: "sign" }, "+ "), d.text);
        return h("span", { class: "line line-same" }, h("span", { class: "sign" }, "\u00a0 "), d.text);
      });
      box.appendChild(h("div", { class: "diff-field", "data-field": field }, h("h4", {}, field), h("div", { class: "lines" }, rows)));
    }
    if (!changed) box.appendChild(h("p", { class: "muted" }, "No field changed."));
    return box;
  }

  // ---------------------------------------------------------------- list view

  const listState = { search: "", category: "", severity: "", state: "" };

  async function showList() {
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
    append(root, [filters, counts, table]);

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

  // ---------------------------------------------------------------- editor

  /** The editor for an existing entry (`id`) or a new one (`id` null). */
  async function showEditor(id) {
    markNav(id ? "" : "new");
    const view = clear(frame.view);
    view.appendChild(heading(id ? `Edit ${id}` : "New entry"));
    focusHeading();
    let entry = null;
    let etag = null;
    if (id) {
      try {
        const got = await api("GET", entryUrl(id));
        entry = got.data;
        etag = got.etag;
      } catch (err) {
        view.appendChild(h("p", { class: "error", role: "alert" }, `Could not open ${id}: ${err.message}`));
        return;
      }
    }
    new Editor(view, id, entry, etag);
  }

  class Editor {
    constructor(root, id, entry, etag) {
      this.id = id;
      this.etag = etag;
      this.entry = entry;
      this.seq = 0;
      this.timer = null;
      this.controller = null;
      this.valid = null; // null: not known for the current content
      this.build(root);
      this.base = toValues(entry); // what the lead started from: their edits are the fields that differ
      this.fill(this.base);
      this.offerStoredDraft();
      if (id) {
        this.validateNow();
      } else {
        this.summary.textContent = "Fill in the entry: it is checked as you type.";
      }
    }

    // ---- building

    build(root) {
      const editing = Boolean(this.id);
      if (editing) {
        root.appendChild(
          h(
            "p",
            { class: "links" },
            h("a", { href: `#/entry/${encodeURIComponent(this.id)}/history` }, "History of this entry"),
            " · ",
            h("a", { href: "#/" }, "Back to entries")
          )
        );
      }
      this.draftNotice = h("div", { class: "notice", hidden: true, id: "draft-notice" });
      this.general = h("ul", { class: "problems", id: "problems-general" });
      const form = h("form", { id: "entry-form", class: "entry-form", novalidate: true });
      form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        this.save();
      });
      form.addEventListener("input", () => this.changed());
      form.addEventListener("change", () => this.changed());
      this.form = form;
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
        unless: h("textarea", { id: "f-unless", name: "unless", rows: "2", spellcheck: "false", class: "mono" }),
        tried: h("input", { id: "f-tried", name: "customer_tried", type: "text", spellcheck: "false", class: "mono" }),
        message: h("input", { id: "f-message", name: "message", type: "text" }),
        why: h("textarea", { id: "f-why", name: "why", rows: "3" }),
      };
      this.moodBoxes = MOODS.map((mood) => h("input", { type: "checkbox", name: "customer_mood", value: mood, id: `f-mood-${mood}` }));

      const problems = (path) => {
        const ul = h("ul", { class: "problems", "data-problems-for": path, id: `problems-${path.replace(/[^a-z]/g, "-")}` });
        this.targets.set(path, ul);
        return ul;
      };
      const field = (path, label, control, help) => {
        const helpId = help ? `${control.id}-help` : null;
        if (helpId) control.setAttribute("aria-describedby", `${helpId} problems-${path.replace(/[^a-z]/g, "-")}`);
        else control.setAttribute("aria-describedby", `problems-${path.replace(/[^a-z]/g, "-")}`);
        return h(
          "div",
          { class: "field", "data-field": path },
          h("label", { for: control.id }, label),
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
        field("patterns", "Patterns (RE2, one per line)", this.inputs.patterns, "Case never matters; no look-around or back-references. (?P<name>…) captures a slot."),
        field("unless", "Unless (exceptions, RE2, one per line, optional)", this.inputs.unless),
        h(
          "fieldset",
          { class: "field", "data-field": "when" },
          h("legend", {}, "When (optional)"),
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

      this.summary = h("p", { id: "validation-summary", class: "summary", role: "status", "aria-live": "polite" });
      this.saveButton = h("button", { type: "submit", id: "save", class: "primary", form: "entry-form", "aria-describedby": "validation-summary" }, editing ? "Save changes" : "Create entry");
      this.saveStatus = h("p", { id: "save-status", class: "status", role: "status", "aria-live": "polite" });
      this.conflict = h("div", { id: "conflict", class: "notice notice-error", role: "alert", hidden: true });
      const actions = h("div", { class: "actions-bar" }, this.saveButton, this.summary);

      const preview = new Preview(() => toBody(this.values()));
      root.appendChild(
        h(
          "div",
          { class: "editor" },
          this.draftNotice,
          form,
          h("div", { class: "save-area" }, actions, this.saveStatus, this.conflict),
          preview.element
        )
      );
    }

    listSection(path, title, list, addLabel, add, problemList) {
      return h(
        "fieldset",
        { class: "field list", "data-field": path },
        h("legend", {}, title),
        list,
        problemList,
        h("button", { type: "button", class: "small", on: { click: add } }, addLabel)
      );
    }

    row(list, kind, cells) {
      const legend = h("legend", {});
      const result = h("p", { class: "result", "data-result": "" });
      const problemList = h("ul", { class: "problems" });
      const remove = h("button", { type: "button", class: "small remove" }, "Remove");
      const row = h("fieldset", { class: "row", "data-kind": kind }, legend, h("div", { class: "cells" }, cells, remove), result, problemList);
      row.problemList = problemList;
      row.result = result;
      remove.addEventListener("click", () => {
        const next = row.nextElementSibling || row.previousElementSibling;
        row.remove();
        this.renumber();
        this.changed();
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
      if (focus) { text.focus(); this.changed(); }
    }

    addFlag(x, focus) {
      const text = h("input", { type: "text", name: "flag-text", value: x.text });
      this.row(this.flagList, "flag", [
        h("label", { class: "cell grow" }, h("span", {}, "Draft"), text),
        h("label", { class: "cell" }, h("span", {}, "Flagged phrase"), h("input", { type: "text", name: "flag-flagged", value: x.flagged })),
        h("label", { class: "cell" }, h("span", {}, "Customer's message (optional)"), h("input", { type: "text", name: "flag-customer", value: x.customer })),
      ]);
      if (focus) { text.focus(); this.changed(); }
    }

    addPass(x, focus) {
      const text = h("input", { type: "text", name: "pass-text", value: x.text });
      this.row(this.passList, "pass", [
        h("label", { class: "cell grow" }, h("span", {}, "Draft"), text),
        h("label", { class: "cell" }, h("span", {}, "Customer's message (optional)"), h("input", { type: "text", name: "pass-customer", value: x.customer })),
      ]);
      if (focus) { text.focus(); this.changed(); }
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

    // ---- values

    fill(v) {
      const i = this.inputs;
      i.id.value = v.id;
      i.category.value = v.category;
      i.severity.value = v.severity;
      i.enabled.checked = v.enabled;
      i.patterns.value = v.patterns;
      i.unless.value = v.unless;
      i.tried.value = v.tried;
      i.message.value = v.message;
      i.why.value = v.why;
      for (const box of this.moodBoxes) box.checked = v.moods.includes(box.value);
      for (const list of [this.rewriteList, this.flagList, this.passList]) clear(list);
      v.rewrites.forEach((r) => this.addRewrite(r));
      v.flag.forEach((x) => this.addFlag(x));
      v.pass.forEach((x) => this.addPass(x));
    }

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

    draftKey() {
      return DRAFT_KEY + (this.id || "new");
    }

    /** Keep what was typed in sessionStorage too, so even a reload after a lost session keeps it. */
    storeDraft() {
      try {
        sessionStorage.setItem(this.draftKey(), JSON.stringify(this.values()));
      } catch (err) {
        /* storage full or off: the form still holds the edits */
      }
    }

    dropDraft() {
      try {
        sessionStorage.removeItem(this.draftKey());
      } catch (err) {
        /* nothing stored */
      }
    }

    offerStoredDraft() {
      let stored = null;
      try {
        stored = JSON.parse(sessionStorage.getItem(this.draftKey()) || "null");
      } catch (err) {
        stored = null;
      }
      if (!stored || JSON.stringify(stored) === JSON.stringify(this.values())) return;
      const restore = h("button", { type: "button", class: "small" }, "Restore my unsaved edits");
      const discard = h("button", { type: "button", class: "small" }, "Discard them");
      restore.addEventListener("click", () => {
        this.fill(stored);
        this.draftNotice.hidden = true;
        this.changed();
      });
      discard.addEventListener("click", () => {
        this.dropDraft();
        this.draftNotice.hidden = true;
      });
      append(clear(this.draftNotice), ["You have unsaved edits of this entry from earlier in this tab. ", restore, " ", discard]);
      this.draftNotice.hidden = false;
    }

    // ---- live validation

    changed() {
      const body = JSON.stringify(toBody(this.values()));
      if (body === this.checkedBody) return; // e.g. the change event after the input events: nothing new
      this.valid = null;
      this.summary.textContent = "Checking…";
      this.summary.className = "summary";
      this.updateSave();
      this.storeDraft();
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.validateNow(), VALIDATE_DELAY_MS);
    }

    async validateNow() {
      clearTimeout(this.timer);
      const seq = ++this.seq;
      const body = toBody(this.values());
      this.checkedBody = JSON.stringify(body);
      if (this.controller) this.controller.abort();
      this.controller = new AbortController();
      this.summary.textContent = "Checking…";
      this.summary.className = "summary";
      let result;
      try {
        result = (await api("POST", `${API}/validate`, { entry: body }, {}, this.controller.signal)).data;
      } catch (err) {
        if (seq !== this.seq || (err && err.name === "AbortError")) return;
        this.checkedBody = null; // not checked after all: the next change event tries again
        this.summary.textContent = err.status === 401 ? "Not checked: your session has ended." : `Could not check the entry: ${err.message}`;
        this.summary.className = "summary summary-error";
        return;
      }
      if (seq !== this.seq) return; // a newer check is on its way
      this.valid = Boolean(result.valid);
      this.showProblems(result.problems || [], result.examples || []);
      this.updateSave();
    }

    updateSave() {
      this.saveButton.disabled = this.valid === false || this.saving === true;
    }

    /** Problems next to the fields they name; each example's outcome in its row. */
    showProblems(problems, examples) {
      for (const ul of this.targets.values()) clear(ul);
      clear(this.general);
      const rows = new Map();
      [...this.rewriteList.children].forEach((row, i) => rows.set(`rewrites[${i}]`, row));
      [...this.flagList.children].forEach((row, i) => rows.set(`examples.flag[${i}]`, row));
      [...this.passList.children].forEach((row, i) => rows.set(`examples.pass[${i}]`, row));
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
      const ownId = this.values().id.trim();
      let count = 0;
      for (const p of problems) {
        const other = p.entry && ownId && p.entry !== ownId && p.entry !== "entry" && p.entry !== "";
        const path = p.field || "";
        if (!other && failing.has(path)) { count++; continue; } // its row already shows the detail
        count++;
        if (other) {
          this.general.appendChild(h("li", {}, `${p.entry}${path ? ` (${path})` : ""}: ${p.message}`));
          continue;
        }
        const { target, rest } = this.target(path, rows);
        const item = h("li", {}, rest ? `${this.describe(rest)}: ${p.message}` : p.message);
        if (target) target.appendChild(item);
        else this.general.appendChild(h("li", {}, path ? `${path}: ${p.message}` : p.message));
      }
      for (const [path, ul] of this.targets) {
        const control = this.inputs[path];
        if (control) control.setAttribute("aria-invalid", ul.childElementCount ? "true" : "false");
      }
      this.inputs.patterns.setAttribute("aria-invalid", this.targets.get("patterns").childElementCount ? "true" : "false");
      const flags = examples.filter((e) => e.kind === "flag");
      const passes = examples.filter((e) => e.kind === "pass");
      const tally = examples.length
        ? ` Flag examples: ${flags.filter((e) => e.ok).length} of ${flags.length} pass; pass examples: ${passes.filter((e) => e.ok).length} of ${passes.length} pass.`
        : "";
      if (count === 0) {
        this.summary.textContent = `No problems: ready to save.${tally}`;
        this.summary.className = "summary summary-ok";
      } else {
        this.summary.textContent = `${count} problem${count === 1 ? "" : "s"} to fix before saving.${tally}`;
        this.summary.className = "summary summary-error";
      }
    }

    /** The problem list for a field path (the nearest enclosing field), and what is left of the path. */
    target(path, rows) {
      let rest = "";
      let key = path;
      while (key) {
        if (rows.has(key)) return { target: rows.get(key).problemList, rest };
        if (this.targets.has(key)) return { target: this.targets.get(key), rest };
        const cut = Math.max(key.lastIndexOf("."), key.lastIndexOf("["));
        if (cut <= 0) break;
        rest = key.slice(cut).replace(/^\./, "") + (rest && !rest.startsWith("[") ? `.${rest}` : rest);
        key = key.slice(0, cut);
      }
      return { target: null, rest: path };
    }

    describe(rest) {
      const line = /^\[(\d+)\]$/.exec(rest);
      if (line) return `Line ${Number(line[1]) + 1}`;
      return rest.charAt(0).toUpperCase() + rest.slice(1);
    }

    // ---- saving

    async save() {
      if (this.saving) return;
      if (this.valid === false) {
        this.saveStatus.className = "status status-error";
        this.saveStatus.textContent = "Not saved: fix the problems shown next to the fields first.";
        return;
      }
      const values = this.values();
      const body = toBody(values);
      this.saving = true;
      this.updateSave();
      this.conflict.hidden = true;
      this.saveStatus.className = "status";
      this.saveStatus.textContent = "Saving…";
      try {
        let saved;
        if (this.id) {
          saved = await api("PUT", entryUrl(this.id), body, { "If-Match": this.etag || "" });
        } else {
          saved = await api("POST", `${API}/entries`, body);
        }
        this.dropDraft();
        this.saving = false;
        if (!this.id) {
          setStatus(`Created ${saved.data.id}. It is live: the coach flags drafts with it now.`, "ok");
          location.hash = `#/entry/${encodeURIComponent(saved.data.id)}`;
          return;
        }
        this.etag = saved.etag;
        this.entry = saved.data;
        this.base = toValues(saved.data);
        this.fill(this.base);
        this.saveStatus.textContent = `Saved ${saved.data.id}. The change is live.`;
        this.saveStatus.className = "status status-ok";
        this.validateNow();
      } catch (err) {
        this.saving = false;
        this.updateSave();
        this.failed(err, values);
      }
    }

    failed(err, values) {
      this.saveStatus.className = "status status-error";
      if (err.status === 401) {
        this.storeDraft();
        this.saveStatus.textContent = "Not saved: your session has ended. Sign in again (see the notice at the top); your edits are still here.";
      } else if (err.status === 412) {
        this.saveStatus.textContent = "Not saved: someone else changed this entry since you opened it.";
        this.showConflict(values);
      } else if (err.status === 422 && err.details && err.details.problems) {
        this.valid = false;
        this.updateSave();
        this.showProblems(err.details.problems, []);
        this.saveStatus.textContent = "Not saved: the entry has problems (shown next to the fields). The bank is unchanged.";
      } else if (err.status === 409) {
        const ul = this.targets.get("id");
        clear(ul).appendChild(h("li", {}, `${values.id.trim()} already exists; choose another id, or edit that entry.`));
        this.saveStatus.textContent = `Not saved: an entry with the id ${values.id.trim()} already exists. The bank is unchanged.`;
      } else {
        this.saveStatus.textContent = `Not saved: ${err.message} The bank is unchanged.`;
      }
    }

    showConflict(mine) {
      const reload = h("button", { type: "button", id: "conflict-reload" }, "Load their version");
      const keep = h("button", { type: "button", id: "conflict-keep" }, "Keep editing mine");
      reload.addEventListener("click", () => this.reloadTheirs(mine));
      keep.addEventListener("click", () => { this.conflict.hidden = true; this.inputs.message.focus(); });
      append(clear(this.conflict), [
        h("p", {}, h("strong", {}, "Someone else changed this entry while you were editing it."),
          " Your edits are still in the form and nothing was saved. Load their version to see what changed; you can then put your edits back on top of it and save."),
        h("div", { class: "button-row" }, reload, keep),
      ]);
      this.conflict.hidden = false;
      reload.focus();
    }

    async reloadTheirs(mine) {
      const base = this.base;
      let theirs;
      try {
        const got = await api("GET", entryUrl(this.id));
        this.etag = got.etag;
        this.entry = got.data;
        theirs = toValues(got.data);
        this.base = theirs;
        this.fill(theirs);
        this.validateNow();
      } catch (err) {
        this.saveStatus.textContent = `Could not load the latest version: ${err.message}`;
        return;
      }
      // The lead's edits are the fields they changed from what they opened; the rest keeps the latest.
      const edited = Object.keys(mine).filter((k) => JSON.stringify(mine[k]) !== JSON.stringify(base[k]));
      const merged = { ...theirs };
      for (const key of edited) merged[key] = mine[key];
      const restore = h("button", { type: "button", id: "conflict-restore" }, "Put my edits back");
      restore.addEventListener("click", () => {
        this.fill(merged);
        this.conflict.hidden = true;
        this.saveStatus.textContent = "Your edits are back in the form, on top of the latest version. Check them, then save.";
        this.saveStatus.className = "status";
        this.changed();
      });
      append(clear(this.conflict), [
        h("p", {}, `The form now shows the latest version. Your edits are kept (${edited.map(fieldName).join(", ") || "none"}): put them back on top of it, then save.`),
        h("div", { class: "button-row" }, restore),
      ]);
      this.saveStatus.className = "status";
      this.saveStatus.textContent = "Loaded the latest version.";
      restore.focus();
    }
  }

  /** The name a lead knows a form value by. */
  function fieldName(key) {
    return { moods: "customer mood", tried: "customer tried", flag: "flag examples", pass: "pass examples" }[key] || key;
  }

  // ---------------------------------------------------------------- preview

  class Preview {
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

    async go() {
      const request = { entry: this.entryBody() };
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
      const n = data.matches.length;
      this.results.appendChild(
        h("p", { class: "preview-count" }, `Flags ${n} of ${data.sample_size} text${data.sample_size === 1 ? "" : "s"}.`)
      );
      if (!n) return;
      this.results.appendChild(
        h(
          "ol",
          { class: "matches" },
          data.matches.map((m) =>
            h("li", { "data-index": String(m.index) }, h("span", { class: "muted" }, `Text ${m.index + 1}: `), highlighted(m.text, m.spans))
          )
        )
      );
    }
  }

  // ---------------------------------------------------------------- history

  async function showHistory(id, notice) {
    markNav("");
    const view = clear(frame.view);
    view.appendChild(heading(`History of ${id}`));
    view.appendChild(
      h("p", { class: "links" }, h("a", { href: `#/entry/${encodeURIComponent(id)}` }, "Edit this entry"), " · ", h("a", { href: "#/" }, "Back to entries"))
    );
    const status = h("p", { id: "history-status", class: "status", role: "status", "aria-live": "polite" }, notice || "");
    if (notice) status.className = "status status-ok";
    const body = h("div", {}, h("p", { class: "muted" }, "Loading history…"));
    append(view, [status, body]);
    if (!notice) focusHeading();
    let revisions;
    try {
      revisions = (await api("GET", `${entryUrl(id)}/history`)).data.revisions;
    } catch (err) {
      clear(body).appendChild(h("p", { class: "error", role: "alert" }, `Could not load the history: ${err.message}`));
      return;
    }
    clear(body);
    if (!revisions.length) {
      body.appendChild(h("p", {}, "No revisions recorded."));
      return;
    }
    const newest = revisions[revisions.length - 1];
    body.appendChild(
      h(
        "div",
        { class: "panel current", id: "current-state" },
        h("h3", {}, `Now: revision ${newest.revision} (${newest.action} by ${newest.author})`),
        h("p", {}, h("span", { class: "label" }, "Message: "), h("span", { class: "current-message" }, newest.entry.message)),
        h("p", {}, h("span", { class: "label" }, "State: "), newest.entry.enabled === false ? "disabled" : "enabled")
      )
    );
    const list = h("ol", { class: "revisions", id: "revisions", reversed: true });
    for (let i = revisions.length - 1; i >= 0; i--) {
      const rev = revisions[i];
      const before = i > 0 ? revisions[i - 1].entry : null;
      const isNewest = i === revisions.length - 1;
      const button = isNewest
        ? h("span", { class: "muted" }, "(current)")
        : h("button", { type: "button", class: "small", "aria-label": `Roll back to revision ${rev.revision}` }, "Roll back to this");
      if (!isNewest) button.addEventListener("click", () => rollback(id, rev.revision, button, status));
      list.appendChild(
        h(
          "li",
          { class: "revision", "data-revision": String(rev.revision) },
          h(
            "div",
            { class: "revision-head" },
            h("h3", {}, `Revision ${rev.revision}`),
            h("span", { class: "meta" }, `${rev.action} by ${rev.author}, `, h("time", { datetime: rev.at }, formatTime(rev.at))),
            button
          ),
          i > 0 ? h("p", { class: "muted" }, `Changes from revision ${revisions[i - 1].revision}:`) : h("p", { class: "muted" }, "First version:"),
          renderDiff(before, rev.entry)
        )
      );
    }
    body.appendChild(list);
  }

  async function rollback(id, revision, button, status) {
    button.disabled = true;
    status.className = "status";
    status.textContent = `Rolling back to revision ${revision}…`;
    try {
      const current = await api("GET", entryUrl(id));
      await api("POST", `${entryUrl(id)}/rollback`, { revision }, { "If-Match": current.etag });
    } catch (err) {
      button.disabled = false;
      status.className = "status status-error";
      status.textContent = `Not rolled back: ${err.message} The bank is unchanged.`;
      return;
    }
    await showHistory(id, `Rolled back to revision ${revision}. The entry below is live now.`);
  }

  // ---------------------------------------------------------------- audit log

  async function showAudit() {
    markNav("audit");
    const view = clear(frame.view);
    view.appendChild(heading("Audit log"));
    view.appendChild(h("p", { class: "muted" }, "Every change of the bank, newest first."));
    const body = h("div", {}, h("p", { class: "muted" }, "Loading…"));
    view.appendChild(body);
    focusHeading();
    let changes;
    try {
      changes = (await api("GET", `${API}/audit`)).data.changes;
    } catch (err) {
      clear(body).appendChild(h("p", { class: "error", role: "alert" }, `Could not load the audit log: ${err.message}`));
      return;
    }
    clear(body).appendChild(
      h(
        "table",
        { id: "audit", class: "entries" },
        h("thead", {}, h("tr", {}, ["When", "Entry", "Revision", "Action", "Author", "Bank revision"].map((t) => h("th", { scope: "col" }, t)))),
        h(
          "tbody",
          {},
          changes.map((c) =>
            h(
              "tr",
              {},
              h("td", {}, h("time", { datetime: c.at }, formatTime(c.at))),
              h("td", {}, h("a", { href: `#/entry/${encodeURIComponent(c.entry_id)}/history` }, c.entry_id)),
              h("td", {}, String(c.revision)),
              h("td", {}, c.action),
              h("td", {}, c.author),
              h("td", {}, String(c.bank_revision))
            )
          )
        )
      )
    );
  }

  // ---------------------------------------------------------------- curated bank update

  async function loadCuratedUpdate() {
    const panel = frame.curated;
    let update;
    try {
      update = (await api("GET", `${API}/curated-update`)).data;
    } catch (err) {
      panel.hidden = true; // 404: the service has no curated updates to offer
      return;
    }
    if (!update || !update.pending || !(update.changes || []).length) {
      panel.hidden = true;
      return;
    }
    const labels = { added: "new entry", changed: "changed", removed: "removed from the curated bank" };
    const boxes = [];
    const items = update.changes.map((c, i) => {
      const box = h("input", { type: "checkbox", id: `take-${i}`, value: c.id, checked: !c.edited_here });
      boxes.push(box);
      const before = c.change === "added" ? null : c.current;
      const after = c.change === "removed" ? null : c.curated;
      return h(
        "li",
        { class: "curated-change", "data-id": c.id },
        h(
          "div",
          { class: "check" },
          box,
          h("label", { for: `take-${i}` }, ` Take ${c.id} (${labels[c.change] || c.change})`),
          c.edited_here ? h("span", { class: "badge badge-off" }, "\u270e Edited here: taking it replaces your team's edits") : null
        ),
        h("details", {}, h("summary", {}, "Show the difference"), renderDiff(before, after))
      );
    });
    const apply = h("button", { type: "button", id: "curated-apply", class: "primary" }, "Apply selected changes");
    const result = h("p", { class: "status", role: "status", "aria-live": "polite" });
    apply.addEventListener("click", async () => {
      apply.disabled = true;
      const take = boxes.filter((b) => b.checked).map((b) => b.value);
      try {
        const done = (await api("POST", `${API}/curated-update`, { revision: update.revision, take })).data;
        const taken = (done.taken || []).length;
        const kept = (done.kept || []).length;
        setStatus(
          `Curated update applied: took ${taken} change${taken === 1 ? "" : "s"}; ` +
            `kept the bank's own version for ${kept}.`,
          "ok"
        );
        await loadCuratedUpdate();
        route();
      } catch (err) {
        apply.disabled = false;
        result.className = "status status-error";
        if (err.status === 409) {
          result.textContent = "The curated update changed while you were reviewing it; showing the latest one.";
          setTimeout(loadCuratedUpdate, 1500);
        } else {
          result.textContent = `Not applied: ${err.message}`;
        }
      }
    });
    append(clear(panel), [
      h("h2", { id: "curated-title" }, "Curated bank update"),
      h("p", {}, `A newer curated bank (revision ${update.revision}) is available. Choose which changes to take.`),
      h("ul", { class: "curated-changes" }, items),
      apply,
      result,
    ]);
    panel.hidden = false;
  }

  // ---------------------------------------------------------------- router

  function route() {
    const hash = decodeURIComponent(location.hash.replace(/^#\/?/, ""));
    const history = /^entry\/(.+)\/history$/.exec(hash);
    const entry = /^entry\/(.+)$/.exec(hash);
    if (history) return showHistory(history[1]);
    if (entry) return showEditor(entry[1]);
    if (hash === "new") return showEditor(null);
    if (hash === "audit") return showAudit();
    return showList();
  }

  function start() {
    if (!$("#app")) return;
    buildFrame();
    window.addEventListener("hashchange", () => {
      if (frame.status.dataset.keep) delete frame.status.dataset.keep;
      else setStatus("");
      route();
    });
    route();
    loadCuratedUpdate();
  }

  // Exposed for tests of the pure helpers only; the page never reads it.
  window.ReplyCoachAdmin = Object.freeze({ toValues, toBody, diffLines, entryLines });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

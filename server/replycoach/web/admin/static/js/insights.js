/*
 * The Insights view (#/insights): which rules fire and what agents do with their flags, over the last days.
 * The numbers come from GET /v1/insights; the charts are SVG images the service draws (GET
 * /v1/insights/charts/<name>.svg), fetched with the session and shown from blob: URLs, so the page runs no
 * charting code. Noisy rules (dismissed or muted more often than applied) link to their entry's editor.
 */

import { apiBlob, api } from "./api.js";
import { clear, h } from "./dom.js";
import { focusHeading, frame, heading, markNav } from "./frame.js";

const RANGES = [7, 30, 90, 365];
const CHARTS = [
  ["daily", "Drafts checked, drafts with a warning and flags raised, per day"],
  ["top-rules", "The rules that fire most"],
  ["acceptance", "What agents did with each rule's flags: applied, dismissed or muted"],
];
// The blob: URLs of the charts on screen, released when the view is drawn again.
let shown = [];

/** Show the Insights view. */
export async function showInsights() {
  markNav("insights");
  const view = clear(frame.view);
  view.appendChild(heading("Insights"));
  view.appendChild(
    h(
      "p",
      { class: "muted" },
      "Counted as agents work: how often each rule fires, and whether agents apply its rewrite, dismiss the flag or mute the rule. Only counts per day are kept, never the text of a reply."
    )
  );
  const range = h(
    "select",
    { id: "insights-days" },
    RANGES.map((days) => h("option", { value: String(days), selected: days === 30 }, `Last ${days} days`))
  );
  view.appendChild(h("p", { class: "filters" }, h("label", { for: "insights-days" }, "Period"), range));
  const body = h("div", { id: "insights" }, h("p", { class: "muted" }, "Loading…"));
  view.appendChild(body);
  range.addEventListener("change", () => load(body, Number(range.value)));
  focusHeading();
  await load(body, Number(range.value));
}

async function load(body, days) {
  release();
  let data;
  try {
    data = (await api("GET", `/v1/insights?days=${days}`)).data;
  } catch (err) {
    clear(body).appendChild(h("p", { class: "error", role: "alert" }, `Could not load the insights: ${err.message}`));
    return;
  }
  clear(body);
  if (!data.enabled) {
    body.appendChild(
      h(
        "p",
        { class: "notice", id: "insights-off" },
        "This service counts nothing new: REPLYCOACH_INSIGHTS is off. What was counted before is shown."
      )
    );
  }
  body.appendChild(summary(data, days));
  const figures = h("div", { class: "charts" });
  body.appendChild(figures);
  for (const [name, caption] of CHARTS) figures.appendChild(chart(name, caption, days));
  body.appendChild(noisy(data.rules));
  body.appendChild(everyRule(data.rules));
  body.appendChild(perDay(data.days));
}

function release() {
  for (const url of shown) URL.revokeObjectURL(url);
  shown = [];
}

function summary(data, days) {
  const analyzed = data.days.reduce((sum, day) => sum + day.analyzed, 0);
  const warnings = data.days.reduce((sum, day) => sum + day.warnings, 0);
  const fired = data.days.reduce((sum, day) => sum + day.fired, 0);
  const share = analyzed ? ` (${Math.round((100 * warnings) / analyzed)}%)` : "";
  return h(
    "p",
    { id: "insights-summary" },
    `In the last ${days} days: ${count(analyzed, "draft")} checked, ${warnings} with a warning${share}, ${count(fired, "flag")} raised.`
  );
}

function chart(name, caption, days) {
  const image = h("img", { alt: caption, width: 900, height: 360, "data-chart": name });
  const note = h("figcaption", {}, caption);
  apiBlob(`/v1/insights/charts/${name}.svg?days=${days}`).then(
    (blob) => {
      const url = URL.createObjectURL(blob);
      shown.push(url);
      image.src = url;
    },
    (err) => {
      image.replaceWith(h("p", { class: "error", role: "alert" }, `Could not draw the chart: ${err.message}`));
    }
  );
  return h("figure", { class: "chart" }, image, note);
}

function actions(rule) {
  return rule.applied + rule.dismissed + rule.muted;
}

/** "67% (2 of 3)": how often agents applied the rewrite when they acted on a flag; "—" if they never did. */
function acceptance(rule) {
  const acted = actions(rule);
  if (!acted) return "—";
  return `${Math.round((100 * rule.applied) / acted)}% (${rule.applied} of ${acted})`;
}

function count(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** A rule's cells in both rule tables: its id, its counts and how often its rewrite was applied. */
function ruleCells(rule) {
  return [
    h("th", { scope: "row" }, rule.rule_id),
    [rule.fired, rule.applied, rule.dismissed, rule.muted].map((n) => h("td", {}, String(n))),
    h("td", {}, acceptance(rule)),
  ];
}

function noisy(rules) {
  const found = rules
    .filter((rule) => rule.dismissed + rule.muted > rule.applied)
    .sort((a, b) => b.dismissed + b.muted - b.applied - (a.dismissed + a.muted - a.applied) || a.rule_id.localeCompare(b.rule_id));
  const section = h(
    "section",
    { "aria-labelledby": "noisy-title" },
    h("h3", { id: "noisy-title" }, "Noisy rules"),
    h("p", { class: "muted" }, "Dismissed or muted more often than applied: their patterns or rewrites may need work.")
  );
  if (!found.length) {
    section.appendChild(h("p", { id: "noisy-none" }, "No rule is dismissed or muted more often than applied."));
    return section;
  }
  section.appendChild(
    h(
      "table",
      { id: "noisy", class: "entries" },
      h("thead", {}, h("tr", {}, ["Rule", "Fired", "Applied", "Dismissed", "Muted", "Accepted", ""].map((t) => h("th", { scope: "col" }, t)))),
      h(
        "tbody",
        {},
        found.map((rule) =>
          h(
            "tr",
            {},
            ruleCells(rule),
            h(
              "td",
              { class: "actions" },
              rule.in_bank
                ? h("a", { href: `#/entry/${encodeURIComponent(rule.rule_id)}`, "aria-label": `Edit ${rule.rule_id}` }, "Edit")
                : h("span", { class: "muted" }, "built in, not an entry")
            )
          )
        )
      )
    )
  );
  return section;
}

function everyRule(rules) {
  const section = h("section", { "aria-labelledby": "rules-title" }, h("h3", { id: "rules-title" }, "Every rule that fired or was acted on"));
  if (!rules.length) {
    section.appendChild(h("p", {}, "Nothing counted in this period."));
    return section;
  }
  section.appendChild(
    h(
      "table",
      { id: "insight-rules", class: "entries" },
      h("thead", {}, h("tr", {}, ["Rule", "Fired", "Applied", "Dismissed", "Muted", "Accepted"].map((t) => h("th", { scope: "col" }, t)))),
      h(
        "tbody",
        {},
        rules.map((rule) => h("tr", {}, ruleCells(rule)))
      )
    )
  );
  return section;
}

function perDay(days) {
  return h(
    "details",
    { class: "per-day" },
    h("summary", {}, "Per day, as a table"),
    h(
      "table",
      { id: "insight-days", class: "entries" },
      h("thead", {}, h("tr", {}, ["Day (UTC)", "Drafts checked", "With a warning", "Flags raised"].map((t) => h("th", { scope: "col" }, t)))),
      h(
        "tbody",
        {},
        days
          .slice()
          .reverse()
          .map((day) => h("tr", {}, h("th", { scope: "row" }, day.date), h("td", {}, String(day.analyzed)), h("td", {}, String(day.warnings)), h("td", {}, String(day.fired))))
      )
    )
  );
}

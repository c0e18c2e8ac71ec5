/*
 * The page frame every view lives in: the session-ended notice, the curated-update panel, the tabs, the
 * status line and the view area; plus the helpers views use on it (status, current tab, view heading).
 */

import { $, append, clear, h } from "./dom.js";

/** The frame's parts, filled in by buildFrame(): sessionEnded, status, curated, nav, view. */
export const frame = {};

/** Replace the contents of #app with the frame. */
export function buildFrame() {
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
    h("a", { href: "#/audit", "data-view": "audit" }, "Audit log"),
    h("a", { href: "#/vocabulary", "data-view": "vocabulary" }, "Vocabulary"),
    h("a", { href: "#/insights", "data-view": "insights" }, "Insights")
  );
  frame.view = h("div", { id: "view" });
  append(app, [frame.sessionEnded, frame.curated, frame.nav, frame.status, frame.view]);
}

/** Show or hide the "Your session has ended" notice. */
export function showSessionEnded(show) {
  if (frame.sessionEnded) frame.sessionEnded.hidden = !show;
}

/** Set the page's status line; `kind` is "ok", "error" or nothing. */
export function setStatus(message, kind) {
  frame.status.textContent = message || "";
  frame.status.className = `status${kind ? ` status-${kind}` : ""}`;
  frame.status.dataset.keep = "1"; // survives the next view change (e.g. "Created …" then the editor)
}

/** Mark the tab of `view` ("list", "new", "audit"; "" for none) as the current page. */
export function markNav(view) {
  for (const link of frame.nav.querySelectorAll("a")) {
    if (link.dataset.view === view) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

/** A view's title (focusable, so a view change can move focus to it). */
export function heading(text) {
  return h("h2", { tabindex: "-1", id: "view-title" }, text);
}

/** Move focus to the current view's title. */
export function focusHeading() {
  const title = $("#view-title");
  if (title) title.focus({ preventScroll: false });
}

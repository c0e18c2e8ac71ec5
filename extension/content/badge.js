// The small badge on the editor: warnings and score, a quiet notice when the service fails, and a list of
// all flags on click.
"use strict";
(function (root) {
  const { shadow } = root.replycoach.overlay;
  const SHORT_ERRORS = { unreachable: "offline", unauthorized: "key refused", no_key: "no key", rate_limited: "busy" };
  let badge = null;
  let list = null;
  let live = null; // a polite live region: a screen reader says "3 warnings" when the count changes
  let onEscape = () => {};

  function ensure(onClick) {
    if (badge && badge.isConnected) return;
    badge = document.createElement("button");
    badge.type = "button";
    badge.className = "badge";
    badge.dataset.rcBadge = "";
    badge.addEventListener("mousedown", (event) => event.preventDefault());
    badge.addEventListener("click", onClick);
    list = document.createElement("div");
    list.className = "list";
    list.hidden = true;
    list.setAttribute("role", "dialog");
    list.setAttribute("aria-label", "Reply Coach: all flags");
    list.addEventListener("mousedown", (event) => event.preventDefault());
    list.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      event.stopPropagation();
      const hadFocus = list.matches(":focus-within");
      hideList();
      if (hadFocus) onEscape();
    });
    live = document.createElement("div");
    live.className = "live";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    shadow().append(badge, list, live);
  }

  /** Show `session`'s state on the badge at the editor's bottom right (or hide it with no session). */
  function render(session, { onToggle, onPick, onClose = () => {} }) {
    onEscape = onClose;
    if (!session) {
      if (badge) badge.hidden = true;
      if (list) list.hidden = true;
      return;
    }
    ensure(onToggle);
    badge.hidden = false;
    if (session.error) {
      badge.dataset.rcStatus = "error";
      badge.textContent = `Reply Coach: ${SHORT_ERRORS[session.error.code] || "error"}`;
      badge.title = session.error.message;
      // Each label starts with the words shown, which a voice-control user says to press it.
      badge.setAttribute("aria-label", `${badge.textContent}. ${session.error.message}`);
    } else {
      const flags = session.flags();
      const warnings = flags.filter((flag) => flag.severity === "warning").length;
      badge.dataset.rcStatus = session.current() ? "ok" : "pending";
      badge.dataset.rcWarnings = String(warnings);
      badge.dataset.rcScore = session.result ? String(session.result.score) : "";
      badge.textContent = session.current() ? counted(warnings, flags.length - warnings, session.result.score)
        : "checking\u2026";
      const summary = `${warnings} warning${warnings === 1 ? "" : "s"}, ${flags.length - warnings} suggestion${flags.length - warnings === 1 ? "" : "s"}, score ${session.result?.score ?? "pending"}`;
      badge.title = `Reply Coach: ${summary}`;
      badge.setAttribute("aria-label", `Reply Coach: ${badge.textContent}. Show all.`);
      if (session.current()) announce(session, warnings);
    }
    const element = session.editor.element;
    // An editor that is its document's body (TinyMCE's iframe) ends where the frame does, not its text.
    const local = element === element.ownerDocument.body
      ? { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight }
      : element.getBoundingClientRect();
    // In the drawing document's viewport (the top one, for an editor in an iframe), within the frame's edge.
    const { overlay } = root.replycoach;
    const framed = overlay.hostWindow() !== window;
    const { x, y } = overlay.frameOffset();
    const box = {
      right: (framed ? Math.min(local.right, window.innerWidth) : local.right) + x,
      bottom: (framed ? Math.min(local.bottom, window.innerHeight) : local.bottom) + y,
    };
    const size = badge.getBoundingClientRect();
    badge.style.left = `${Math.max(0, box.right - size.width - 6)}px`;
    badge.style.top = `${Math.max(0, box.bottom - size.height - 6)}px`;
    if (!list.hidden) fillList(session, onPick);
  }

  /** What the badge says it counts: "3 warnings · 1 suggestion · score 50" (suggestions only when any). */
  function counted(warnings, suggestions, score) {
    const parts = [warnings ? `${warnings} warning${warnings === 1 ? "" : "s"}` : "No warnings"];
    if (suggestions) parts.push(`${suggestions} suggestion${suggestions === 1 ? "" : "s"}`);
    parts.push(`score ${score}`);
    return parts.join(" \u00B7 ");
  }

  function fillList(session, onPick) {
    list.replaceChildren();
    if (session.error) {
      const notice = document.createElement("p");
      notice.className = "notice";
      notice.textContent = session.error.message;
      // Where to put it right: the options page (a content script cannot open it; the worker does).
      const options = document.createElement("button");
      options.type = "button";
      options.dataset.rcAction = "options";
      options.textContent = "Open Reply Coach options";
      options.addEventListener("click", () => root.replycoach.messages.send("options.open").catch(() => {}));
      list.append(notice, options);
    } else {
      const items = document.createElement("ul");
      for (const flag of session.flags()) {
        const item = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.dataset.rcAction = "open";
        button.dataset.rcFlag = flag.id;
        button.textContent = `${flag.severity === "warning" ? "\u25B2 Warning" : "\u25CF Suggestion"}: \u201C${flag.text}\u201D \u2014 ${flag.message}`;
        button.addEventListener("click", () => onPick(flag));
        item.append(button);
        items.append(item);
      }
      if (!items.childElementCount) items.append(Object.assign(document.createElement("li"), { textContent: "Nothing to flag." }));
      list.append(items);
    }
    const box = badge.getBoundingClientRect();
    root.replycoach.card.place(list, { left: box.left - 200, top: box.top, bottom: box.bottom });
  }

  /** Say the number of warnings in the live region when it changed since it was last said for `session`
   * (nothing for a draft that never had one). */
  function announce(session, warnings) {
    const before = session.announcedWarnings ?? 0;
    if (warnings === before) return;
    session.announcedWarnings = warnings;
    live.textContent = warnings ? `${warnings} warning${warnings === 1 ? "" : "s"}` : "No warnings";
  }

  /** Show or hide the list of all flags. */
  function toggleList(session, onPick) {
    if (!list) return;
    list.hidden = !list.hidden;
    if (!list.hidden) fillList(session, onPick);
  }

  function hideList() {
    if (list) list.hidden = true;
  }

  function listShown() {
    return Boolean(list) && !list.hidden;
  }

  function listHasFocus() {
    return listShown() && list.matches(":focus-within");
  }

  root.replycoach.badge = { render, toggleList, hideList, listShown, listHasFocus };
})(globalThis);

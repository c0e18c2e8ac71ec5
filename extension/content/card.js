// The card for one flag: what reads cold, why, and the rewrites; text only, never HTML from the API.
"use strict";
(function (root) {
  const { shadow } = root.replycoach.overlay;
  let card = null;
  let placedAt = null; // [node, rect, avoid] of the last place(), to place again when the card grows

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** A button of the card that runs `run` when clicked; `action` names it (data-rc-action). */
  function button(label, action, run) {
    const node = element("button", "", label);
    node.type = "button";
    node.dataset.rcAction = action;
    node.addEventListener("click", run);
    return node;
  }

  /** Show the card for `flag` near `rect` (keeping the line boxes `avoid` clear: see place()); `actions` has apply(index), dismiss(), mute(), close(), hover().
   * With `failure` ({message, text}) it says instead that the rewrite could not be applied, and offers
   * `text` to copy. */
  function open(flag, rect, actions, { focus = false, failure = null, avoid = [], draft = "" } = {}) {
    close();
    card = element("div", "card");
    card.setAttribute("role", "dialog");
    card.setAttribute("aria-label", `Reply Coach: ${flag.message}`);
    card.dataset.rcFlag = flag.id;
    card.dataset.rcRule = flag.rule_id;
    const severity = flag.severity === "warning" ? "warning" : "suggestion";
    // Compact: why it reads cold is folded under a disclosure the agent opens when they want it.
    const why = element("details", "why-box");
    why.append(element("summary", "", "Why"), element("p", "why", flag.why));
    why.addEventListener("toggle", () => placedAt && place(...placedAt));
    card.append(
      element("div", `severity ${severity}`, severity === "warning" ? "Warning" : "Suggestion"),
      element("p", "phrase", `\u201C${flag.text}\u201D`),
      element("p", "message", flag.message),
      why,
    );
    if (failure) return openFailure(flag, rect, actions, failure, avoid);
    const rewrites = element("div", "rewrites");
    flag.suggestions.forEach((suggestion, index) => {
      // What it changes: "Calm down → I can hear…", or where an inserted sentence goes.
      const change = root.replycoach.changeText.describe(flag, suggestion, draft);
      const apply = button("", "apply", () => actions.apply(index));
      const arrow = suggestion.scope === "insert" ? [] : [element("span", "arrow", " \u2192 ")];
      apply.append(element("span", "from", change.from), ...arrow, element("span", "to", change.to));
      apply.setAttribute("aria-label", change.label);
      apply.dataset.rcIndex = String(index);
      apply.dataset.rcScope = suggestion.scope;
      rewrites.append(apply);
    });
    const buttons = element("div", "actions");
    buttons.append(
      button("Dismiss", "dismiss", actions.dismiss),
      button("Don't flag this for me", "mute", actions.mute),
    );
    card.append(rewrites, buttons);
    return show(rect, actions, focus, avoid);
  }

  function openFailure(flag, rect, actions, failure, avoid) {
    card.dataset.rcFailure = "";
    const text = element("textarea", "copy-text");
    text.readOnly = true;
    text.rows = 2;
    text.value = failure.text;
    text.setAttribute("aria-label", "The rewrite, to copy");
    const copy = button("Copy the rewrite", "copy", async () => {
      copy.textContent = (await copyText(text)) ? "Copied" : "Select it and press Ctrl+C";
    });
    const buttons = element("div", "actions");
    buttons.append(copy, button("Close", "close", actions.close));
    card.append(element("p", "failure", failure.message), text, buttons);
    card.setAttribute("role", "alertdialog");
    return show(rect, actions, false, avoid);
  }

  /** Put `textarea`'s text on the clipboard (the click on Copy is the user gesture it needs). */
  async function copyText(textarea) {
    try {
      await navigator.clipboard.writeText(textarea.value);
      return true;
    } catch {
      textarea.select();
      return textarea.ownerDocument.execCommand("copy");
    }
  }

  function show(rect, actions, focus, avoid) {
    // Keep the editor's focus and selection when the mouse presses a button.
    card.addEventListener("mousedown", (event) => {
      if (!event.target.closest?.("textarea")) event.preventDefault();
    });
    card.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        actions.close();
      }
    });
    card.addEventListener("mouseenter", () => actions.hover(true));
    card.addEventListener("mouseleave", () => actions.hover(false));
    shadow().appendChild(card);
    place(card, rect, avoid);
    if (focus) (card.querySelector("[data-rc-action]") || card).focus();
    return card;
  }

  /** Put `node` next to `rect` (the first line box of its words), never over `rect` nor the line boxes
   * `avoid` (the rest of its words, the caret's line): below, else above, else wherever it fits, else shrunk
   * to the tallest free stretch, its content scrolling. */
  function place(node, rect, avoid = []) {
    placedAt = node === card ? [node, rect, avoid] : placedAt;
    node.style.maxHeight = "";
    const box = node.getBoundingClientRect();
    const view = root.replycoach.overlay.hostWindow();
    const spot = root.replycoach.placement.place(
      { width: box.width, height: box.height }, rect, avoid, { width: view.innerWidth, height: view.innerHeight },
    );
    node.style.left = `${spot.left}px`;
    node.style.top = `${spot.top}px`;
    if (spot.maxHeight !== null) node.style.maxHeight = `${spot.maxHeight}px`;
  }

  function close() {
    if (card) card.remove();
    card = null;
  }

  function current() {
    return card && card.isConnected ? card : null;
  }

  root.replycoach.card = { open, close, current, place };
})(globalThis);

// The card for one flag: what reads cold, why, and the rewrites; text only, never HTML from the API.
"use strict";
(function (root) {
  const { shadow } = root.replycoach.overlay;
  let card = null;

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

  /** Show the card for `flag` near `rect`; `actions` has apply(index), dismiss(), mute(), close(), hover().
   * With `failure` ({message, text}) it says instead that the rewrite could not be applied, and offers
   * `text` to copy. */
  function open(flag, rect, actions, { focus = false, failure = null } = {}) {
    close();
    card = element("div", "card");
    card.setAttribute("role", "dialog");
    card.setAttribute("aria-label", `Reply Coach: ${flag.message}`);
    card.dataset.rcFlag = flag.id;
    card.dataset.rcRule = flag.rule_id;
    const severity = flag.severity === "warning" ? "warning" : "suggestion";
    card.append(
      element("div", `severity ${severity}`, severity === "warning" ? "Warning" : "Suggestion"),
      element("p", "message", flag.message),
      element("p", "why", flag.why),
    );
    if (failure) return openFailure(flag, rect, actions, failure);
    const rewrites = element("div", "rewrites");
    flag.suggestions.forEach((suggestion, index) => {
      const apply = button(suggestion.text, "apply", () => actions.apply(index));
      apply.dataset.rcIndex = String(index);
      rewrites.append(apply);
    });
    const buttons = element("div", "actions");
    buttons.append(
      button("Dismiss", "dismiss", actions.dismiss),
      button("Don't flag this for me", "mute", actions.mute),
    );
    card.append(rewrites, buttons);
    return show(rect, actions, focus);
  }

  function openFailure(flag, rect, actions, failure) {
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
    return show(rect, actions, false);
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

  function show(rect, actions, focus) {
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
    place(card, rect);
    if (focus) (card.querySelector("[data-rc-action]") || card).focus();
    return card;
  }

  function place(node, rect) {
    const box = node.getBoundingClientRect();
    const view = root.replycoach.overlay.hostWindow();
    const left = Math.max(4, Math.min(rect.left, view.innerWidth - box.width - 4));
    const below = rect.bottom + 6;
    const top = below + box.height > view.innerHeight ? Math.max(4, rect.top - box.height - 6) : below;
    node.style.left = `${left}px`;
    node.style.top = `${top}px`;
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

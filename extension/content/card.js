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
      const button = element("button", "", suggestion.text);
      button.type = "button";
      button.dataset.rcAction = "apply";
      button.dataset.rcIndex = String(index);
      button.addEventListener("click", () => actions.apply(index));
      rewrites.append(button);
    });
    const buttons = element("div", "actions");
    for (const [action, label, run] of [
      ["dismiss", "Dismiss", actions.dismiss],
      ["mute", "Don't flag this for me", actions.mute],
    ]) {
      const button = element("button", "", label);
      button.type = "button";
      button.dataset.rcAction = action;
      button.addEventListener("click", run);
      buttons.append(button);
    }
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
    const copy = element("button", "", "Copy the rewrite");
    copy.type = "button";
    copy.dataset.rcAction = "copy";
    copy.addEventListener("click", async () => {
      copy.textContent = (await copyText(text)) ? "Copied" : "Select it and press Ctrl+C";
    });
    const dismiss = element("button", "", "Close");
    dismiss.type = "button";
    dismiss.dataset.rcAction = "close";
    dismiss.addEventListener("click", actions.close);
    const buttons = element("div", "actions");
    buttons.append(copy, dismiss);
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

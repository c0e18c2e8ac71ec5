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

  /** Show the card for `flag` near `rect`; `actions` has apply(index), dismiss(), mute(), close(). */
  function open(flag, rect, actions, { focus = false } = {}) {
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
    // Keep the editor's focus and selection when the mouse presses a button.
    card.addEventListener("mousedown", (event) => event.preventDefault());
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
    const left = Math.max(4, Math.min(rect.left, window.innerWidth - box.width - 4));
    const below = rect.bottom + 6;
    const top = below + box.height > window.innerHeight ? Math.max(4, rect.top - box.height - 6) : below;
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

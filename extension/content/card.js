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
  function open(flag, rect, actions, { focus = false, failure = null, avoid = [], draft = "", shortcuts = {} } = {}) {
    close();
    card = element("div", "card");
    card.setAttribute("role", "dialog");
    card.setAttribute("aria-label", `Reply Coach: ${flag.message}`);
    card.dataset.rcFlag = flag.id;
    card.dataset.rcRule = flag.rule_id;
    const severity = flag.severity === "warning" ? "warning" : "suggestion";
    // Compact: why it reads cold is folded under a disclosure the agent opens when they want it.
    const why = element("details", "why-box");
    const whyText = element("p", "why", flag.why);
    whyText.id = "rc-card-why";
    why.append(element("summary", "", "Why"), whyText);
    why.addEventListener("toggle", () => placedAt && place(...placedAt));
    card.append(
      element("div", `severity ${severity}`, severity === "warning" ? "Warning" : "Suggestion"),
      element("p", "phrase", `\u201C${flag.text}\u201D`),
      Object.assign(element("p", "message", flag.message), { id: "rc-card-message" }),
      why,
    );
    // A screen reader says the message and why as the card opens (its label is the message too).
    card.setAttribute("aria-describedby", "rc-card-message rc-card-why");
    if (failure) return openFailure(flag, rect, actions, failure, avoid);
    const rewrites = element("div", "rewrites");
    const sentences = []; // what each replacement does, said as a sentence (hidden: read as its description)
    flag.suggestions.forEach((suggestion, index) => {
      // What it changes: "Calm down → I can tell…", or where an inserted sentence goes. Named by those words
      // (a voice-control user says what they see to press it); a screen reader also hears a replacement as
      // a sentence: "Replace “Calm down” with “I can tell…”".
      const change = root.replycoach.changeText.describe(flag, suggestion, draft);
      const apply = button("", "apply", () => actions.apply(index));
      const arrow = suggestion.scope === "insert" ? [] : [element("span", "arrow", " \u2192 ")];
      apply.append(element("span", "from", change.from), ...arrow, element("span", "to", change.to));
      if (arrow.length) {
        const sentence = Object.assign(element("span", "", change.label), { id: `rc-change-${index}`, hidden: true });
        apply.setAttribute("aria-describedby", sentence.id);
        sentences.push(sentence);
      }
      apply.dataset.rcIndex = String(index);
      apply.dataset.rcScope = suggestion.scope;
      rewrites.append(apply);
    });
    const buttons = element("div", "actions");
    buttons.append(
      button("Dismiss", "dismiss", actions.dismiss),
      button("Don't flag this for me", "mute", actions.mute),
    );
    card.append(rewrites, buttons, keysLine(shortcuts), ...sentences);
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

  /** The card's line of keys: the shortcuts as the browser has them, and the card's own keys. */
  function keysLine(shortcuts) {
    const parts = [];
    if (shortcuts["next-flag"]) parts.push(`${shortcuts["next-flag"]} next flag`);
    if (shortcuts["previous-flag"]) parts.push(`${shortcuts["previous-flag"]} previous`);
    parts.push("\u2191\u2193 rewrites", "Enter apply", "Esc close");
    return element("p", "keys", parts.join(" \u00B7 "));
  }

  /** The card's controls a key can reach, in order. */
  function focusables() {
    return [...card.querySelectorAll("button, summary, textarea")].filter((node) => node.getClientRects().length);
  }

  /** The card's keys: arrows between rewrites, Tab kept inside (wrapping), Esc closes, and a letter typed
   * closes the card and goes to the editor (the focus moves back before the browser types it). */
  function onKey(event, actions) {
    const focused = card.getRootNode().activeElement;
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      actions.close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const rewrites = [...card.querySelectorAll(".rewrites button")];
      const at = rewrites.indexOf(focused);
      if (!rewrites.length) return;
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      rewrites[at < 0 ? 0 : (at + step + rewrites.length) % rewrites.length].focus();
    } else if (event.key === "Tab") {
      const all = focusables();
      if (!all.length) return;
      const [first, last] = [all[0], all[all.length - 1]];
      const outside = !all.includes(focused);
      if (event.shiftKey && (focused === first || outside)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (focused === last || outside)) {
        event.preventDefault();
        first.focus();
      }
    } else if (event.altKey && event.shiftKey && (event.code === "KeyJ" || event.code === "KeyK") && actions.step) {
      // The default shortcuts pressed in a card drawn over an editor's iframe (its frame's script has them).
      event.preventDefault();
      actions.step(event.code === "KeyJ" ? 1 : -1);
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey
      && focused?.tagName !== "TEXTAREA") {
      // Typing (a space too: it would press the focused rewrite instead): the card closes and the focus is
      // back in the editor before the browser types the key, so it lands there.
      if (actions.type) actions.type(event);
      else actions.close();
    }
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
    card.addEventListener("keydown", (event) => onKey(event, actions));
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

// Starts the content script: tracks the focused reply editor, analyzes it, and wires markers, card,
// badge and keyboard together. Loaded last (see manifest.json).
"use strict";
(function (root) {
  const rc = root.replycoach;
  if (rc.started) return; // injected twice (built-in and extra sites): the first one runs
  rc.started = true;
  const { editors, overlay, card, badge, messages, apply, caret, editorTiming, editorDiscovery, Session } = rc;
  // The default shortcuts, for when the page gets the keys (the browser takes them when it runs the
  // manifest's commands, and passes them on as a "command" message instead).
  const NEXT_FLAG = (event) => event.altKey && event.shiftKey && event.code === "KeyJ";
  const PREVIOUS_FLAG = (event) => event.altKey && event.shiftKey && event.code === "KeyK";

  const sessions = new WeakMap();
  let settings = null; // the page.hello reply
  let active = null; // the Session of the editor the agent typed in last
  let openFlagId = null;
  let sticky = false; // opened by click or keyboard: stays until Esc, apply or a click elsewhere
  let hoverTimer = null;
  let pointerFlagId = null; // the flag whose underlined text the pointer is over, in the editor
  let openFlagAt = null; // the open card's flag's {rule, start}, to find it again in a new answer
  let caretAtOpen = null; // where the agent's caret was when the card opened (the card may take the focus)
  let frame = 0;
  // The editor growing or shrinking (a resized textarea, a toolbar appearing) moves its text.
  const resizes = new ResizeObserver(() => scheduleRender());

  function scheduleRender() {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      render();
    });
  }

  function render() {
    overlay.drawMarkers(active, openFlagId);
    badge.render(active, {
      onToggle: () => active && badge.toggleList(active, pick),
      onPick: pick,
      onClose: () => active && active.editor.element.focus({ preventScroll: true }),
    });
    if (openFlagId) {
      const flag = openFlag();
      const rect = flag && active.rects(flag.start_utf16, flag.end_utf16)[0];
      const failure = card.current() && "rcFailure" in card.current().dataset;
      if (!rect && !failure) closeCard(); // a failure notice stays until closed: the agent must see it
      else if (rect && card.current()) card.place(card.current(), rect, keepClear(active, flag));
    }
  }

  /** The open card's flag among the active session's, found again by its rule and place when a new answer
   * named it anew (a flag's id changes with its offset). */
  function openFlag() {
    const flags = active ? active.flags() : [];
    let flag = flags.find((item) => item.id === openFlagId);
    if (!flag && openFlagAt) {
      flag = flags.find((item) => item.rule_id === openFlagAt.rule && item.start_utf16 === openFlagAt.start);
      if (flag) {
        openFlagId = flag.id;
        if (card.current()) card.current().dataset.rcFlag = flag.id;
      }
    }
    if (flag) openFlagAt = { rule: flag.rule_id, start: flag.start_utf16 };
    return flag;
  }

  /** The line boxes a card about `flag` must leave visible: its words' and the caret's line. */
  function keepClear(session, flag) {
    const words = session.rects(flag.start_utf16, flag.end_utf16);
    const at = caret.read(session.editor) ?? caretAtOpen;
    if (at === null) return words;
    const line = session.rects(Math.max(0, at - 1), at).slice(-1);
    return [...words, ...(line.length ? line : session.rects(at, at + 1).slice(0, 1))];
  }

  function pick(flag) {
    badge.hideList();
    openCard(flag, { focus: true, stick: true });
  }

  function openCard(flag, { focus = false, stick = false } = {}) {
    const session = active;
    const rect = session.rects(flag.start_utf16, flag.end_utf16)[0];
    if (!rect) return;
    clearTimeout(hoverTimer);
    openFlagId = flag.id;
    openFlagAt = { rule: flag.rule_id, start: flag.start_utf16 };
    sticky = stick;
    caretAtOpen = caret.read(session.editor);
    card.open(flag, rect, {
      apply: (index) => applyRewrite(session, flag, index),
      dismiss: () => {
        session.dismiss(flag);
        closeCard({ refocus: true });
        messages.send("rule.event", { ruleId: flag.rule_id, action: "dismissed" }).catch(() => {});
      },
      mute: async () => {
        closeCard({ refocus: true });
        try {
          await messages.send("rule.mute", { ruleId: flag.rule_id });
          session.mute(flag.rule_id);
        } catch (error) {
          session.error = { code: error.code, message: error.message };
        }
        scheduleRender();
      },
      close: () => closeCard({ refocus: true }),
      type: (event) => typeIntoEditor(session, event),
      step: (by) => stepFlag(by),
      hover: (inside) => (inside ? clearTimeout(hoverTimer) : leaveSoon()),
    }, {
      focus,
      avoid: keepClear(session, flag),
      draft: session.shown ? session.shown.text : "",
      shortcuts: settings.shortcuts || {},
    });
    scheduleRender();
  }

  function closeCard({ refocus = false } = {}) {
    const hadFocus = card.current() && card.current().matches(":focus-within");
    card.close();
    openFlagId = null;
    openFlagAt = null;
    sticky = false;
    if (refocus && hadFocus && active) active.editor.element.focus({ preventScroll: true });
    scheduleRender();
  }

  /** A key typed while the card has the focus: the card closes and the key goes to the editor. In the
   * card's own document the focus moves back before the browser types the key; an editor in an iframe does
   * not get a key pressed in the page, so it is typed there as the browser's own insertion. */
  function typeIntoEditor(session, event) {
    const element = session.editor.element;
    closeCard({ refocus: true });
    if (element.ownerDocument === overlay.shadow().ownerDocument) return;
    event.preventDefault();
    element.ownerDocument.execCommand("insertText", false, event.key);
  }

  function leaveSoon() {
    clearTimeout(hoverTimer);
    if (!sticky) hoverTimer = setTimeout(() => closeCard(), 400);
  }

  async function applyRewrite(session, opened, index) {
    // The flag and rewrite as they are now: the agent may have typed since the card opened, moving them.
    // When the typing changed their words, `expected` is no text at all: apply.replace says it changed.
    const wanted = opened.suggestions[index];
    const now = session.flags().find((item) => item.id === opened.id);
    const moved = now?.suggestions.find((item) => item.text === wanted.text && item.scope === wanted.scope);
    const [flag, suggestion] = moved ? [now, moved] : [opened, wanted];
    const expected = moved ? session.shown.text : null;
    const anchor = session.rects(flag.start_utf16, flag.end_utf16)[0];
    const where = caret.read(session.editor) ?? caretAtOpen;
    closeCard();
    const layer = overlay.shadow();
    delete layer.dataset.rcAppliedWith;
    delete layer.dataset.rcApplyFailed;
    try {
      const { start_utf16: start, end_utf16: end, text } = suggestion;
      const method = await apply.replace(session.editor, expected, start, end, text);
      // The next key the agent types goes where they were, not after the rewrite.
      if (where !== null) await caret.place(session.editor, caret.shifted(where, start, end, text.length));
      layer.dataset.rcAppliedWith = method; // which method the editor took, for support and tests
      messages.send("rule.event", { ruleId: flag.rule_id, action: "applied" }).catch(() => {});
    } catch (error) {
      layer.dataset.rcApplyFailed = error.code || "failed";
      if (error.code === "changed" || error.code === "gone") {
        session.error = { code: "apply_failed", message: error.message };
      } else {
        // Said where the agent is looking, with the rewrite to copy: the editor's text is the draft again
        // (or, for not_restored, the card says what to do).
        showFailure(session, flag, suggestion.text, error.message, anchor);
      }
    }
    session.analyze();
  }

  /** The card for `flag` saying the rewrite could not be applied, with `text` to copy. */
  function showFailure(session, flag, text, message, anchor) {
    const box = session.editor.element.getBoundingClientRect();
    const rect = session.rects(flag.start_utf16, flag.end_utf16)[0]
      || anchor || overlay.toHost([box])[0] || box;
    openFlagId = flag.id;
    sticky = true;
    card.open(flag, rect, {
      close: () => closeCard({ refocus: true }),
      hover: (inside) => (inside ? clearTimeout(hoverTimer) : undefined),
    }, { failure: { message, text }, avoid: keepClear(session, flag) });
    scheduleRender();
  }

  /** The session of the editor `found` (editors.editorAt's answer), made when there is none yet. */
  function sessionOf(found) {
    let session = sessions.get(found.element);
    if (!session) {
      const options = { customerSelector: settings.customerSelector, onChange: scheduleRender, onEdit: noticed };
      session = new Session(found, options);
      sessions.set(found.element, session);
    }
    return session;
  }

  /** The session of the editor holding `target`, or null when it is in none. */
  function sessionFor(target) {
    const found = editors.editorAt(target);
    return found ? sessionOf(found) : null;
  }

  /** An element that may hold an editor, found on the page (there when the script started, or added since):
   * an editor seen for the first time that already holds text the agent can see (a draft the helpdesk
   * restored, a reply box it filled before this script ran) is checked as text arriving later would be.
   * A hidden one (a form's state kept in a hidden textarea) is left alone until it changes. */
  function discovered(element) {
    const found = editors.editorAt(element);
    if (!found || sessions.has(found.element)) return;
    const session = sessionOf(found);
    if (!session.seen.trim() || !visible(found.element)) return;
    session.schedule();
    noticed(session);
  }

  /** Whether `element` is drawn: it has boxes and is not made invisible. */
  function visible(element) {
    if (!element.getClientRects().length) return false;
    return element.ownerDocument.defaultView.getComputedStyle(element).visibility !== "hidden";
  }

  /** Whether the agent is in `session`'s editor (its document's focus is inside it). */
  function agentIn(session) {
    const element = session.editor.element;
    return element.contains(element.ownerDocument.activeElement);
  }

  /** The text of an editor changed. One the agent is not in (a macro, a canned reply a helpdesk put there
   * before they clicked in it) is the one shown, underlines and badge, once it holds text, unless the agent
   * is at work in another editor or in a card. */
  function noticed(session) {
    if (session === active || !session.seen.trim()) return;
    if (active && (card.current() || agentIn(active))) return;
    activate(session);
    scheduleRender();
  }

  function activate(session) {
    if (session === active) return;
    closeCard();
    badge.hideList();
    active = session;
    resizes.disconnect();
    resizes.observe(session.editor.element);
  }

  function onFocusIn(event) {
    if (overlay.owns(event.target)) return;
    const session = sessionFor(event.target);
    if (!session) return;
    activate(session);
    session.analyze();
    scheduleRender();
  }

  function onInput(event) {
    const found = editors.editorAt(event.target);
    if (!found) return;
    const fresh = !sessions.has(found.element);
    const session = sessionOf(found);
    editorTiming.noteEdit(session.editor.element);
    if (agentIn(session)) activate(session);
    // The open card stays while its flag does (render() closes it otherwise).
    if (session.noteChange() || !fresh) return;
    // An editor first seen through an input event (a script filling a textarea made a moment ago) has had
    // its text changed all the same: checked as it is now.
    session.schedule();
    noticed(session);
  }

  /** Open the card of the flag after (step 1) or before (step -1) the open one, wrapping; whether any. */
  function stepFlag(step) {
    const flags = active ? active.flags() : [];
    if (!flags.length) return false;
    const at = flags.findIndex((flag) => flag.id === openFlagId);
    const next = at < 0 ? (step > 0 ? 0 : flags.length - 1) : (at + step + flags.length) % flags.length;
    openCard(flags[next], { focus: true, stick: true });
    return true;
  }

  function onKeyDown(event) {
    const step = NEXT_FLAG(event) ? 1 : PREVIOUS_FLAG(event) ? -1 : 0;
    if (step && active) {
      if (!stepFlag(step)) return;
      event.preventDefault();
      event.stopPropagation();
    } else if (event.key === "Escape" && card.current()) {
      event.preventDefault();
      closeCard({ refocus: true });
    } else if (event.key === "Escape" && badge.listShown()) {
      event.preventDefault();
      badge.hideList(); // from the editor; from inside the list, the list's own keys close it
    }
  }

  /** A shortcut the browser took (the manifest's commands): acted on by the frame the agent is in, or whose
   * card has the focus (drawn in the top document for an editor in an iframe). */
  function onCommandMessage(message) {
    const here = document.hasFocus() || Boolean(card.current()?.matches(":focus-within"));
    if (message?.type !== "command" || !here || !active) return;
    stepFlag(message.command === "previous-flag" ? -1 : 1);
  }

  function onLayerEvent(event) {
    const marker = event.target.closest?.(".marker");
    if (!marker || !active) return;
    const flag = active.flags().find((item) => item.id === marker.dataset.rcFlag);
    if (!flag) return;
    if (event.type === "click") openCard(flag, { stick: true });
    else if (event.type === "mouseover" && !sticky && openFlagId !== flag.id) {
      clearTimeout(hoverTimer);
      hoverTimer = setTimeout(() => openCard(flag), 150);
    } else if (event.type === "mouseout" && !sticky) leaveSoon();
  }

  // Hovering the underlined words themselves (not only the marker below them) opens their card.
  function onMouseMove(event) {
    if (overlay.owns(event.target)) {
      pointerFlagId = null; // the markers and the card handle their own hovering
      return;
    }
    const over = active && active.editor.element.contains(event.target);
    const id = over ? overlay.flagAt(event.clientX, event.clientY) : null;
    if (id === pointerFlagId) return;
    pointerFlagId = id;
    if (sticky) return;
    const flag = id && active.flags().find((item) => item.id === id);
    if (!flag) {
      leaveSoon(); // also drops a card about to open
    } else if (openFlagId === flag.id) {
      clearTimeout(hoverTimer);
    } else {
      clearTimeout(hoverTimer);
      hoverTimer = setTimeout(() => openCard(flag), 150);
    }
  }

  function onPointerDown(event) {
    if (overlay.owns(event.target)) return;
    if (card.current()) closeCard();
    badge.hideList();
  }

  async function start() {
    try {
      settings = await messages.send("page.hello");
    } catch (error) {
      console.warn("Reply Coach:", error.message);
      return;
    }
    if (!settings.active) return;
    document.addEventListener("focusin", onFocusIn, true);
    document.addEventListener("input", onInput, true);
    document.addEventListener("keydown", onKeyDown, true);
    chrome.runtime.onMessage.addListener(onCommandMessage);
    document.addEventListener("mousedown", onPointerDown, true);
    document.addEventListener("mousemove", onMouseMove, { capture: true, passive: true });
    window.addEventListener("scroll", scheduleRender, true);
    window.addEventListener("resize", scheduleRender);
    // An editor in a same-origin iframe is drawn for in the top document (overlay.js): its scrolling moves
    // the markers, and a click there outside the card closes it.
    const drawing = overlay.hostWindow();
    if (drawing !== window) {
      drawing.addEventListener("scroll", scheduleRender, true);
      drawing.addEventListener("resize", scheduleRender);
      drawing.document.addEventListener("mousedown", onPointerDown, true);
    }
    const layer = overlay.shadow();
    for (const type of ["click", "mouseover", "mouseout"]) layer.addEventListener(type, onLayerEvent);
    // The page's editors, watched before the agent uses them: text in one when it is found, or arriving in
    // it later, is checked (discovered(), noticed()).
    editorDiscovery.watch(document, discovered);
    // An editor that already has focus when the script arrives. An editable body (TinyMCE's and CKEditor 4's
    // iframes) is its document's activeElement even when nothing has the focus: taken only when its frame has.
    const focused = document.activeElement;
    if (focused && focused !== document.body) onFocusIn({ target: focused });
    else if (focused === document.body && document.body.isContentEditable && document.hasFocus()) {
      onFocusIn({ target: focused });
    }
  }

  start();
})(globalThis);

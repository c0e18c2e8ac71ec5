// The one <replycoach-ui> element per frame, outside any editor, whose open shadow root holds everything the
// extension draws; and the underline markers, placed from the flagged ranges' client rects. An editor in a
// same-origin iframe (TinyMCE's and CKEditor 4's classic modes) is drawn for in the top document, over the
// iframe: a card drawn inside a short editing iframe would be clipped, its buttons out of reach. Rects the
// adapters measure are in their own frame's viewport; toHost() moves them into the drawing document's.
"use strict";
(function (root) {
  const STYLE = `
    :host { all: initial; }
    .layer { position: fixed; left: 0; top: 0; width: 0; height: 0; z-index: 2147483647;
      font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #202124; }
    .marker { position: fixed; height: 4px; cursor: pointer; box-sizing: border-box; z-index: 1; }
    .marker.warning { border-bottom: 3px solid #d93025; }
    .marker.suggestion { border-bottom: 2px dotted #1a73e8; }
    .marker.active { background: rgba(217, 48, 37, 0.12); }
    .card, .list { position: fixed; max-width: 360px; min-width: 240px; background: #fff; border: 1px solid #dadce0;
      border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.18); padding: 10px 12px; z-index: 2;
      box-sizing: border-box; overflow: auto; }
    .card[hidden], .list[hidden], .badge[hidden] { display: none; }
    .severity { font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
    .severity.warning { color: #b3261e; }
    .severity.suggestion { color: #1558b0; }
    .severity.warning::before { content: "\\25B2  "; }
    .severity.suggestion::before { content: "\\25CF  "; }
    .message { margin: 4px 0; font-weight: 600; }
    .phrase { margin: 4px 0 0; font-style: italic; }
    .keys { margin: 8px 0 0; font-size: 11px; color: #5f6368; }
    .live { position: fixed; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
    .rewrites .from { color: #5f6368; }
    .rewrites .arrow { color: #5f6368; }
    .why-box { margin: 2px 0 8px; color: #5f6368; }
    .why-box summary { cursor: pointer; font-size: 12px; }
    .why { margin: 4px 0 0; }
    button { font: inherit; cursor: pointer; }
    .rewrites { display: flex; flex-direction: column; gap: 4px; }
    .rewrites button { text-align: left; background: #e8f0fe; border: 1px solid #c6dafc; border-radius: 6px;
      padding: 6px 8px; color: #174ea6; }
    .rewrites button:focus, .actions button:focus, .list button:focus { outline: 2px solid #1a73e8; outline-offset: 1px; }
    .actions { display: flex; gap: 8px; margin-top: 8px; }
    .actions button { background: none; border: none; color: #5f6368; padding: 2px 0; text-decoration: underline; }
    .badge { position: fixed; border: 1px solid #dadce0; border-radius: 12px; background: #fff; padding: 1px 8px;
      font-size: 12px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
    .badge[data-rc-status="error"] { border-color: #f9ab00; }
    .list { max-height: 320px; overflow: auto; }
    .list ul { list-style: none; margin: 0; padding: 0; }
    .list li button { display: block; width: 100%; text-align: left; background: none; border: none; padding: 4px 0; }
    .notice { color: #7a4f01; }
    .mirror { pointer-events: none; }
    .failure { margin: 4px 0; color: #7a4f01; font-weight: 600; }
    .copy-text { display: block; width: 100%; box-sizing: border-box; margin: 4px 0; font: inherit;
      border: 1px solid #dadce0; border-radius: 6px; padding: 6px 8px; resize: none; }
  `;

  let host = null;
  let layer = null;
  let drawn = []; // [{flagId, rect}] of the markers last drawn, topmost last, for flagAt()

  let drawingWindow = null; // hostWindow(), found once: a frame's ancestors stay the same for its lifetime

  /** The outermost window, from this frame up, whose document this script can reach (same origin): the
   * extension draws there. A cross-origin parent stops the climb. */
  function hostWindow() {
    if (drawingWindow) return drawingWindow;
    let win = window;
    try {
      while (win.parent !== win && win.frameElement && win.parent.document) win = win.parent;
    } catch {
      // a cross-origin ancestor: draw in the last reachable one
    }
    drawingWindow = win;
    return win;
  }

  /** Where this frame's viewport starts in the drawing window's viewport. */
  function frameOffset() {
    const top = hostWindow();
    if (top === window) return { x: 0, y: 0 };
    let x = 0;
    let y = 0;
    for (let win = window; win !== top; win = win.parent) {
      const frame = win.frameElement;
      const box = frame.getBoundingClientRect();
      const style = win.parent.getComputedStyle(frame);
      x += box.left + frame.clientLeft + parseFloat(style.paddingLeft);
      y += box.top + frame.clientTop + parseFloat(style.paddingTop);
    }
    return { x, y };
  }

  /** `rects` (in this frame's viewport) in the drawing window's viewport; in a child frame, only those that
   * are within the frame's visible area (text scrolled out of a short iframe gets no marker over the page). */
  function toHost(rects) {
    if (hostWindow() === window) return rects;
    const { x, y } = frameOffset();
    const [width, height] = [window.innerWidth, window.innerHeight];
    return rects
      .filter((rect) => rect.bottom > 0 && rect.top < height && rect.right > 0 && rect.left < width)
      .map((rect) => ({
        left: rect.left + x, right: rect.right + x, top: rect.top + y, bottom: rect.bottom + y,
        width: rect.width, height: rect.height,
      }));
  }

  /** The shadow root's drawing layer, created on first use. */
  function shadow() {
    if (!host || !host.isConnected) {
      const doc = hostWindow().document;
      host = doc.createElement("replycoach-ui");
      const shadowRoot = host.attachShadow({ mode: "open" });
      const style = document.createElement("style");
      style.textContent = STYLE;
      layer = document.createElement("div");
      layer.className = "layer";
      // Clicking an underline opens its card but must leave the focus (and the caret) in the editor.
      layer.addEventListener("mousedown", (event) => {
        if (event.target.closest?.(".marker")) event.preventDefault();
      });
      shadowRoot.append(style, layer);
      doc.documentElement.appendChild(host);
      // This frame's UI goes with it, even when drawn in the top document.
      if (doc !== document) window.addEventListener("pagehide", () => host && host.remove(), { once: true });
    }
    return layer;
  }

  /** Whether `node` belongs to the extension's own UI. */
  function owns(node) {
    return Boolean(host) && (node === host || host.shadowRoot.contains(node));
  }

  /** Draw the markers of `session`'s flags (or none), reusing elements. */
  function drawMarkers(session, activeFlagId) {
    const container = shadow();
    for (const old of container.querySelectorAll(".marker")) old.remove();
    drawn = [];
    if (!session) return;
    // Wider spans first and warnings last, so the narrower and the more serious lie on top.
    const order = (flag) => [flag.severity === "warning" ? 1 : 0, -(flag.end_utf16 - flag.start_utf16)];
    const flags = [...session.flags()].sort((a, b) => {
      const [x, y] = [order(a), order(b)];
      return x[0] - y[0] || x[1] - y[1];
    });
    const colours = root.replycoach.underlineColour.colours(session.editor.element);
    for (const flag of flags) {
      for (const rect of session.rects(flag.start_utf16, flag.end_utf16)) {
        const marker = document.createElement("div");
        marker.className = `marker ${flag.severity === "warning" ? "warning" : "suggestion"}`;
        if (flag.id === activeFlagId) marker.classList.add("active");
        marker.dataset.rcRule = flag.rule_id;
        marker.dataset.rcFlag = flag.id;
        marker.dataset.rcSeverity = flag.severity;
        marker.setAttribute("title", `${flag.severity === "warning" ? "Warning" : "Suggestion"}: ${flag.message}`);
        Object.assign(marker.style, {
          left: `${rect.left}px`,
          top: `${rect.bottom - 3}px`,
          width: `${rect.width}px`,
          borderBottomColor: colours[flag.severity === "warning" ? "warning" : "suggestion"],
        });
        container.appendChild(marker);
        drawn.push({ flagId: flag.id, rect });
      }
    }
  }

  /** The id of the flag whose text is drawn at point (x, y) of this frame's viewport (the topmost), or null. */
  function flagAt(localX, localY) {
    const { x: dx, y: dy } = frameOffset();
    const [x, y] = [localX + dx, localY + dy];
    for (let index = drawn.length - 1; index >= 0; index--) {
      const { flagId, rect } = drawn[index];
      if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return flagId;
    }
    return null;
  }

  root.replycoach.overlay = { shadow, owns, drawMarkers, flagAt, hostWindow, frameOffset, toHost };
})(globalThis);

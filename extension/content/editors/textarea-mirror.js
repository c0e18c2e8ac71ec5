// Client rects of a span of a <textarea>'s text, measured in a hidden copy laid out like the textarea.
"use strict";
(function (root) {
  const COPIED = [
    "boxSizing", "width", "height", "paddingTop", "paddingRight", "paddingBottom", "paddingLeft",
    "borderTopWidth", "borderRightWidth", "borderBottomWidth", "borderLeftWidth", "borderStyle",
    "fontFamily", "fontSize", "fontWeight", "fontStyle", "fontVariant", "letterSpacing", "wordSpacing",
    "lineHeight", "textTransform", "textIndent", "tabSize", "direction",
  ];

  /** Rects, in viewport coordinates, of textarea.value [start, end) as drawn, clipped to the textarea. */
  function rects(container, textarea, start, end) {
    const doc = container.ownerDocument;
    let mirror = container.querySelector(".mirror");
    if (!mirror) {
      mirror = doc.createElement("div");
      mirror.className = "mirror";
      container.appendChild(mirror);
    }
    const style = textarea.ownerDocument.defaultView.getComputedStyle(textarea);
    for (const property of COPIED) mirror.style[property] = style[property];
    const box = textarea.getBoundingClientRect();
    Object.assign(mirror.style, {
      position: "fixed", left: `${box.left}px`, top: `${box.top}px`, visibility: "hidden",
      whiteSpace: "pre-wrap", overflowWrap: "break-word", overflow: "hidden", borderColor: "transparent",
    });
    // The textarea's scrollbar takes width from its content box.
    mirror.style.width = `${textarea.clientWidth + parseFloat(style.borderLeftWidth) + parseFloat(style.borderRightWidth)}px`;
    mirror.style.boxSizing = "border-box";
    mirror.textContent = textarea.value + "\u200b";
    const range = doc.createRange();
    range.setStart(mirror.firstChild, start);
    range.setEnd(mirror.firstChild, end);
    const dx = -textarea.scrollLeft;
    const dy = -textarea.scrollTop;
    const out = [];
    for (const rect of range.getClientRects()) {
      const moved = { left: rect.left + dx, top: rect.top + dy, width: rect.width, height: rect.height };
      moved.right = moved.left + moved.width;
      moved.bottom = moved.top + moved.height;
      if (moved.bottom > box.top && moved.top < box.bottom && moved.width > 0) out.push(moved);
    }
    return out;
  }

  root.replycoach.textareaMirror = { rects };
})(globalThis);

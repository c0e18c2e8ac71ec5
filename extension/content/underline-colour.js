// The underlines' colours, picked from the editor's background so that they keep at least 3:1 contrast with
// it (WCAG's minimum for graphics): the usual red and blue on a light editor, lighter ones on a dark editor.
"use strict";
(function (root) {
  const PALETTES = {
    warning: ["#d93025", "#f28b82", "#fad2cf", "#a50e0e"],
    suggestion: ["#1a73e8", "#8ab4f8", "#d2e3fc", "#0b57d0"],
  };
  const MINIMUM = 3;

  /** [r, g, b, alpha] of a CSS rgb()/rgba() colour, or null. */
  function parse(colour) {
    const found = /rgba?\(([^)]+)\)/.exec(colour || "");
    if (!found) return null;
    const parts = found[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  }

  function hex(colour) {
    const value = parseInt(colour.slice(1), 16);
    return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
  }

  function luminance([r, g, b]) {
    const linear = (channel) => {
      const c = channel / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  }

  /** The contrast ratio of two [r, g, b] colours (1 to 21). */
  function contrast(a, b) {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  }

  /** The background the editor's text is drawn on: the first opaque-enough one from `element` up (white when
   * none is set). */
  function background(element) {
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const colour = parse(node.ownerDocument.defaultView.getComputedStyle(node).backgroundColor);
      if (colour && colour[3] >= 0.5) return colour.slice(0, 3);
    }
    return [255, 255, 255];
  }

  /** The first colour of `palette` with at least 3:1 contrast on `behind`, else the one with the most. */
  function pick(palette, behind) {
    const enough = palette.find((colour) => contrast(hex(colour), behind) >= MINIMUM);
    if (enough) return enough;
    return palette.reduce((best, colour) => (contrast(hex(colour), behind) > contrast(hex(best), behind) ? colour : best));
  }

  /** {warning, suggestion}: the underline colours for the editor `element`. */
  function colours(element) {
    const behind = background(element);
    return { warning: pick(PALETTES.warning, behind), suggestion: pick(PALETTES.suggestion, behind) };
  }

  const api = { colours, contrast, pick, PALETTES };
  root.replycoach = root.replycoach || {};
  root.replycoach.underlineColour = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(globalThis);

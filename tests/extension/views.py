"""What the agent sees, read the same way in Chromium (Playwright) and Firefox (Marionette): the badge's
text, the boxes of the underlines, and the box of a phrase in the editor, all in the top document's
viewport (the extension draws for an editor in a same-origin iframe over the frame)."""

from __future__ import annotations

from typing import Any

# Pastes and macros put in a one-line draft: how each editor splits pasted lines into blocks is its own
# business, and not what these tests check. The flagged phrase is mid-draft, so its underline has a place.
ARRIVING = "Thanks for waiting. Calm down, the parcel is on its way."
PHRASE = "Calm down"

# The extension's shadow roots: one <replycoach-ui> per frame whose script drew, all in the top document.
_SHADOW = """const all = (selector) => [...document.querySelectorAll('replycoach-ui')]
  .flatMap((host) => (host.shadowRoot ? [...host.shadowRoot.querySelectorAll(selector)] : []));"""

# The badge's text ('' when there is none).
BADGE_TEXT = (
    _SHADOW + "const badge = all('[data-rc-badge]').find((node) => !node.hidden);"
    "return badge ? badge.textContent : '';"
)

# [left, top, width, height] of each underline of rule arguments[0], in the top viewport.
MARKER_BOXES = (
    _SHADOW + "return all(`.marker[data-rc-rule='${arguments[0]}']`)"
    ".map((node) => { const r = node.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; });"
)

# [left, top, width, height] of each line box of the first occurrence of phrase arguments[2] in the editable
# arguments[1] (inside the iframe arguments[0], when not null), in the top viewport; null when not found.
PHRASE_BOXES = """
const [frameSelector, editable, phrase] = arguments;
let doc = document;
let dx = 0;
let dy = 0;
if (frameSelector) {
  const frame = document.querySelector(frameSelector);
  const box = frame.getBoundingClientRect();
  const style = getComputedStyle(frame);
  dx = box.left + frame.clientLeft + parseFloat(style.paddingLeft);
  dy = box.top + frame.clientTop + parseFloat(style.paddingTop);
  doc = frame.contentDocument;
}
const root = doc.querySelector(editable);
if (root.tagName === 'TEXTAREA') {
  // No DOM range in a textarea: the phrase's line measured with its own font, the text box centred in
  // the line height (the drafts here have no line long enough to wrap).
  const at = root.value.indexOf(phrase);
  if (at < 0) return null;
  const lines = root.value.slice(0, at).split('\\n');
  const style = getComputedStyle(root);
  const context = document.createElement('canvas').getContext('2d');
  context.font = style.font;
  const metrics = context.measureText(lines[lines.length - 1]);
  const content = metrics.fontBoundingBoxAscent + metrics.fontBoundingBoxDescent;
  const lineHeight = parseFloat(style.lineHeight);
  const box = root.getBoundingClientRect();
  const left = box.left + root.clientLeft + parseFloat(style.paddingLeft) + metrics.width - root.scrollLeft;
  const top = box.top + root.clientTop + parseFloat(style.paddingTop) - root.scrollTop
    + (lines.length - 1) * lineHeight + (lineHeight - content) / 2;
  return [[left + dx, top + dy, context.measureText(phrase).width, content]];
}
const nodes = [];
let text = '';
const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  nodes.push([node, text.length]);
  text += node.data;
}
const at = text.indexOf(phrase);
if (at < 0) return null;
const point = (offset, end) => {
  for (const [node, start] of nodes) {
    const length = node.data.length;
    if (offset < start + length || (end && offset === start + length)) return [node, offset - start];
  }
  return null;
};
const range = doc.createRange();
range.setStart(...point(at, false));
range.setEnd(...point(at + phrase.length, true));
return [...range.getClientRects()].filter((r) => r.width > 0)
  .map((r) => [r.left + dx, r.top + dy, r.width, r.height]);
"""


def as_function(script: str) -> str:
    """`script` (a function body using `arguments`, as Marionette runs it) as a Playwright function."""
    return f"(args) => (function () {{ {script} }}).apply(null, args)"


def underline_fits(markers: list[list[float]], phrase: list[list[float]]) -> str | None:
    """None when the underlines lie exactly under the phrase's line boxes (one per line, the same left
    edge and width to a pixel, at the bottom of the line box); otherwise what is wrong."""
    if len(markers) != len(phrase):
        return f"{len(markers)} underline(s) for {len(phrase)} line box(es) of the phrase"
    for (m_left, m_top, m_width, m_height), (p_left, p_top, p_width, p_height) in zip(
        sorted(markers, key=lambda box: box[1]), sorted(phrase, key=lambda box: box[1]), strict=True
    ):
        m_bottom, p_bottom = m_top + m_height, p_top + p_height
        if abs(m_left - p_left) > 1 or abs(m_width - p_width) > 1 or abs(m_bottom - (p_bottom + 1)) > 1.5:
            underline, line = [m_left, m_top, m_width, m_height], [p_left, p_top, p_width, p_height]
            return f"underline at {underline}, phrase at {line}"
    return None


def badge_for(analysis: dict[str, Any]) -> str:
    """The badge's text once `analysis` (the service's answer for the editor's text) is shown: what it
    counts, warnings and suggestions apart, and the score."""
    warnings = sum(flag["severity"] == "warning" for flag in analysis["flags"])
    suggestions = len(analysis["flags"]) - warnings
    parts = [f"{warnings} warning{'' if warnings == 1 else 's'}" if warnings else "No warnings"]
    if suggestions:
        parts.append(f"{suggestions} suggestion{'' if suggestions == 1 else 's'}")
    return " · ".join([*parts, f"score {analysis['score']}"])


# Marionette's asynchronous script: wait, checking every frame, until the badge says arguments[0] (for at
# most arguments[1] ms); answers what the badge said last.
WAIT_FOR_BADGE = (
    _SHADOW
    + """
const [wanted, limit, done] = arguments;
const start = performance.now();
const check = () => {
  const badge = all('[data-rc-badge]').find((node) => !node.hidden);
  const text = badge ? badge.textContent : '';
  if (text === wanted || performance.now() - start > limit) done(text);
  else requestAnimationFrame(check);
};
check();
"""
)

# Start recording, each time the extension redraws its underlines, whether each underline lies exactly
# under its phrase at that moment: arguments[0] maps rule ids to their flagged phrases; arguments[1] and
# [2] are the editor's frame (or null) and editable. Each redraw is noted in <html data-rc-samples> as
# [number of underlines, what was wrong or null] (a MutationObserver on the extension's layer: its
# callback runs right after the redraw, before any key can change the text again).
START_SAMPLING = f"""
{_SHADOW}
const [phrases, frameSelector, editable] = arguments;
const phraseBoxes = function () {{ {PHRASE_BOXES} }};
const samples = [];
const fits = (markers, phrase) => {{
  if (!phrase || markers.length !== phrase.length) return false;
  const byTop = (a, b) => a[1] - b[1];
  markers.sort(byTop);
  phrase.sort(byTop);
  return markers.every((m, i) => {{
    const p = phrase[i];
    return Math.abs(m[0] - p[0]) <= 1 && Math.abs(m[2] - p[2]) <= 1
      && Math.abs(m[1] + m[3] - (p[1] + p[3] + 1)) <= 1.5;
  }});
}};
const sample = (records) => {{
  const drawn = records.some((record) => [...record.addedNodes, ...record.removedNodes]
    .some((node) => node.classList && node.classList.contains('marker')));
  if (!drawn) return;
  let count = 0;
  let wrong = null;
  for (const [rule, phrase] of Object.entries(phrases)) {{
    const markers = all(`.marker[data-rc-rule='${{rule}}']`).map((node) => {{
      const r = node.getBoundingClientRect();
      return [r.left, r.top, r.width, r.height];
    }});
    count += markers.length;
    const boxes = phraseBoxes(frameSelector, editable, phrase);
    if (!wrong && !fits(markers, boxes)) {{
      wrong = `${{rule}}: underlines ${{JSON.stringify(markers)}}, phrase ${{JSON.stringify(boxes)}}`;
    }}
  }}
  samples.push([count, wrong]);
  document.documentElement.dataset.rcSamples = JSON.stringify(samples);
}};
document.documentElement.dataset.rcSamples = '[]';
for (const host of document.querySelectorAll('replycoach-ui')) {{
  const layer = host.shadowRoot && host.shadowRoot.querySelector('.layer');
  if (layer) new MutationObserver(sample).observe(layer, {{ childList: true }});
}}
"""

SAMPLES = "return JSON.parse(document.documentElement.dataset.rcSamples || '[]');"

# The open card's box [left, top, width, height], its "Why" open or not, and whether every underline it
# covers is drawn under it (the topmost element at the middle of each overlap is part of the card).
CARD_STATE = (
    _SHADOW
    + """
const card = all('.card')[0];
if (!card) return null;
const r = card.getBoundingClientRect();
const root = card.getRootNode();
const covered = all('.marker').every((marker) => {
  const m = marker.getBoundingClientRect();
  const [left, right] = [Math.max(m.left, r.left), Math.min(m.right, r.right)];
  const [top, bottom] = [Math.max(m.top, r.top), Math.min(m.bottom, r.bottom)];
  if (left >= right || top >= bottom) return true;
  const hit = root.elementFromPoint((left + right) / 2, (top + bottom) / 2);
  return Boolean(hit) && card.contains(hit);
});
const why = card.querySelector('details');
return { box: [r.left, r.top, r.width, r.height], whyOpen: why ? why.open : true, covered,
  view: [innerWidth, innerHeight] };
"""
)

# A line's box reaches past its text's box by the leading: at most 4 px each side at these pages' line
# heights (15 px text, line height up to 1.5).
LEADING = 4


def overlaps(box: list[float], line: list[float]) -> bool:
    """Whether `box` meets the line box around text box `line` (both [left, top, width, height])."""
    left, top, width, height = box
    l_left, l_top, l_width, l_height = line
    return (
        left < l_left + l_width
        and l_left < left + width
        and top < l_top + l_height + LEADING
        and l_top - LEADING < top + height
    )

// Unit tests of the offset mapping (node --test; DOM from jsdom, installed with the test pages' packages).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { JSDOM } = require(path.join(__dirname, "../pages/node_modules/jsdom"));
const textMap = require("../../../extension/content/text-map.js");

function editor(html) {
  const dom = new JSDOM(`<!doctype html><div id="e" contenteditable="true">${html}</div>`);
  return dom.window.document.getElementById("e");
}

function spanText(map, start, end) {
  const range = textMap.toRange(map, start, end);
  return range ? range.toString() : null;
}

test("paragraphs are separated by one newline, however the blocks nest", () => {
  const map = textMap.build(editor("<p>Hi Sam,</p><p>Calm <b>down</b>.</p>"));
  assert.equal(map.text, "Hi Sam,\nCalm down.");
  const draft = editor('<div data-contents="true"><div data-block="true"><div><span><span data-text="true">One</span></span></div></div><div data-block="true"><div><span><span data-text="true">Two</span></span></div></div></div>');
  assert.equal(textMap.build(draft).text, "One\nTwo");
});

test("a <br> is a line break except as its block's last child", () => {
  assert.equal(textMap.build(editor("<div>a<br>b<br></div><div>c</div>")).text, "a\nb\nc");
  assert.equal(textMap.build(editor("<p>a</p><p><br></p><p>b</p>")).text, "a\n\nb");
  assert.equal(textMap.build(editor("<p><br></p>")).text, "");
});

test("an offset span maps back to the DOM across formatting", () => {
  const root = editor("<p>Hi Sam,</p><p>Please <i>calm</i> <b>do</b>wn now.</p>");
  const map = textMap.build(root);
  const start = map.text.indexOf("calm down");
  assert.equal(spanText(map, start, start + "calm down".length), "calm down");
  const points = textMap.rangePoints(map, start, start + 9);
  assert.equal(points.startNode.parentNode.tagName, "I");
  assert.equal(points.endNode.data, "wn now.");
  assert.equal(points.endOffset, 2);
});

test("a span across a paragraph break covers both paragraphs' text", () => {
  const map = textMap.build(editor("<p>one two</p><p>three</p>"));
  assert.equal(spanText(map, 4, 13), "twothree"); // Range.toString has no separator between blocks
  assert.equal(map.text.slice(4, 13), "two\nthree");
});

test("zero-width fillers are skipped and non-breaking spaces read as spaces", () => {
  const map = textMap.build(editor("Calm\u00a0down\u200b\ufeff now\u2060"));
  assert.equal(map.text, "Calm down now");
  assert.equal(spanText(map, 5, 9), "down");
  assert.equal(spanText(map, 10, 13), "now");
});

test("contenteditable=false islands, scripts and styles are not text", () => {
  const map = textMap.build(editor('Hi <span contenteditable="false">@Sam</span>there<style>p{}</style><script>x</script>'));
  assert.equal(map.text, "Hi there");
});

test("offsets count UTF-16 code units, as the API's *_utf16 fields do", () => {
  const map = textMap.build(editor("<p>\u{1F600} Calm down</p>"));
  assert.equal(map.text.indexOf("Calm"), 3);
  assert.equal(spanText(map, 3, 12), "Calm down");
  assert.equal(spanText(map, 0, 2), "\u{1F600}");
});

test("source whitespace collapses as the browser draws it, unless white-space preserves it", () => {
  const map = textMap.build(editor("\n  <p>Calm\n   down</p>\n  <p> now</p>\n"));
  assert.equal(map.text, "Calm down\nnow");
  assert.equal(spanText(map, 0, 9), "Calm\n   down");
  const pre = editor('<p style="white-space: pre-wrap">a  b</p>');
  assert.equal(textMap.build(pre).text, "a  b");
});

test("spans with no DOM character, or outside the text, have no range", () => {
  const map = textMap.build(editor("<p>a</p><p>b</p>"));
  assert.equal(textMap.toRange(map, 1, 2), null);
  assert.equal(textMap.toRange(map, 2, 9), null);
  assert.equal(textMap.toRange(map, 2, 2), null);
});

test("covers: a selection covers a span only when it holds exactly its characters", () => {
  const root = editor("<p>Hi Sam,</p><p>Calm <b>down</b>, the parcel.</p>");
  const map = textMap.build(root);
  const start = map.text.indexOf("Calm down");
  const end = start + "Calm down".length;
  // The range toRange gives, and the same span drawn with element boundary points.
  assert.equal(textMap.covers(map, textMap.toRange(map, start, end), start, end), true);
  const bold = root.querySelector("b");
  const byElements = root.ownerDocument.createRange();
  byElements.setStart(root.querySelectorAll("p")[1], 0);
  byElements.setEnd(bold, 1);
  assert.equal(textMap.covers(map, byElements, start, end), true);
  // One character short, one too many, a caret at the span's start: not the flagged words.
  assert.equal(textMap.covers(map, textMap.toRange(map, start, end - 1), start, end), false);
  assert.equal(textMap.covers(map, textMap.toRange(map, start, end + 1), start, end), false);
  const caret = textMap.toRange(map, start, end);
  caret.collapse(true);
  assert.equal(textMap.covers(map, caret, start, end), false);
  // A caret where an empty span would be is no cover either.
  assert.equal(textMap.covers(map, caret, start, start), false);
});

test("a caret's offset and back: the line break goes with the line the caret is in", () => {
  const root = editor("<p>Hi Sam,</p><p>Calm <b>down</b>.</p>");
  const map = textMap.build(root);
  const [first, second] = root.querySelectorAll("p");
  const line1 = first.firstChild;
  const calm = second.firstChild;
  assert.equal(textMap.offsetAt(map, root, line1, 7), 7); // end of "Hi Sam,": before the "\n"
  assert.equal(textMap.offsetAt(map, root, calm, 0), 8); // start of the second line: after it
  assert.equal(textMap.offsetAt(map, root, second, 0), 8);
  assert.equal(textMap.offsetAt(map, root, second, second.childNodes.length), map.text.length);
  assert.equal(textMap.offsetAt(map, root, second.querySelector("b").firstChild, 2), 15); // "Calm do|wn"
  assert.deepEqual(textMap.pointAt(map, 7), { node: line1, offset: 7 });
  assert.deepEqual(textMap.pointAt(map, 8), { node: calm, offset: 0 });
  assert.deepEqual(textMap.pointAt(map, 0), { node: line1, offset: 0 });
  assert.deepEqual(textMap.pointAt(map, map.text.length), { node: second.lastChild, offset: 1 });
});

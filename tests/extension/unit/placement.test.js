// Unit tests of where the card goes (node --test): never over its words' line nor the caret's line.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { place } = require("../../../extension/content/placement.js");

const line = (top, left = 100, width = 80) => ({ left, right: left + width, top, bottom: top + 17, width, height: 17 });
const VIEW = { width: 1000, height: 540 };
const clear = (spot, height, lines) => lines.every((rect) => {
  const bottom = spot.top + (spot.maxHeight ?? height);
  return bottom <= rect.top - 4 || spot.top >= rect.bottom + 4;
});

test("below the words when it fits there", () => {
  const words = line(100);
  const spot = place({ width: 360, height: 200 }, words, [words], VIEW);
  assert.deepEqual(spot, { left: 100, top: 127, maxHeight: null });
});

test("above the words when below is too short", () => {
  const words = line(400);
  const spot = place({ width: 360, height: 200 }, words, [words], VIEW);
  assert.equal(spot.maxHeight, null);
  assert.equal(spot.top + 200, 400 - 10);
});

test("past the caret's line when the stretch between is too short, never over it", () => {
  const words = line(100);
  const caretLine = line(160);
  const spot = place({ width: 360, height: 200 }, words, [words, caretLine], VIEW);
  assert.ok(clear(spot, 200, [words, caretLine]));
  assert.equal(spot.top, 187);
});

test("shrunk into the tallest free stretch when it fits nowhere", () => {
  const words = line(250);
  const caretLine = line(300);
  const spot = place({ width: 360, height: 408 }, words, [words, caretLine], VIEW);
  assert.ok(spot.maxHeight > 0 && spot.maxHeight < 408);
  assert.ok(clear(spot, 408, [words, caretLine]));
  assert.equal(spot.top, 4);
  assert.equal(spot.maxHeight, 250 - 10 - 4);
});

test("kept inside the window's width", () => {
  const words = line(100, 900);
  assert.equal(place({ width: 360, height: 100 }, words, [words], VIEW).left, 1000 - 360 - 4);
});

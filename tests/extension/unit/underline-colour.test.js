// Unit tests of the underline colours picked from the editor's background (node --test).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { contrast, pick, PALETTES } = require("../../../extension/content/underline-colour.js");

test("the usual colours on white, lighter ones on a dark surface, each at least 3:1", () => {
  assert.equal(pick(PALETTES.warning, [255, 255, 255]), "#d93025");
  assert.equal(pick(PALETTES.suggestion, [255, 255, 255]), "#1a73e8");
  for (const behind of [[60, 64, 67], [32, 33, 36], [0, 0, 0], [30, 40, 90]]) {
    for (const palette of Object.values(PALETTES)) {
      const colour = pick(palette, behind);
      const rgb = [1, 3, 5].map((at) => parseInt(colour.slice(at, at + 2), 16));
      assert.ok(contrast(rgb, behind) >= 3, `${colour} on ${behind}`);
    }
  }
  assert.notEqual(pick(PALETTES.warning, [60, 64, 67]), "#d93025");
});

test("contrast is symmetric and 21 for black on white", () => {
  assert.equal(Math.round(contrast([0, 0, 0], [255, 255, 255])), 21);
  assert.equal(contrast([10, 20, 30], [200, 100, 50]), contrast([200, 100, 50], [10, 20, 30]));
});

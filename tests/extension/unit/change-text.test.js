// Unit tests of what the card says a rewrite changes (node --test).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { describe, short } = require("../../../extension/content/change-text.js");

const DRAFT = "Your parcel is on its way. Calm down.";
const CALM = { text: "Calm down", start_utf16: 27, end_utf16: 36 };

test("a replacement names the words it replaces", () => {
  const change = describe(CALM, { text: "I hear you", start_utf16: 27, end_utf16: 36, scope: "phrase" }, DRAFT);
  assert.deepEqual(change, { from: "Calm down", to: "I hear you", label: "Replace \u201CCalm down\u201D with \u201CI hear you\u201D" });
});

test("an inserted sentence says where it goes: before the flagged words, or after them", () => {
  const opening = { text: "Your parcel is on its way", start_utf16: 0, end_utf16: 25 };
  const before = describe(opening, { text: "I'm sorry. ", start_utf16: 0, end_utf16: 0, scope: "insert" }, DRAFT);
  assert.equal(before.from + before.to, "Insert before \u201CYour parcel is on its way\u201D: I'm sorry.");
  const after = describe(CALM, { text: " I'll update you today.", start_utf16: 37, end_utf16: 37, scope: "insert" }, DRAFT);
  assert.equal(after.from + after.to, "Add after \u201CCalm down\u201D: I'll update you today.");
});

test("long replaced text keeps its start and end", () => {
  const text = "a".repeat(30) + " middle " + "b".repeat(30);
  const cut = short(text);
  assert.ok(cut.length <= 48 && cut.startsWith("aaa") && cut.endsWith("bbb") && cut.includes("\u2026"));
  assert.equal(short("Calm down"), "Calm down");
});

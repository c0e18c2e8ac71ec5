// Unit tests of moving flags through an edit while the agent types (node --test).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { edit, shift } = require("../../../extension/content/flag-shift.js");

const DRAFT = "Sorry for the wait. Calm down, you will have to wait 24 hours.";
const CALM = {
  id: "dismissive.calm-down@20", rule_id: "dismissive.calm-down", text: "Calm down", start_utf16: 20, end_utf16: 29,
  suggestions: [
    { text: "I can tell how stressful this is", start_utf16: 20, end_utf16: 61, scope: "sentence" },
    { text: "I understand why this is upsetting", start_utf16: 20, end_utf16: 29, scope: "phrase" },
  ],
};

const spans = (flags) => flags.map((flag) => [flag.start_utf16, flag.end_utf16,
  flag.suggestions.map((item) => [item.start_utf16, item.end_utf16])]);

test("the edit is the part between the common start and end", () => {
  assert.deepEqual(edit("abcdef", "abXYef"), { start: 2, oldEnd: 4, newEnd: 4 });
  assert.deepEqual(edit("abc", "abcd"), { start: 3, oldEnd: 3, newEnd: 4 });
  assert.deepEqual(edit("abcd", "abd"), { start: 2, oldEnd: 3, newEnd: 2 });
});

test("typing before a flag moves it and its rewrites by what was typed", () => {
  const after = DRAFT.slice(0, 5) + " again" + DRAFT.slice(5);
  const [moved] = shift([CALM], DRAFT, after);
  assert.deepEqual(spans([moved]), [[26, 35, [[26, 67], [26, 35]]]]);
  assert.equal(after.slice(moved.start_utf16, moved.end_utf16), "Calm down");
  assert.equal(moved.id, CALM.id);
});

test("typing after a flag leaves it; deleting before it moves it back", () => {
  assert.deepEqual(spans(shift([CALM], DRAFT, `${DRAFT} Thanks!`)), spans([CALM]));
  const shorter = DRAFT.replace("Sorry for", "Sorry");
  assert.deepEqual(spans(shift([CALM], DRAFT, shorter)), [[16, 25, [[16, 57], [16, 25]]]]);
});

test("a flag whose words the edit touched is dropped", () => {
  assert.deepEqual(shift([CALM], DRAFT, DRAFT.replace("Calm down", "Calm dawn")), []);
  assert.deepEqual(shift([CALM], DRAFT, DRAFT.replace("Calm down,", "Calm downs,")), []); // glued on
  assert.deepEqual(shift([CALM], DRAFT, DRAFT.replace(". Calm", ". XCalm")), []); // glued before
});

test("a space or punctuation typed next to a flag keeps it", () => {
  const spaced = DRAFT.replace("Calm down,", "Calm down ,");
  assert.deepEqual(spans(shift([CALM], DRAFT, spaced)).map((flag) => flag.slice(0, 2)), [[20, 29]]);
});

test("a rewrite whose span the edit touched is dropped from its flag", () => {
  const typed = DRAFT.replace("you will", "you really will");
  const [moved] = shift([CALM], DRAFT, typed);
  assert.deepEqual(spans([moved]), [[20, 29, [[20, 29]]]]); // the sentence rewrite would replace "really"
});

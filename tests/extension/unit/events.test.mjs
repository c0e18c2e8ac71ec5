// Unit tests of the background worker's batching of the agent's actions for the insights (node --test): what
// is sent, when, and what happens when the service refuses or does not answer.
import test, { mock } from "node:test";
import assert from "node:assert/strict";

const stored = { serverUrl: "http://coach.test", apiKey: "rc_key" };
globalThis.chrome = {
  storage: {
    sync: {
      get: async () => ({ ...stored }),
      set: async () => {},
      remove: async () => {},
    },
  },
};

const answers = [];
const calls = [];
globalThis.fetch = async (url, init) => {
  calls.push({ url, init, body: JSON.parse(init.body) });
  const answer = answers.shift();
  if (answer instanceof Error) throw answer;
  return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "Content-Type": "application/json" } });
};

mock.timers.enable({ apis: ["setTimeout"] });
const { recordEvent } = await import("../../../extension/background/events.js");

async function settle() {
  for (let i = 0; i < 30; i++) await new Promise((resolve) => setImmediate(resolve));
}

function reset() {
  calls.length = 0;
  answers.length = 0;
}

test("actions are sent in one batch, two seconds after the first, with the key; grammar flags never", async () => {
  reset();
  answers.push({ status: 202, body: { accepted: 2, counted: true } });
  assert.equal(recordEvent("lt.MORFOLOGIK_RULE_EN_US", "applied"), false);
  assert.equal(recordEvent("dismissive.calm-down", "liked"), false);
  assert.equal(recordEvent("", "applied"), false);
  assert.equal(recordEvent("dismissive.calm-down", "applied"), true);
  mock.timers.tick(1000);
  assert.equal(recordEvent("blame.you-have-to-wait", "dismissed"), true);
  await settle();
  assert.equal(calls.length, 0);
  mock.timers.tick(1000);
  await settle();
  assert.equal(calls.length, 1);
  assert.equal(calls[0].url, "http://coach.test/v1/events");
  assert.equal(calls[0].init.method, "POST");
  assert.equal(calls[0].init.headers.Authorization, "Bearer rc_key");
  assert.deepEqual(calls[0].body, {
    events: [
      { rule_id: "dismissive.calm-down", action: "applied" },
      { rule_id: "blame.you-have-to-wait", action: "dismissed" },
    ],
  });
});

test("a rule the service no longer has is left out and the others are sent again at once", async () => {
  reset();
  const refused = { "events[0].rule_id": ["No rule 'dismissive.gone' in the phrase bank in service."] };
  answers.push({ status: 422, body: { error: { code: "invalid_request", message: "…", details: refused } } });
  answers.push({ status: 202, body: { accepted: 1, counted: true } });
  recordEvent("dismissive.gone", "muted");
  recordEvent("dismissive.calm-down", "dismissed");
  mock.timers.tick(2000);
  await settle();
  assert.equal(calls.length, 2);
  assert.deepEqual(calls[1].body, { events: [{ rule_id: "dismissive.calm-down", action: "dismissed" }] });
});

test("a service that does not answer gets one more try five seconds later, then the batch is dropped", async () => {
  reset();
  answers.push(new TypeError("fetch failed"), new TypeError("fetch failed"));
  recordEvent("dismissive.calm-down", "applied");
  mock.timers.tick(2000);
  await settle();
  assert.equal(calls.length, 1);
  mock.timers.tick(4999);
  await settle();
  assert.equal(calls.length, 1);
  mock.timers.tick(1);
  await settle();
  assert.equal(calls.length, 2);
  mock.timers.tick(60000);
  await settle();
  assert.equal(calls.length, 2);
  // Later actions go out as usual.
  answers.push({ status: 202, body: { accepted: 1, counted: true } });
  recordEvent("blame.you-have-to-wait", "muted");
  mock.timers.tick(2000);
  await settle();
  assert.equal(calls.length, 3);
  assert.deepEqual(calls[2].body, { events: [{ rule_id: "blame.you-have-to-wait", action: "muted" }] });
});

test("a refused key is not tried again", async () => {
  reset();
  answers.push({ status: 401, body: { error: { code: "unauthorized", message: "no" } } });
  recordEvent("dismissive.calm-down", "applied");
  mock.timers.tick(2000);
  await settle();
  mock.timers.tick(60000);
  await settle();
  assert.equal(calls.length, 1);
});

test("more than a hundred actions go out in batches of a hundred", async () => {
  reset();
  for (let i = 0; i < 3; i++) answers.push({ status: 202, body: { accepted: 100, counted: true } });
  for (let i = 0; i < 150; i++) recordEvent("dismissive.calm-down", "dismissed");
  mock.timers.tick(2000);
  await settle();
  mock.timers.tick(2000);
  await settle();
  assert.deepEqual(
    calls.map((call) => call.body.events.length),
    [100, 50]
  );
});

test("in Firefox, nothing is sent until the agent opts into sharing interaction data", async () => {
  reset();
  const asked = [];
  let granted = false;
  globalThis.chrome.permissions = {
    contains: async (query) => {
      asked.push(query);
      return granted;
    },
  };
  try {
    recordEvent("dismissive.calm-down", "applied");
    mock.timers.tick(2000);
    await settle();
    assert.equal(calls.length, 0);
    assert.deepEqual(asked, [{ data_collection: ["technicalAndInteraction"] }]);
    granted = true;
    answers.push({ status: 202, body: { accepted: 1, counted: true } });
    recordEvent("dismissive.calm-down", "dismissed");
    mock.timers.tick(2000);
    await settle();
    assert.deepEqual(calls.map((call) => call.body), [{ events: [{ rule_id: "dismissive.calm-down", action: "dismissed" }] }]);
  } finally {
    delete globalThis.chrome.permissions;
  }
});

test("with sharing turned off on the options page nothing is sent, and turned on again the next actions are", async () => {
  reset();
  stored.shareActions = false;
  try {
    recordEvent("dismissive.calm-down", "applied");
    recordEvent("blame.you-have-to-wait", "muted");
    mock.timers.tick(2000);
    await settle();
    mock.timers.tick(60000);
    await settle();
    assert.equal(calls.length, 0);
  } finally {
    stored.shareActions = true;
  }
  // The setting is read at each batch: the actions of before are dropped, not sent now.
  answers.push({ status: 202, body: { accepted: 1, counted: true } });
  recordEvent("dismissive.calm-down", "dismissed");
  mock.timers.tick(2000);
  await settle();
  assert.deepEqual(calls.map((call) => call.body), [{ events: [{ rule_id: "dismissive.calm-down", action: "dismissed" }] }]);
});

test("without the setting stored, actions are shared (the default)", async () => {
  reset();
  delete stored.shareActions;
  answers.push({ status: 202, body: { accepted: 1, counted: true } });
  recordEvent("dismissive.calm-down", "applied");
  mock.timers.tick(2000);
  await settle();
  assert.deepEqual(calls.map((call) => call.body), [{ events: [{ rule_id: "dismissive.calm-down", action: "applied" }] }]);
});

test("in Firefox the permission decides, whatever the setting says", async () => {
  reset();
  stored.shareActions = true;
  globalThis.chrome.permissions = { contains: async () => false };
  try {
    recordEvent("dismissive.calm-down", "applied");
    mock.timers.tick(2000);
    await settle();
    assert.equal(calls.length, 0);
  } finally {
    delete globalThis.chrome.permissions;
    delete stored.shareActions;
  }
});

test("in Chrome, where asking about data collection throws, the setting alone decides", async () => {
  reset();
  globalThis.chrome.permissions = {
    contains: () => {
      throw new TypeError("Error in invocation of permissions.contains: Unexpected property: 'data_collection'.");
    },
  };
  try {
    stored.shareActions = false;
    recordEvent("dismissive.calm-down", "applied");
    mock.timers.tick(2000);
    await settle();
    assert.equal(calls.length, 0);
    stored.shareActions = true;
    answers.push({ status: 202, body: { accepted: 1, counted: true } });
    recordEvent("dismissive.calm-down", "muted");
    mock.timers.tick(2000);
    await settle();
    assert.deepEqual(calls.map((call) => call.body), [{ events: [{ rule_id: "dismissive.calm-down", action: "muted" }] }]);
  } finally {
    delete globalThis.chrome.permissions;
    delete stored.shareActions;
  }
});

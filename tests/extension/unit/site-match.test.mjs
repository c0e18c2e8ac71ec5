// Unit tests of the match patterns that decide where the extension runs (node --test).
import test from "node:test";
import assert from "node:assert/strict";
import { matchesAny, matchesPattern } from "../../../extension/background/site-match.js";

test("host wildcards, schemes, ports and paths", () => {
  assert.ok(matchesPattern("https://*.zendesk.com/*", "https://acme.zendesk.com/agent/tickets/1"));
  assert.ok(matchesPattern("https://*.zendesk.com/*", "https://zendesk.com/"));
  assert.ok(!matchesPattern("https://*.zendesk.com/*", "https://evilzendesk.com/"));
  assert.ok(!matchesPattern("https://*.zendesk.com/*", "http://acme.zendesk.com/"));
  assert.ok(matchesPattern("http://127.0.0.1/*", "http://127.0.0.1:8123/textarea.html"));
  assert.ok(matchesPattern("*://desk.example.com/tickets/*", "https://desk.example.com/tickets/9?x=1"));
  assert.ok(!matchesPattern("*://desk.example.com/tickets/*", "https://desk.example.com/admin"));
});

test("<all_urls> is everywhere a page can be, and malformed patterns match nothing", () => {
  assert.ok(matchesPattern("<all_urls>", "https://anything.example/"));
  assert.ok(!matchesPattern("<all_urls>", "chrome://settings/"));
  assert.ok(!matchesPattern("desk.example.com", "https://desk.example.com/"));
  assert.ok(!matchesAny([], "https://desk.example.com/"));
  assert.ok(matchesAny(["bad", "https://desk.example.com/*"], "https://desk.example.com/x"));
});

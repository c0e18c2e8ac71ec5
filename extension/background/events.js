// What the agent does with flags (applies a rewrite, dismisses a flag, mutes a rule), sent to the service's
// insights in batches: only the rule id and the action, never text. Best effort and never in the way: a
// batch goes out a moment after the first action, a failed one is tried once more, then dropped silently.
import { sendEvents } from "./api.js";
import { loadSettings } from "./settings.js";

const ACTIONS = new Set(["applied", "dismissed", "muted"]);
const GRAMMAR_PREFIX = "lt."; // LanguageTool's flags are not rules of the bank: the service counts none
const BATCH_DELAY_MS = 2000;
const RETRY_DELAY_MS = 5000;
const MAX_BATCH = 100; // the most events the service takes in one call
const MAX_QUEUED = 500; // with the service away, the oldest are dropped past this
const INTERACTION_DATA = "technicalAndInteraction"; // Firefox's name for this kind of data (manifest.json)

const queue = [];
let timer = null;

/** Queue one action on a flag of `ruleId`; returns whether it was queued. */
export function recordEvent(ruleId, action) {
  if (typeof ruleId !== "string" || !ruleId || ruleId.startsWith(GRAMMAR_PREFIX) || !ACTIONS.has(action)) {
    return false;
  }
  queue.push({ rule_id: ruleId, action });
  if (queue.length > MAX_QUEUED) queue.splice(0, queue.length - MAX_QUEUED);
  schedule();
  return true;
}

function schedule() {
  if (!timer) timer = setTimeout(flush, BATCH_DELAY_MS);
}

async function flush() {
  const batch = queue.splice(0, MAX_BATCH);
  try {
    if (batch.length) await send(batch);
  } catch {
    // Dropped: insight is a nicety, and the agent's work never waits for it.
  } finally {
    timer = null;
    if (queue.length) schedule();
  }
}

/** Whether the agent lets the extension share what they do with flags. In Firefox: the optional data
 * collection permission they grant (at install, on the options page or in about:addons). In browsers without
 * data collection permissions (Chrome): the `shareActions` setting of the options page, read at each batch. */
async function mayShare(settings) {
  if (settings.shareActions === false) return false;
  try {
    return await chrome.permissions.contains({ data_collection: [INTERACTION_DATA] });
  } catch {
    return true; // a browser without data collection permissions: the setting alone decides
  }
}

async function send(batch) {
  const settings = await loadSettings();
  // Not sharing: the batch is dropped, not kept for later (turning sharing on never sends older actions).
  if (!settings.apiKey || !(await mayShare(settings))) return;
  try {
    await sendEvents(settings, batch);
  } catch (error) {
    if (error.code === "unauthorized" || error.code === "forbidden" || error.code === "no_key") return;
    if (error.code !== "invalid_request") {
      // The service away, busy or limiting this key: once more, a little later.
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      await sendEvents(settings, batch);
      return;
    }
    // A rule removed from the bank since its flag was shown is refused by name: send the others.
    const refused = new Set(Object.keys(error.details || {}).map((path) => /^events\[(\d+)\]/.exec(path)?.[1]));
    const rest = batch.filter((_, index) => !refused.has(String(index)));
    if (rest.length && rest.length < batch.length) await sendEvents(settings, rest);
  }
}

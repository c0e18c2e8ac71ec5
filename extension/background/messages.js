// The named messages content scripts and the options page send; each handler returns a promise.
// Reply shape, always: {ok: true, value} or {ok: false, error: {code, message}}.
import { analyze, ServiceError, testConnection } from "./api.js";
import { shortcuts } from "./commands.js";
import { BUILT_IN_CUSTOMER_SELECTORS } from "./defaults.js";
import { syncExtraSites } from "./content-scripts.js";
import { recordEvent } from "./events.js";
import { lastStatus, loadSettings, mutedRules, recordStatus, saveSettings, setRuleMuted } from "./settings.js";
import { matchesAny, matchesPattern } from "./site-match.js";

function pageUrl(sender) {
  return sender.tab?.url || sender.url || "";
}

function customerSelector(settings, url) {
  for (const selectors of [settings.customerSelectors, BUILT_IN_CUSTOMER_SELECTORS]) {
    for (const [pattern, selector] of Object.entries(selectors)) {
      if (matchesPattern(pattern, url)) return selector;
    }
  }
  return null;
}

async function callService(settings, work) {
  try {
    const value = await work();
    await recordStatus({ ok: true });
    return value;
  } catch (error) {
    if (error instanceof ServiceError) await recordStatus({ ok: false, code: error.code, message: error.message });
    throw error;
  }
}

const HANDLERS = {
  /** A content script starts: is this page one of the agent's sites, and what to read as the customer's. */
  async "page.hello"(_message, sender) {
    const settings = await loadSettings();
    const url = pageUrl(sender);
    return {
      active: matchesAny(settings.sites, url),
      customerSelector: customerSelector(settings, url),
      shortcuts: await shortcuts(),
    };
  },

  /** Analyze the focused editor's text, leaving out the rules the agent muted. */
  async "draft.analyze"({ text, customerMessage }) {
    if (typeof text !== "string") throw new ServiceError("bad_message", "draft.analyze needs a text.");
    const settings = await loadSettings();
    const result = await callService(settings, () => analyze(settings, text, customerMessage));
    const muted = new Set(await mutedRules());
    return { flags: result.flags.filter((flag) => !muted.has(flag.rule_id)), score: result.score };
  },

  /** "Don't flag this for me": mute a rule on this device (and tell the service's insights). */
  async "rule.mute"({ ruleId }) {
    const mutedRules = await setRuleMuted(ruleId, true);
    recordEvent(ruleId, "muted");
    return { mutedRules };
  },

  /** The agent applied a rewrite or dismissed a flag: counted by the service's insights (best effort). */
  async "rule.event"({ ruleId, action }) {
    return { queued: recordEvent(ruleId, action) };
  },

  /** The badge's error notice links to the options page (content scripts cannot open it themselves). */
  async "options.open"() {
    await chrome.runtime.openOptionsPage();
    return { opened: true };
  },

  /** The options page unmutes a rule. */
  async "rule.unmute"({ ruleId }) {
    return { mutedRules: await setRuleMuted(ruleId, false) };
  },

  /** The options page reads the settings, the muted rules, the last call's outcome and the shortcuts. */
  async "settings.get"() {
    return {
      settings: await loadSettings(),
      mutedRules: await mutedRules(),
      status: await lastStatus(),
      shortcuts: await shortcuts(),
    };
  },

  /** The options page saves settings (after asking for any site permissions itself). */
  async "settings.save"({ changes }) {
    const settings = await saveSettings(changes);
    await syncExtraSites(settings.sites);
    return { settings };
  },

  /** The options page's "Test connection", with the URL and key as typed (not yet saved). */
  async "connection.test"({ serverUrl, apiKey }) {
    const settings = { ...(await loadSettings()) };
    if (typeof serverUrl === "string") settings.serverUrl = serverUrl.trim().replace(/\/+$/, "");
    if (typeof apiKey === "string") settings.apiKey = apiKey.trim();
    return callService(settings, () => testConnection(settings));
  },
};

// Messages only the extension's own pages may send: content scripts never see the key or change settings.
const EXTENSION_PAGES_ONLY = new Set(["rule.unmute", "settings.get", "settings.save", "connection.test"]);

function fromExtensionPage(sender) {
  return sender.id === chrome.runtime.id && (sender.url || "").startsWith(chrome.runtime.getURL(""));
}

/** chrome.runtime.onMessage listener: dispatch by `type`; an unknown type is an error reply. */
export function onMessage(message, sender, sendResponse) {
  const handler = message && Object.hasOwn(HANDLERS, message.type) ? HANDLERS[message.type] : null;
  let error = null;
  if (!handler) {
    error = { code: "unknown_message", message: `Unknown message: ${JSON.stringify(message?.type)}` };
  } else if (EXTENSION_PAGES_ONLY.has(message.type) && !fromExtensionPage(sender)) {
    error = { code: "forbidden", message: `${message.type} is for the extension's own pages` };
  }
  if (error) {
    console.error(error.message);
    sendResponse({ ok: false, error });
    return false;
  }
  handler(message, sender).then(
    (value) => sendResponse({ ok: true, value }),
    (error) =>
      sendResponse({
        ok: false,
        error: { code: error.code || "error", message: String(error.message), retryAfter: error.retryAfter ?? null },
      }),
  );
  return true;
}

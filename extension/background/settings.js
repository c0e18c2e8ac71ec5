// Stored settings: chrome.storage.sync for what the agent configures, chrome.storage.local for per-device state.
import { DEFAULTS, RENAMED_KEYS } from "./defaults.js";

/** The settings, with defaults filled in and renamed keys migrated. */
export async function loadSettings() {
  const stored = await chrome.storage.sync.get(null);
  const renamed = {};
  for (const [oldKey, newKey] of Object.entries(RENAMED_KEYS)) {
    if (oldKey in stored && !(newKey in stored)) renamed[newKey] = stored[oldKey];
  }
  if (Object.keys(renamed).length) {
    await chrome.storage.sync.set(renamed);
    await chrome.storage.sync.remove(Object.keys(RENAMED_KEYS).filter((key) => key in stored));
  }
  const settings = { ...DEFAULTS, ...stored, ...renamed };
  for (const oldKey of Object.keys(RENAMED_KEYS)) delete settings[oldKey];
  return settings;
}

/** Store the given settings (known keys only) after checking their types. */
export async function saveSettings(changes) {
  const clean = {};
  for (const [key, value] of Object.entries(changes)) {
    if (!(key in DEFAULTS)) throw new Error(`unknown setting: ${key}`);
    if (Array.isArray(DEFAULTS[key]) !== Array.isArray(value) || typeof DEFAULTS[key] !== typeof value) {
      throw new Error(`setting ${key} has the wrong type`);
    }
    clean[key] = value;
  }
  if ("serverUrl" in clean) clean.serverUrl = clean.serverUrl.trim().replace(/\/+$/, "");
  if ("apiKey" in clean) clean.apiKey = clean.apiKey.trim();
  await chrome.storage.sync.set(clean);
  return loadSettings();
}

/** Rules the agent chose not to be flagged for on this device. */
export async function mutedRules() {
  const { mutedRules = [] } = await chrome.storage.local.get("mutedRules");
  return mutedRules;
}

/** Add or remove a rule from the muted rules. */
export async function setRuleMuted(ruleId, muted) {
  const rules = new Set(await mutedRules());
  if (muted) rules.add(ruleId);
  else rules.delete(ruleId);
  await chrome.storage.local.set({ mutedRules: [...rules] });
  return [...rules];
}

/** Remember the outcome of the last call to the service, for the options page. */
export async function recordStatus(status) {
  await chrome.storage.local.set({ status: { ...status, at: Date.now() } });
}

/** The outcome of the last call to the service, or null. */
export async function lastStatus() {
  const { status = null } = await chrome.storage.local.get("status");
  return status;
}

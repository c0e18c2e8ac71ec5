// The background service worker: owns settings and the network; answers named messages.
import { onCommand } from "./commands.js";
import { syncExtraSites } from "./content-scripts.js";
import { onMessage } from "./messages.js";
import { loadSettings } from "./settings.js";

chrome.runtime.onMessage.addListener(onMessage);
chrome.commands.onCommand.addListener(onCommand);

chrome.action.onClicked.addListener(() => chrome.runtime.openOptionsPage());

async function refreshSites() {
  const settings = await loadSettings();
  await syncExtraSites(settings.sites);
}

chrome.runtime.onInstalled.addListener(refreshSites);
chrome.permissions.onAdded.addListener(refreshSites);
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "sync" && changes.sites) refreshSites();
});

// Content scripts for sites beyond the built-in ones, registered once the agent has granted them.
import { BUILT_IN_SITES } from "./defaults.js";

const EXTRA_ID = "replycoach-extra-sites";

/** Register the content scripts for the agent's extra sites that have a granted permission. */
export async function syncExtraSites(sites) {
  const manifest = chrome.runtime.getManifest();
  const js = manifest.content_scripts[0].js;
  const wanted = sites.filter((site) => !BUILT_IN_SITES.includes(site));
  const granted = [];
  for (const site of wanted) {
    if (await chrome.permissions.contains({ origins: [site] })) granted.push(site);
  }
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [EXTRA_ID] });
  if (existing.length) await chrome.scripting.unregisterContentScripts({ ids: [EXTRA_ID] });
  if (!granted.length) return [];
  await chrome.scripting.registerContentScripts([
    {
      id: EXTRA_ID,
      matches: granted,
      excludeMatches: BUILT_IN_SITES,
      js,
      allFrames: true,
      matchOriginAsFallback: true,
      runAt: "document_idle",
    },
  ]);
  return granted;
}

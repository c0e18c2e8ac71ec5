// The keyboard shortcuts, declared in the manifest's `commands` so the agent can change them in the browser
// (chrome://extensions/shortcuts, or Firefox's add-ons page: Manage Extension Shortcuts). When the browser
// takes the shortcut itself, the command is passed on to the tab's content script; the labels are what the
// card and the options page show.
export const COMMANDS = { "next-flag": "next flag", "previous-flag": "previous flag" };

/** {command name: shortcut as the browser shows it ("" when unset)}. */
export async function shortcuts() {
  const all = await chrome.commands.getAll();
  const found = {};
  for (const command of all) {
    if (Object.hasOwn(COMMANDS, command.name)) found[command.name] = command.shortcut || "";
  }
  return found;
}

/** chrome.commands.onCommand listener: tell the tab's content scripts (the frame with the focus acts). */
export function onCommand(command, tab) {
  if (!Object.hasOwn(COMMANDS, command) || !tab || tab.id === undefined) return;
  chrome.tabs.sendMessage(tab.id, { type: "command", command }).catch(() => {});
}

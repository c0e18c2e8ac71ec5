// The options page: edits the settings through the background worker, which owns them.

const $ = (id) => document.getElementById(id);
const EVERYWHERE = "<all_urls>";
const INTERACTION_DATA = { data_collection: ["technicalAndInteraction"] }; // Firefox's permission (manifest.json)

async function send(type, payload = {}) {
  const reply = await chrome.runtime.sendMessage({ type, ...payload });
  if (!reply?.ok) {
    const error = new Error(reply?.error?.message || `No reply to ${type}`);
    error.code = reply?.error?.code || "error";
    throw error;
  }
  return reply.value;
}

// What a failure means said for this page: the service's messages elsewhere send the agent here.
const HERE = {
  unauthorized: "The service refused the API key: check it above (make one with `replycoach keys create`).",
  no_key: "No API key: enter one above.",
};

function onThisPage({ code, message }) {
  return HERE[code] || message;
}

function show(output, state, text) {
  output.dataset.state = state;
  output.textContent = text;
}

function parseSelectors(text) {
  const selectors = {};
  for (const line of text.split("\n").map((item) => item.trim()).filter(Boolean)) {
    const space = line.indexOf(" ");
    if (space < 0) throw new Error(`"${line}": write a match pattern, a space, then a CSS selector.`);
    selectors[line.slice(0, space)] = line.slice(space + 1).trim();
  }
  return selectors;
}

function renderMuted(rules) {
  const list = $("muted");
  list.replaceChildren();
  if (!rules.length) list.append(Object.assign(document.createElement("li"), { textContent: "None." }));
  for (const rule of rules) {
    const item = document.createElement("li");
    const button = Object.assign(document.createElement("button"), { type: "button", textContent: "Flag again" });
    button.addEventListener("click", async () => renderMuted((await send("rule.unmute", { ruleId: rule })).mutedRules));
    item.append(`${rule} `, button);
    list.append(item);
  }
}

const SHORTCUT_LABELS = { "next-flag": "Open the next flag's card", "previous-flag": "Open the previous flag's card" };

function renderShortcuts(shortcuts) {
  const list = $("shortcuts");
  list.replaceChildren();
  for (const [command, label] of Object.entries(SHORTCUT_LABELS)) {
    const item = document.createElement("li");
    item.dataset.rcCommand = command;
    const keys = shortcuts[command];
    item.append(keys ? Object.assign(document.createElement("kbd"), { textContent: keys }) : "(no shortcut)", ` ${label}`);
    list.append(item);
  }
}

async function load() {
  const { settings, mutedRules, status, shortcuts } = await send("settings.get");
  renderShortcuts(shortcuts || {});
  $("serverUrl").value = settings.serverUrl;
  $("apiKey").value = settings.apiKey;
  const everywhere = settings.sites.includes(EVERYWHERE);
  $("everywhere").checked = everywhere;
  $("sites").value = settings.sites.filter((site) => site !== EVERYWHERE).join("\n");
  $("sites").disabled = everywhere;
  $("customerSelectors").value = Object.entries(settings.customerSelectors)
    .map(([pattern, selector]) => `${pattern} ${selector}`)
    .join("\n");
  renderMuted(mutedRules);
  await loadSharing(settings);
  if (status && !status.ok) show($("lastStatus"), "error", `Last call failed: ${onThisPage(status)}`);
  else if (status) show($("lastStatus"), "ok", "Last call to the service succeeded.");
}

/** Whether the agent shares what they do with flags, or null when this browser has no data collection
 * permissions (Chrome: the call throws, or its promise is rejected, on the unknown `data_collection` key). */
async function interactionPermission() {
  try {
    return await chrome.permissions.contains(INTERACTION_DATA);
  } catch {
    return null;
  }
}

let usesPermission = false; // Firefox: the box mirrors the permission; elsewhere the `shareActions` setting

async function loadSharing(settings) {
  const granted = await interactionPermission();
  usesPermission = granted !== null;
  $("shareActions").checked = usesPermission ? granted : settings.shareActions;
  $("shareActions").disabled = false;
}

function showSharing(on) {
  show($("shareResult"), "ok", on ? "Sharing: the service counts what you do with flags." : "Not sharing: nothing is sent.");
}

$("shareActions").addEventListener("change", () => {
  const box = $("shareActions");
  const wanted = box.checked;
  let done;
  try {
    if (usesPermission) {
      // Asked for right here, with no await before it: the browser grants it only in answer to the agent's click.
      done = wanted
        ? chrome.permissions.request(INTERACTION_DATA)
        : chrome.permissions.remove(INTERACTION_DATA).then(() => false);
    } else {
      done = send("settings.save", { changes: { shareActions: wanted } }).then(({ settings }) => settings.shareActions);
    }
  } catch (error) {
    done = Promise.reject(error);
  }
  done.then(
    (on) => {
      box.checked = on;
      if (wanted && !on) show($("shareResult"), "error", "Not sharing: the browser did not grant the permission.");
      else showSharing(on);
    },
    async (error) => {
      box.checked = usesPermission ? Boolean(await interactionPermission()) : !wanted;
      show($("shareResult"), "error", error.message);
    }
  );
});

// Firefox: the permission can also change in about:addons while this page is open.
for (const event of [chrome.permissions.onAdded, chrome.permissions.onRemoved]) {
  event?.addListener(async () => {
    if (usesPermission) $("shareActions").checked = Boolean(await interactionPermission());
  });
}

function originPattern(url) {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.hostname}/*`;
}

$("everywhere").addEventListener("change", () => ($("sites").disabled = $("everywhere").checked));

$("test").addEventListener("click", async () => {
  show($("testResult"), "", "Testing…");
  try {
    const result = await send("connection.test", { serverUrl: $("serverUrl").value, apiKey: $("apiKey").value });
    show($("testResult"), "ok", `Connected: Reply Coach ${result.version}, ${result.entries} phrase bank entries.`);
  } catch (error) {
    show($("testResult"), "error", onThisPage(error));
  }
});

$("settings").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    const sites = $("everywhere").checked
      ? [EVERYWHERE]
      : $("sites").value.split("\n").map((site) => site.trim()).filter(Boolean);
    const changes = {
      serverUrl: $("serverUrl").value,
      apiKey: $("apiKey").value,
      sites,
      customerSelectors: parseSelectors($("customerSelectors").value),
    };
    // Permissions can only be asked for here, in answer to the click, before anything is awaited.
    const origins = [...sites, originPattern(changes.serverUrl)];
    const granted = await chrome.permissions.request({ origins }).catch(() => false);
    // Only a service and key that work are saved: the connection test first, and why not when it fails.
    show($("saveResult"), "", "Checking the connection…");
    try {
      await send("connection.test", { serverUrl: changes.serverUrl, apiKey: changes.apiKey });
    } catch (error) {
      show($("saveResult"), "error", `Not saved: ${onThisPage(error)}`);
      return;
    }
    await send("settings.save", { changes });
    show($("saveResult"), "ok", granted ? "Saved." : "Saved. Without permission for every site, it runs only where the browser allows it.");
  } catch (error) {
    show($("saveResult"), "error", onThisPage(error));
  }
});

load().catch((error) => show($("lastStatus"), "error", error.message));

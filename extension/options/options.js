// The options page: edits the settings through the background worker, which owns them.

const $ = (id) => document.getElementById(id);
const EVERYWHERE = "<all_urls>";

async function send(type, payload = {}) {
  const reply = await chrome.runtime.sendMessage({ type, ...payload });
  if (!reply?.ok) throw new Error(reply?.error?.message || `No reply to ${type}`);
  return reply.value;
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

async function load() {
  const { settings, mutedRules, status } = await send("settings.get");
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
  if (status && !status.ok) show($("lastStatus"), "error", `Last call failed: ${status.message}`);
  else if (status) show($("lastStatus"), "ok", "Last call to the service succeeded.");
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
    show($("testResult"), "error", error.message);
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
    // Permissions can only be asked for here, in answer to the click; the worker stores the settings.
    const origins = [...sites, originPattern(changes.serverUrl)];
    const granted = await chrome.permissions.request({ origins }).catch(() => false);
    await send("settings.save", { changes });
    show($("saveResult"), "ok", granted ? "Saved." : "Saved. Without permission for every site, it runs only where the browser allows it.");
  } catch (error) {
    show($("saveResult"), "error", error.message);
  }
});

load().catch((error) => show($("lastStatus"), "error", error.message));

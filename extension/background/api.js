// Calls to the Reply Coach service. Only the background worker talks to the network.

/** A failed call, with a code the content scripts and options page show to the agent. */
export class ServiceError extends Error {
  constructor(code, message, retryAfter = null, details = null) {
    super(message);
    this.code = code;
    this.retryAfter = retryAfter; // seconds, when the service said when to try again
    this.details = details; // the error's details, e.g. {"events[2].rule_id": [...]} for a refused field
  }
}

const TIMEOUT_MS = 10000;

async function call(settings, path, { method = "GET", body, auth = true } = {}) {
  if (auth && !settings.apiKey) throw new ServiceError("no_key", "No API key is set: add one in the options.");
  const headers = {};
  if (auth) headers.Authorization = `Bearer ${settings.apiKey}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(settings.serverUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      credentials: "omit",
    });
  } catch (error) {
    throw new ServiceError("unreachable", `Can't reach the service at ${settings.serverUrl}.`);
  }
  let payload = null;
  try {
    payload = await response.json();
  } catch {
    // A non-JSON answer is reported by status below.
  }
  if (!response.ok) {
    const code = response.status === 401 ? "unauthorized" : payload?.error?.code || `http_${response.status}`;
    let message = payload?.error?.message || `The service answered ${response.status}.`;
    if (response.status === 401) message = "The service refused the API key: check it in the options.";
    if (response.status === 429) message = "Too many checks for this key just now; trying again shortly.";
    const retryAfter = response.status === 429 ? Number(response.headers.get("Retry-After")) || 5 : null;
    throw new ServiceError(code, message, retryAfter, payload?.error?.details ?? null);
  }
  return payload;
}

/** POST /v1/analyze: {flags, score}. */
export function analyze(settings, text, customerMessage) {
  const body = { text };
  if (customerMessage) body.customer_message = customerMessage;
  return call(settings, "/v1/analyze", { method: "POST", body });
}

/** POST /v1/events: what the agent did with flags, as [{rule_id, action}]. */
export function sendEvents(settings, events) {
  return call(settings, "/v1/events", { method: "POST", body: { events } });
}

/** Check the service and the key: {version, entries} or a ServiceError. */
export async function testConnection(settings) {
  const health = await call(settings, "/health", { auth: false });
  await call(settings, "/v1/analyze", { method: "POST", body: { text: "Hello" } });
  return { version: health.version, entries: health.bank?.entries ?? null };
}

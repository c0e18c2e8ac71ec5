/*
 * The API client: calls /v1 with the session cookie and the X-CSRF-Token from
 * <meta name="csrf-token">, turns error answers into ApiError, shows the session-ended notice on a 401,
 * and picks up a new session (signed in again in another tab) by reading its token from a fresh /admin.
 */

import { $ } from "./dom.js";
import { showSessionEnded } from "./frame.js";

export const API = "/v1/phrasebank";

/** An error answer (or no answer: status 0) with the API's message, code and details. */
export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.message || `The service answered ${status}.`);
    this.status = status;
    this.code = error.code || "";
    this.details = error.details || null;
  }
}

const session = { ended: false, token: "" };

function csrfToken() {
  if (!session.token) {
    const meta = $('meta[name="csrf-token"]');
    session.token = meta ? meta.getAttribute("content") || "" : "";
  }
  return session.token;
}

/** After a sign-in in another tab: read the new session's CSRF token from a fresh /admin. */
async function refreshSession() {
  try {
    const response = await fetch("/admin", { credentials: "same-origin" });
    if (!response.ok) return false;
    // Read the token out of the page's text; nothing of it is parsed as HTML or put in this page.
    const found = /<meta name="csrf-token" content="([^"]*)">/.exec(await response.text());
    if (!found) return false; // still signed out: the sign-in form has no token
    session.token = found[1];
    session.ended = false;
    showSessionEnded(false);
    return true;
  } catch (err) {
    return false;
  }
}

/** Call the API; resolves {status, data, etag}; rejects with ApiError (a 401 also shows the notice). */
export async function api(method, path, body, extraHeaders, signal, asBlob) {
  if (session.ended) await refreshSession();
  try {
    return await call(method, path, body, extraHeaders, signal, asBlob);
  } catch (err) {
    // Signed in again in another tab: the cookie is a new session's, so fetch its token and retry once.
    if (err.status === 403 && err.code === "csrf_failed" && (await refreshSession())) {
      return call(method, path, body, extraHeaders, signal, asBlob);
    }
    throw err;
  }
}

/** GET what the API answers as a file (a chart); resolves a Blob, rejects like api(). */
export async function apiBlob(path) {
  return (await api("GET", path, undefined, undefined, undefined, true)).data;
}

async function call(method, path, body, extraHeaders, signal, asBlob) {
  const headers = { "X-CSRF-Token": csrfToken(), ...(extraHeaders || {}) };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if (err && err.name === "AbortError") throw err;
    throw new ApiError(0, { error: { message: "The service did not answer; check your connection." } });
  }
  if (asBlob && response.ok) return { status: response.status, data: await response.blob(), etag: null };
  let data = null;
  const type = response.headers.get("Content-Type") || "";
  if (response.status !== 204 && type.includes("json")) data = await response.json().catch(() => null);
  if (response.status === 401) {
    session.ended = true;
    showSessionEnded(true);
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return { status: response.status, data, etag: response.headers.get("ETag") };
}

/** The API address of one entry. */
export function entryUrl(id) {
  return `${API}/entries/${encodeURIComponent(id)}`;
}

// Match patterns (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns) in JS.

function escape(text) {
  return text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

/** Whether `url` matches the match pattern `pattern`; a malformed pattern matches nothing. */
export function matchesPattern(pattern, url) {
  if (pattern === "<all_urls>") return /^(https?|file|ftp):/.test(url);
  const parts = /^(\*|https?|file|ftp):\/\/([^/]*)(\/.*)$/.exec(pattern);
  if (!parts) return false;
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const [, scheme, host, path] = parts;
  const urlScheme = parsed.protocol.slice(0, -1);
  if (scheme === "*" ? !["http", "https"].includes(urlScheme) : scheme !== urlScheme) return false;
  if (host !== "*") {
    if (host.startsWith("*.")) {
      const base = host.slice(2);
      if (parsed.hostname !== base && !parsed.hostname.endsWith("." + base)) return false;
    } else if (parsed.hostname !== host.replace(/:\d+$/, "")) {
      return false;
    }
  }
  const pathRe = new RegExp("^" + path.split("*").map(escape).join(".*") + "$");
  return pathRe.test(parsed.pathname + parsed.search);
}

/** Whether any of `patterns` matches `url`. */
export function matchesAny(patterns, url) {
  return patterns.some((pattern) => matchesPattern(pattern, url));
}

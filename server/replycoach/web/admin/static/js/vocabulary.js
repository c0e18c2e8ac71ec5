/*
 * The bank format's vocabulary (categories, severities, rewrite scopes, customer moods, the engine's
 * context checks, an entry's fields),
 * read from the
 * <meta name="replycoach-…"> tags the server renders into the page shell from the bank loader's own
 * lists, so the page's selects never drift from what the loader accepts.
 */

/** The space-separated words of <meta name="replycoach-NAME">; a missing tag is an error that says so. */
function words(name) {
  const meta = document.querySelector(`meta[name="replycoach-${name}"]`);
  if (!meta) {
    throw new Error(
      `The admin page shell has no <meta name="replycoach-${name}"> tag; ` +
        "the server's admin page (admin/shell.html) must render the bank vocabulary."
    );
  }
  return Object.freeze((meta.getAttribute("content") || "").split(/\s+/).filter(Boolean));
}

export const CATEGORIES = words("categories");
export const SEVERITIES = words("severities");
export const SCOPES = words("scopes");
export const MOODS = words("moods");
export const QUIET_CHECKS = words("quiet-checks");
export const FIELDS = words("fields");

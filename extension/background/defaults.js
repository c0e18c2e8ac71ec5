// The one place settings get their defaults, and the sites the manifest covers without a prompt.

/** Sites the extension may run on out of the box: the manifest's host_permissions and content_scripts. */
export const BUILT_IN_SITES = [
  "http://127.0.0.1/*",
  "http://localhost/*",
  "https://*.zendesk.com/*",
  "https://*.freshdesk.com/*",
  "https://secure.helpscout.net/*",
  "https://app.intercom.com/*",
  "https://app.frontapp.com/*",
  "https://mail.google.com/*",
];

/** chrome.storage.sync settings; `sites` is an array of match patterns, ["<all_urls>"] meaning everywhere. */
export const DEFAULTS = Object.freeze({
  serverUrl: "http://127.0.0.1:8080",
  apiKey: "",
  sites: BUILT_IN_SITES,
  // Per-site CSS selector of the customer's messages (the last match is sent as context), by match pattern.
  customerSelectors: {},
  // Send which rule the agent applied, dismissed or muted to the service's insights (never any text). In
  // Firefox the optional data collection permission decides instead (the options page asks for it).
  shareActions: true,
});

/** Selectors of the customer's messages on the major helpdesks, used when no site override matches. */
export const BUILT_IN_CUSTOMER_SELECTORS = {
  "https://*.zendesk.com/*": "[data-test-id='omni-log-comment-item'][data-is-agent='false'] [data-test-id='omni-log-message-content']",
  "https://*.freshdesk.com/*": ".ticket-details__requester .ticket-details__item-content",
  "https://secure.helpscout.net/*": ".thread.is-customer .thread-content",
  "https://app.intercom.com/*": "[data-conversation-part-author-type='user'] .intercom-interblocks",
  "*://*/*": "[data-replycoach-customer]",
};

/** Keys renamed in earlier versions: old name -> new name (migrated on start, never dropped). */
export const RENAMED_KEYS = { server: "serverUrl", key: "apiKey" };

// The content scripts' shared namespace in the extension's isolated world (never visible to the page).
"use strict";
globalThis.replycoach = globalThis.replycoach || {};

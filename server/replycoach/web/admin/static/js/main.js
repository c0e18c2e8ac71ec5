/*
 * Reply Coach admin page, the entry module: team leads curate the phrase bank. Builds the page frame,
 * routes the location hash to a view (list, editor, history, audit, vocabulary, insights) and loads the
 * curated-update panel.
 *
 * Plain modern JS in native ES modules: no build step, no framework, nothing fetched from outside the
 * service. Every piece of text that comes from the bank or the API goes into the page through
 * textContent, createTextNode or an input's value: no module uses innerHTML, outerHTML or
 * insertAdjacentHTML.
 */

import { showAudit } from "./audit.js";
import { loadCuratedUpdate } from "./curated.js";
import { $ } from "./dom.js";
import { showEditor } from "./editor.js";
import { buildFrame, frame, setStatus } from "./frame.js";
import { showHistory } from "./history.js";
import { showInsights } from "./insights.js";
import { showList } from "./list.js";
import { showFamilies, showFamily } from "./families.js";

/** Show the view the location hash names (the entry list by default). */
function route() {
  const hash = decodeURIComponent(location.hash.replace(/^#\/?/, ""));
  const history = /^entry\/(.+)\/history$/.exec(hash);
  const entry = /^entry\/(.+)$/.exec(hash);
  if (history) return showHistory(history[1]);
  if (entry) return showEditor(entry[1]);
  if (hash === "new") return showEditor(null);
  if (hash === "audit") return showAudit();
  if (hash === "insights") return showInsights();
  if (hash === "vocabulary") return showFamilies();
  if (hash === "vocabulary/new") return showFamily(null);
  const family = /^vocabulary\/(.+)$/.exec(hash);
  if (family) return showFamily(family[1]);
  return showList();
}

function start() {
  if (!$("#app")) return;
  buildFrame();
  window.addEventListener("hashchange", () => {
    if (frame.status.dataset.keep) delete frame.status.dataset.keep;
    else setStatus("");
    route();
  });
  route();
  loadCuratedUpdate(route);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();

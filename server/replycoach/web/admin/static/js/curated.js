/*
 * The curated bank update panel (above the tabs): when the service offers a newer curated bank, lists
 * its changes with their diffs and applies the ones the lead ticks.
 */

import { API, api } from "./api.js";
import { renderDiff } from "./diff.js";
import { append, clear, h } from "./dom.js";
import { frame, setStatus } from "./frame.js";

/**
 * Show the pending curated update in the frame's panel (hidden when there is none). `applied` runs after
 * the lead applied changes, so the current view can show the new bank.
 */
export async function loadCuratedUpdate(applied) {
  const panel = frame.curated;
  let update;
  try {
    update = (await api("GET", `${API}/curated-update`)).data;
  } catch (err) {
    panel.hidden = true; // 404: the service has no curated updates to offer
    return;
  }
  if (!update || !update.pending || !(update.changes || []).length) {
    panel.hidden = true;
    return;
  }
  const labels = { added: "new entry", changed: "changed", removed: "removed from the curated bank" };
  const boxes = [];
  const items = update.changes.map((c, i) => {
    const box = h("input", { type: "checkbox", id: `take-${i}`, value: c.id, checked: !c.edited_here });
    boxes.push(box);
    const before = c.change === "added" ? null : c.current;
    const after = c.change === "removed" ? null : c.curated;
    return h(
      "li",
      { class: "curated-change", "data-id": c.id },
      h(
        "div",
        { class: "check" },
        box,
        h("label", { for: `take-${i}` }, ` Take ${c.id} (${labels[c.change] || c.change})`),
        c.edited_here ? h("span", { class: "badge badge-off" }, "\u270e Edited here: taking it replaces your team's edits") : null
      ),
      h("details", {}, h("summary", {}, "Show the difference"), renderDiff(before, after))
    );
  });
  const apply = h("button", { type: "button", id: "curated-apply", class: "primary" }, "Apply selected changes");
  const result = h("p", { class: "status", role: "status", "aria-live": "polite" });
  apply.addEventListener("click", async () => {
    apply.disabled = true;
    const take = boxes.filter((b) => b.checked).map((b) => b.value);
    try {
      const done = (await api("POST", `${API}/curated-update`, { revision: update.revision, take })).data;
      const taken = (done.taken || []).length;
      const kept = (done.kept || []).length;
      setStatus(
        `Curated update applied: took ${taken} change${taken === 1 ? "" : "s"}; ` +
          `kept the bank's own version for ${kept}.`,
        "ok"
      );
      await loadCuratedUpdate(applied);
      applied();
    } catch (err) {
      apply.disabled = false;
      result.className = "status status-error";
      if (err.status === 409) {
        result.textContent = "The curated update changed while you were reviewing it; showing the latest one.";
        setTimeout(() => loadCuratedUpdate(applied), 1500);
      } else {
        result.textContent = `Not applied: ${err.message}`;
      }
    }
  });
  append(clear(panel), [
    h("h2", { id: "curated-title" }, "Curated bank update"),
    h("p", {}, `A newer curated bank (revision ${update.revision}) is available. Choose which changes to take.`),
    h("ul", { class: "curated-changes" }, items),
    apply,
    result,
  ]);
  panel.hidden = false;
}

// The text of an editor's HTML output (getData(), code(), value...), blocks joined by "\n", for the tests
// to compare with what the agent typed: the same text the helpdesk would send.
window.htmlText = (html) => {
  const box = document.createElement("div");
  box.innerHTML = html;
  const blocks = [...box.children].filter((node) => !["BR", "SCRIPT", "STYLE"].includes(node.tagName));
  const lines = blocks.length ? blocks.map((node) => node.textContent) : [box.textContent];
  return lines.join("\n").replace(/\u00a0/g, " ").replace(/[\u200b\ufeff]/g, "");
};

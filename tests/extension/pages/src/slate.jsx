import React from "react";
import { createRoot } from "react-dom/client";
import { createEditor, Node } from "slate";
import { Slate, Editable, withReact } from "slate-react";
import { withHistory } from "slate-history";

const editor = withHistory(withReact(createEditor()));
const initial = [{ type: "paragraph", children: [{ text: "" }] }];
window.slateEditor = editor;
// The model's paragraphs joined by "\n": what the helpdesk would send.
window.modelText = () => editor.children.map((node) => Node.string(node)).join("\n");

function Reply() {
  return (
    <Slate editor={editor} initialValue={initial}>
      <Editable placeholder="Write a reply…" style={{ minHeight: 160 }} />
    </Slate>
  );
}

createRoot(document.querySelector("#reply")).render(<Reply />);

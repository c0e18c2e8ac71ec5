import React from "react";
import { createRoot } from "react-dom/client";
import { createEditor, Editor, Node, Transforms } from "slate";
import { Slate, Editable, withReact } from "slate-react";
import { withHistory } from "slate-history";

const editor = withHistory(withReact(createEditor()));
const initial = [{ type: "paragraph", children: [{ text: "" }] }];
window.slateEditor = editor;
// A helpdesk macro (canned reply): text put in at the caret through the editor's own API, no typing.
window.insertMacro = (text) => Transforms.insertText(editor, text, { at: editor.selection ?? Editor.end(editor, []) });
// The model's paragraphs joined by "\n": what the helpdesk would send.
window.modelText = () => editor.children.map((node) => Node.string(node)).join("\n");
// ?wayward: like an editor whose plugin adds to every insertion it is handed (not to typing), so the text
// ends up other than intended, in the same undo step. ?wayward=caret: like an editor whose model still has
// the caret at the end of the typing, so the insertion lands there and Slate's history merges it with the
// typed words. Both for the tests of the extension's honest failure.
const wayward = new URLSearchParams(location.search).get("wayward");
if (wayward !== null) {
  const { insertData } = editor;
  editor.insertData = (data) => {
    const text = data.getData("text/plain");
    if (!text) return;
    if (wayward === "caret") {
      Transforms.insertText(editor, text, { at: Editor.end(editor, []) });
      return;
    }
    insertData(data);
    Transforms.insertText(editor, " [moved]", { at: Editor.end(editor, []) });
  };
}

function Reply() {
  return (
    <Slate editor={editor} initialValue={initial}>
      <Editable placeholder="Write a reply…" style={{ minHeight: 160 }} />
    </Slate>
  );
}

createRoot(document.querySelector("#reply")).render(<Reply />);

import React from "react";
import { createRoot } from "react-dom/client";
import { Editor, EditorState, Modifier } from "draft-js";

function Reply() {
  const [state, setState] = React.useState(() => EditorState.createEmpty());
  window.draftState = state;
  // A helpdesk macro (canned reply): text put in at the caret through the editor's own API, no typing.
  window.insertMacro = (text) =>
    setState((now) => EditorState.push(
      now, Modifier.replaceText(now.getCurrentContent(), now.getSelection(), text), "insert-characters"));
  return <Editor editorState={state} onChange={setState} placeholder="Write a reply…" />;
}

window.modelText = () => window.draftState.getCurrentContent().getPlainText("\n");
createRoot(document.querySelector("#reply")).render(<Reply />);

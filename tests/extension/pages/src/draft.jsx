import React from "react";
import { createRoot } from "react-dom/client";
import { Editor, EditorState } from "draft-js";

function Reply() {
  const [state, setState] = React.useState(() => EditorState.createEmpty());
  window.draftState = state;
  return <Editor editorState={state} onChange={setState} placeholder="Write a reply…" />;
}

window.modelText = () => window.draftState.getCurrentContent().getPlainText("\n");
createRoot(document.querySelector("#reply")).render(<Reply />);

import { createEditor, $getRoot, $getSelection } from "lexical";
import { registerRichText, HeadingNode, QuoteNode } from "@lexical/rich-text";
import { registerHistory, createEmptyHistoryState } from "@lexical/history";

const editor = createEditor({
  namespace: "reply",
  nodes: [HeadingNode, QuoteNode],
  onError: (error) => console.error(error),
});
editor.setRootElement(document.querySelector("#reply"));
registerRichText(editor);
registerHistory(editor, createEmptyHistoryState(), 300);
window.lexicalEditor = editor;
// A helpdesk macro (canned reply): text put in at the caret through the editor's own API, no typing.
window.insertMacro = (text) =>
  editor.update(() => ($getSelection() ?? $getRoot().selectEnd()).insertText(text));
window.modelText = () =>
  editor.getEditorState().read(() =>
    $getRoot().getChildren().map((block) => block.getTextContent()).join("\n"));

import { createEditor, $getRoot } from "lexical";
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
window.modelText = () =>
  editor.getEditorState().read(() =>
    $getRoot().getChildren().map((block) => block.getTextContent()).join("\n"));

import { Editor } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";

const editor = new Editor({ element: document.querySelector("#reply"), extensions: [StarterKit] });
window.tiptap = editor;
window.modelText = () => editor.state.doc.textBetween(0, editor.state.doc.content.size, "\n");

import { Editor } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";

const editor = new Editor({ element: document.querySelector("#reply"), extensions: [StarterKit] });
window.tiptap = editor;
// A helpdesk macro (canned reply): text put in at the caret through the editor's own API, no typing.
window.insertMacro = (text) => editor.commands.insertContent(text);
window.modelText = () => editor.state.doc.textBetween(0, editor.state.doc.content.size, "\n");

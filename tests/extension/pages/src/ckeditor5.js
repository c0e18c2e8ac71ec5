import { ClassicEditor, Essentials, Paragraph, Bold, Italic } from "ckeditor5";
import "ckeditor5/ckeditor5.css";

ClassicEditor.create(document.querySelector("#reply"), {
  licenseKey: "GPL",
  plugins: [Essentials, Paragraph, Bold, Italic],
  toolbar: ["undo", "redo", "|", "bold", "italic"],
}).then((editor) => {
  window.editor = editor;
  // The model's text, paragraphs joined by "\n": what the helpdesk would send.
  window.modelText = () =>
    Array.from(editor.model.document.getRoot().getChildren())
      .map((block) => Array.from(block.getChildren()).map((node) => node.data ?? "").join(""))
      .join("\n");
  // A helpdesk macro (canned reply): text put in at the caret through the editor's own API, no typing.
  window.insertMacro = (text) =>
    editor.model.change((writer) => editor.model.insertContent(writer.createText(text)));
});

import Editor from "@toast-ui/editor";

// Its WYSIWYG mode, without the mode switch and usage statistics (a request to Google Analytics); not focused
// on load (its default), like the other pages' editors: the agent clicks in, or a macro arrives first.
const editor = new Editor({
  el: document.querySelector("#reply"),
  initialEditType: "wysiwyg",
  hideModeSwitch: true,
  height: "260px",
  usageStatistics: false,
  autofocus: false,
  toolbarItems: [["bold", "italic"]],
});
window.toastui = editor;
// A helpdesk macro (canned reply): text put in at the caret through the editor's own API, no typing.
window.insertMacro = (text) => editor.insertText(text);
// The WYSIWYG editor's ProseMirror document, paragraphs joined by "\n" (its Markdown export would put blank
// lines between them).
window.modelText = () => {
  const doc = editor.wwEditor.view.state.doc;
  return doc.textBetween(0, doc.content.size, "\n");
};

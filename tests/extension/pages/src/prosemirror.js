import { EditorState } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { schema } from "prosemirror-schema-basic";
import { history, undo, redo } from "prosemirror-history";
import { keymap } from "prosemirror-keymap";
import { baseKeymap } from "prosemirror-commands";

const view = new EditorView(document.querySelector("#reply"), {
  state: EditorState.create({
    schema,
    plugins: [history(), keymap({ "Mod-z": undo, "Mod-y": redo, "Mod-Shift-z": redo }), keymap(baseKeymap)],
  }),
});
window.view = view;
window.modelText = () => view.state.doc.textBetween(0, view.state.doc.content.size, "\n");

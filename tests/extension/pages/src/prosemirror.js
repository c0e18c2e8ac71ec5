import { EditorState, Plugin } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { schema } from "prosemirror-schema-basic";
import { history, undo, redo } from "prosemirror-history";
import { keymap } from "prosemirror-keymap";
import { baseKeymap } from "prosemirror-commands";

// ?wayward: like an editor whose plugin adds to every paste (in the same undo step), so the text ends up
// other than intended; for the test of the extension's honest failure.
const wayward = new Plugin({
  appendTransaction(transactions, _old, state) {
    if (!transactions.some((tr) => tr.getMeta("paste"))) return null;
    return state.tr.insertText(" [moved]", state.doc.content.size - 1);
  },
});
const extra = new URLSearchParams(location.search).has("wayward") ? [wayward] : [];
const view = new EditorView(document.querySelector("#reply"), {
  state: EditorState.create({
    schema,
    plugins: [
      history(), keymap({ "Mod-z": undo, "Mod-y": redo, "Mod-Shift-z": redo }), keymap(baseKeymap), ...extra,
    ],
  }),
});
window.view = view;
// A helpdesk macro (canned reply): text put in at the caret through the editor's own API, no typing.
window.insertMacro = (text) => view.dispatch(view.state.tr.insertText(text));
window.modelText = () => view.state.doc.textBetween(0, view.state.doc.content.size, "\n");

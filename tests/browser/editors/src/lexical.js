// A real Lexical plain-text editor with undo history (as on Facebook), bundled by esbuild at test time.
import { $getRoot, createEditor } from "lexical";
import { registerPlainText } from "@lexical/plain-text";
import { createEmptyHistoryState, registerHistory } from "@lexical/history";

const editor = createEditor({
  namespace: "tonkoll-test",
  onError: (error) => {
    window.editorErrors.push(String(error));
  },
});
window.editorErrors = [];
editor.setRootElement(document.getElementById("editor"));
registerPlainText(editor);
registerHistory(editor, createEmptyHistoryState(), 300);
/** The editor's own model text. */
window.editorText = () => editor.getEditorState().read(() => $getRoot().getTextContent());

// A real Lexical plain-text editor (as on Facebook), bundled by esbuild at test time.
import { $getRoot, createEditor } from "lexical";
import { registerPlainText } from "@lexical/plain-text";

const editor = createEditor({
  namespace: "tonkoll-test",
  onError: (error) => {
    window.editorErrors.push(String(error));
  },
});
window.editorErrors = [];
editor.setRootElement(document.getElementById("editor"));
registerPlainText(editor);
/** The editor's own model text. */
window.editorText = () => editor.getEditorState().read(() => $getRoot().getTextContent());

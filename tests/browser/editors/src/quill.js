// A real Quill editor (LinkedIn's composer is Quill-like), bundled by esbuild at test time.
import Quill from "quill";

const quill = new Quill("#editor", { placeholder: "Vad vill du prata om?" });
/** The editor's own model text (Quill always ends it with one "\n"). */
window.editorText = () => quill.getText();

// A real Draft.js editor (as on X) with React 17, bundled by esbuild at test time.
import React from "react";
import ReactDOM from "react-dom";
import { Editor, EditorState } from "draft-js";

let latest = EditorState.createEmpty();

function Composer() {
  const [state, setState] = React.useState(latest);
  const onChange = (next) => {
    latest = next;
    setState(next);
  };
  return React.createElement(Editor, { editorState: state, onChange, placeholder: "Vad händer?" });
}

ReactDOM.render(React.createElement(Composer), document.getElementById("editor"));
/** The editor's own model text. */
window.editorText = () => latest.getCurrentContent().getPlainText();

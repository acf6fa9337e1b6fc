// @ts-check
// Putting a replacement in place, only ever after the writer clicked it. It goes through the
// editor's own input path – select the span, then the input the editor listens to – so Lexical,
// Draft.js and Quill keep their own model in step and their undo (Ctrl+Z) takes it back.

globalThis.Tonkoll = globalThis.Tonkoll || {};

/** Let the editor see the new selection (Draft.js and Lexical follow `selectionchange`). */
function selectionSettled() {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      document.removeEventListener("selectionchange", finish);
      // One more frame: React flushes its select handler after the event.
      requestAnimationFrame(() => resolve(undefined));
    };
    document.addEventListener("selectionchange", finish);
    setTimeout(finish, 100);
  });
}

/**
 * Insert `value` over the current selection the way typing would.
 * @param {HTMLElement} editor
 * @param {string} value
 */
function insertOverSelection(editor, value) {
  const kind = globalThis.Tonkoll.editorKind(editor);
  if (kind === "lexical") {
    // Lexical handles `beforeinput` itself (and cancels it), updating its model and its history.
    const data = new DataTransfer();
    data.setData("text/plain", value);
    const event = new InputEvent("beforeinput", {
      inputType: "insertReplacementText", data: value, dataTransfer: data, bubbles: true, cancelable: true, composed: true,
    });
    editor.dispatchEvent(event);
    if (event.defaultPrevented) return true;
  }
  // Textareas, plain contenteditables, Draft.js and Quill: the browser's own text insertion fires
  // the beforeinput/textInput/input events those editors follow, and lands in the undo stack.
  if (value === "") return document.execCommand("delete", false);
  return document.execCommand("insertText", false, value);
}

/**
 * Replace [offset, offset + length) of the editor's text with `value`, if that span still reads
 * `expected`. Resolves to whether the editor's text is now what it should be.
 * @param {HTMLElement} editor
 * @param {{offset: number, length: number, expected: string, value: string}} edit
 * @returns {Promise<boolean>}
 */
globalThis.Tonkoll.applyReplacement = async function applyReplacement(editor, edit) {
  const T = globalThis.Tonkoll;
  const { offset, length, expected, value } = edit;
  const before = T.readEditor(editor);
  if (before.text.slice(offset, offset + length) !== expected) return false;
  const want = before.text.slice(0, offset) + value + before.text.slice(offset + length);
  editor.focus({ preventScroll: true });
  if (editor instanceof HTMLTextAreaElement) {
    editor.setSelectionRange(offset, offset + length);
    if (!insertOverSelection(editor, value) || editor.value !== want) {
      // Fallback where the browser refuses execCommand in a textarea: the value changes and the
      // page hears an input event (the browser's own undo cannot follow this path).
      editor.setRangeText(value, offset, offset + length, "end");
      editor.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertReplacementText", data: value }));
    }
    return editor.value === want;
  }
  const range = before.map && T.rangeFor(before.map, offset, length);
  if (!range) return false;
  const sel = getSelection();
  if (!sel) return false;
  sel.removeAllRanges();
  sel.addRange(range);
  await selectionSettled();
  insertOverSelection(editor, value);
  // Quill and React render after the event: give them a frame before reading back.
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return T.readEditor(editor).text === want;
};

// @ts-check
// Finding the editor a writer types in, and honouring the page's opt-outs.

globalThis.Tonkoll = globalThis.Tonkoll || {};

const OPT_OUT = [
  '[data-gramm="false"]', '[data-gramm_editor="false"]', '[data-enable-grammarly="false"]',
  '[data-lt-active="false"]', '[data-tonkoll="off"]',
].join(",");

/**
 * The editor element for an event target: a <textarea> or the top contenteditable host, or null
 * (password fields, read-only fields, opted-out editors and Tonkoll's own UI are never editors).
 * @param {EventTarget|null} target
 * @returns {HTMLElement|null}
 */
globalThis.Tonkoll.findEditor = function findEditor(target) {
  if (!(target instanceof Element)) {
    target = target instanceof Node ? target.parentElement : null;
    if (!target) return null;
  }
  const el = /** @type {HTMLElement} */ (target);
  if (el.closest("tonkoll-hints")) return null;
  if (el instanceof HTMLInputElement) return null; // single-line fields (and every password field)
  /** @type {HTMLElement|null} */
  let editor = null;
  if (el instanceof HTMLTextAreaElement) {
    if (el.readOnly || el.disabled) return null;
    editor = el;
  } else if (el.isContentEditable) {
    editor = el;
    while (editor.parentElement && editor.parentElement.isContentEditable) editor = editor.parentElement;
  }
  if (!editor) return null;
  if (editor.closest(OPT_OUT)) return null;
  if (editor.querySelector('input[type="password"]')) return null;
  return editor;
};

/**
 * Which kind of editor this is (for reading and for the page's own logic, never for writing).
 * @param {HTMLElement} el
 * @returns {"textarea"|"lexical"|"draft"|"quill"|"contenteditable"}
 */
globalThis.Tonkoll.editorKind = function editorKind(el) {
  if (el instanceof HTMLTextAreaElement) return "textarea";
  if (el.hasAttribute("data-lexical-editor")) return "lexical";
  if (el.classList.contains("public-DraftEditor-content") || el.querySelector("[data-contents]")) return "draft";
  if (el.classList.contains("ql-editor")) return "quill";
  return "contenteditable";
};

// Words a comment box's label or placeholder uses (Facebook "Skriv en kommentar …", Instagram
// "Lägg till en kommentar …", LinkedIn "Add a comment…", X "Post your reply").
const COMMENT_LABEL = /kommentar|comment|svara|svar\b|reply|replies/i;

/**
 * Whether the editor is a comment or reply box (then the service checks it as channel "reply"):
 * its own label, placeholder or title, or that of the nearest labelled ancestor, names a comment.
 * @param {HTMLElement} el
 * @returns {boolean}
 */
globalThis.Tonkoll.isReplyBox = function isReplyBox(el) {
  for (let node = /** @type {HTMLElement|null} */ (el), depth = 0; node && depth < 4;
    node = node.parentElement, depth += 1) {
    for (const name of ["aria-label", "placeholder", "aria-placeholder", "data-placeholder", "title"]) {
      const value = node.getAttribute(name);
      if (value && COMMENT_LABEL.test(value)) return true;
    }
  }
  return false;
};

/**
 * The editor's text plus a way back to DOM ranges (null for a textarea: it has no text nodes).
 * @param {HTMLElement} el
 * @returns {{text: string, map: import("./textmap.js").TextMap|null}}
 */
globalThis.Tonkoll.readEditor = function readEditor(el) {
  if (el instanceof HTMLTextAreaElement) return { text: el.value, map: null };
  const map = globalThis.Tonkoll.readDom(el);
  return { text: map.text, map };
};

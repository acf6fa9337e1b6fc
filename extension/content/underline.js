// @ts-check
// Underlines for hint spans. Rich editors: the CSS Custom Highlight API (nothing is added to the
// page's DOM; the ::highlight styles live in a stylesheet adopted by the document). Textareas, and
// browsers without the API: thin boxes in Tonkoll's own shadow root, placed from Range rects.

globalThis.Tonkoll = globalThis.Tonkoll || {};

const HINT = "tonkoll-hint";
const FOCUS = "tonkoll-focus";
const STALE = "tonkoll-stale";
const MIRROR_STYLES = [
  "boxSizing", "width", "height", "fontFamily", "fontSize", "fontWeight", "fontStyle", "fontVariant",
  "fontStretch", "letterSpacing", "wordSpacing", "textTransform", "textIndent", "textAlign", "lineHeight",
  "paddingTop", "paddingRight", "paddingBottom", "paddingLeft", "borderTopWidth", "borderRightWidth",
  "borderBottomWidth", "borderLeftWidth", "borderTopStyle", "borderRightStyle", "borderBottomStyle",
  "borderLeftStyle", "tabSize", "direction", "overflowWrap", "wordBreak",
];

globalThis.Tonkoll.Underliner = class Underliner {
  /** @param {HTMLElement} layer a container inside Tonkoll's shadow root */
  constructor(layer) {
    this.layer = layer;
    /** False once a page refused the Highlight API; then boxes for good. */
    this.highlightsWork = true;
    /** @type {CSSStyleSheet|null} */
    this.sheet = null;
    /** @type {HTMLDivElement|null} */
    this.mirror = null;
  }

  /** Whether the CSS Custom Highlight API can be used (checked each time: cheap, and honest). */
  get useHighlights() {
    return this.highlightsWork && typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight === "function";
  }

  ensureSheet() {
    if (!this.sheet) {
      this.sheet = new CSSStyleSheet();
      this.sheet.replaceSync(
        `::highlight(${HINT}) { text-decoration: underline wavy #b45309; text-decoration-thickness: 2px; text-underline-offset: 3px; }\n` +
        `::highlight(${STALE}) { text-decoration: underline dotted #6b7280; text-decoration-thickness: 2px; text-underline-offset: 3px; }\n` +
        `::highlight(${FOCUS}) { background-color: rgba(253, 224, 71, 0.55); }`,
      );
    }
    if (!document.adoptedStyleSheets.includes(this.sheet)) {
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.sheet];
    }
  }

  /**
   * @param {HTMLElement} editor
   * @param {{text: string, map: any}} read the editor's text as read just now
   * @param {import("../lib/messages.js").Span[]} spans
   * @param {import("../lib/messages.js").Span[]} focus spans to emphasise (hovered hint)
   * @param {boolean} [stale] spans from an earlier answer (drawn grey, dotted)
   */
  render(editor, read, spans, focus, stale = false) {
    const T = globalThis.Tonkoll;
    if (read.map && this.useHighlights) {
      try {
        this.ensureSheet();
        const ranges = spans.map((s) => T.rangeFor(read.map, s.offset, s.length)).filter(Boolean);
        const focused = focus.map((s) => T.rangeFor(read.map, s.offset, s.length)).filter(Boolean);
        CSS.highlights.set(stale ? STALE : HINT, new Highlight(...ranges));
        CSS.highlights.delete(stale ? HINT : STALE);
        if (focused.length) CSS.highlights.set(FOCUS, new Highlight(...focused));
        else CSS.highlights.delete(FOCUS);
        this.clearBoxes();
        return;
      } catch {
        this.highlightsWork = false; // this page refuses the API: fall back to boxes for good
      }
    }
    this.clearHighlights();
    const clip = editor.getBoundingClientRect();
    const boxes = [];
    const all = [...spans.map((s) => ({ s, focus: false })), ...focus.map((s) => ({ s, focus: true }))];
    const measure = read.map ? (/** @type {any} */ s) => T.rangeFor(read.map, s.offset, s.length)
      : (/** @type {any} */ s) => this.mirrorRange(/** @type {HTMLTextAreaElement} */ (editor), read.text, s);
    for (const { s, focus: isFocus } of all) {
      const range = measure(s);
      if (!range) continue;
      for (const r of range.getClientRects()) {
        if (r.width < 1 || r.bottom < clip.top || r.top > clip.bottom || r.right < clip.left || r.left > clip.right) continue;
        const box = document.createElement("div");
        box.className = isFocus ? "box focus" : stale ? "box stale" : "box";
        box.dataset.offset = String(s.offset);
        box.dataset.length = String(s.length);
        const left = Math.max(r.left, clip.left);
        const right = Math.min(r.right, clip.right);
        box.style.left = `${left}px`;
        box.style.width = `${right - left}px`;
        box.style.top = isFocus ? `${r.top}px` : `${r.bottom - 1}px`;
        box.style.height = isFocus ? `${r.height}px` : "2px";
        boxes.push(box);
      }
    }
    this.layer.replaceChildren(...boxes);
  }

  /**
   * A range over a hidden copy of the textarea's text, laid out exactly like the textarea.
   * @param {HTMLTextAreaElement} textarea
   * @param {string} text
   * @param {import("../lib/messages.js").Span} span
   */
  mirrorRange(textarea, text, span) {
    if (!this.mirror) {
      this.mirror = document.createElement("div");
      this.mirror.className = "mirror";
      this.layer.getRootNode().appendChild(this.mirror);
    }
    const m = this.mirror;
    const cs = getComputedStyle(textarea);
    for (const key of MIRROR_STYLES) /** @type {any} */ (m.style)[key] = /** @type {any} */ (cs)[key];
    const rect = textarea.getBoundingClientRect();
    m.style.left = `${rect.left}px`;
    m.style.top = `${rect.top}px`;
    m.style.overflowY = textarea.scrollHeight > textarea.clientHeight ? "scroll" : "hidden";
    if (m.firstChild?.nodeValue !== text) m.textContent = text;
    const node = m.firstChild;
    m.scrollTop = textarea.scrollTop;
    m.scrollLeft = textarea.scrollLeft;
    if (!node || span.offset + span.length > text.length) return null;
    const range = document.createRange();
    range.setStart(node, span.offset);
    range.setEnd(node, span.offset + span.length);
    return range;
  }

  clearBoxes() {
    this.layer.replaceChildren();
  }

  clearHighlights() {
    if (typeof CSS !== "undefined" && "highlights" in CSS) {
      CSS.highlights.delete(HINT);
      CSS.highlights.delete(STALE);
      CSS.highlights.delete(FOCUS);
    }
  }

  clear() {
    this.clearBoxes();
    this.clearHighlights();
  }
};

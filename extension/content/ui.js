// @ts-check
// Tonkoll's one element on the page: a shadow-DOM host outside every editor, holding the badge,
// the panel, a polite live region and the underline boxes. It is positioned from the editor's
// rect, never inside it. Keyboard: Tab from the editor reaches the badge next, Alt+Shift+T opens
// the panel from the editor, Escape closes it and gives the editor its caret back.

globalThis.Tonkoll = globalThis.Tonkoll || {};

const UI_CSS = `
:host { all: initial; }
.layer, .badge, .panel, .mirror { position: fixed; }
.layer { left: 0; top: 0; width: 0; height: 0; pointer-events: none; z-index: 2147483646; }
.box { position: fixed; background: repeating-linear-gradient(90deg, #b45309 0 4px, transparent 4px 6px); pointer-events: none; }
.box.stale { background: repeating-linear-gradient(90deg, #6b7280 0 2px, transparent 2px 5px); }
.box.focus { background: rgba(253, 224, 71, 0.45); }
.mirror { visibility: hidden; white-space: pre-wrap; overflow-wrap: break-word; overflow: hidden; pointer-events: none; border-color: transparent; }
.badge { z-index: 2147483647; min-width: 22px; height: 22px; padding: 0 6px; border-radius: 11px; border: none;
  font: 600 12px/22px system-ui, sans-serif; color: #fff; background: #b45309; cursor: pointer; box-shadow: 0 1px 3px rgba(0,0,0,.25); }
.badge:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.badge[data-state="clear"] { background: #0f766e; }
.badge[data-state="busy"] { background: #4b5563; }
.badge[data-state="offline"], .badge[data-state="error"], .badge[data-state="consent"], .badge[data-state="unavailable"] {
  background: #e5e7eb; color: #1f2937; font-weight: 500; }
.badge[hidden], .panel[hidden] { display: none; }
.panel { z-index: 2147483647; width: 340px; overflow: auto; box-sizing: border-box; padding: 10px 12px;
  background: #fff; color: #111827; border: 1px solid #d1d5db; border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.18);
  font: 14px/1.4 system-ui, sans-serif; }
.panel:focus { outline: 2px solid #1d4ed8; outline-offset: -2px; }
.panel h2 { font-size: 14px; margin: 0 0 8px; }
.status { color: #374151; margin: 0 0 8px; }
.stale-note { color: #1f2937; background: #f3f4f6; border-radius: 4px; padding: 4px 8px; margin: 0 0 8px; }
.panel.stale .hint { background: #f3f4f6; border-left-color: #6b7280; color: #374151; }
.panel .open-consent { font: inherit; border: 1px solid #0f766e; color: #0f766e; background: #fff; border-radius: 4px; padding: 2px 8px; cursor: pointer; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;

/** Elements the browser's Tab key can reach (for "the control after the editor"). */
const TABBABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), ' +
  'textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"], [contenteditable=""], summary';

/** @param {Element} el */
const shown = (el) => {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden";
};

/** @param {KeyboardEvent} e */
const isShortcut = (e) => e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === "KeyT";

globalThis.Tonkoll.SHORTCUT = "Alt+Shift+T";

globalThis.Tonkoll.Ui = class Ui {
  /**
   * @param {{onFocusHint: (f: any) => void, onIgnore: (f: any) => void, onDisableRule: (f: any) => void,
   *          onApply: (f: any, value: string) => void}} actions
   */
  constructor(actions) {
    const T = globalThis.Tonkoll;
    this.actions = actions;
    this.host = document.createElement("tonkoll-hints");
    this.host.style.cssText = "all: initial; position: fixed; left: 0; top: 0; width: 0; height: 0; z-index: 2147483647;";
    this.root = this.host.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = UI_CSS + T.HINTS_CSS;
    this.layer = document.createElement("div");
    this.layer.className = "layer";
    this.badge = document.createElement("button");
    this.badge.className = "badge";
    this.badge.type = "button";
    this.badge.hidden = true;
    this.badge.setAttribute("aria-haspopup", "dialog");
    this.badge.setAttribute("aria-expanded", "false");
    this.badge.setAttribute("aria-controls", "tonkoll-panel");
    this.badge.setAttribute("aria-keyshortcuts", T.SHORTCUT);
    this.panel = document.createElement("div");
    this.panel.className = "panel";
    this.panel.id = "tonkoll-panel";
    this.panel.hidden = true;
    this.panel.tabIndex = -1;
    this.panel.setAttribute("role", "dialog");
    this.panel.setAttribute("aria-labelledby", "tonkoll-panel-title");
    this.live = document.createElement("div");
    this.live.className = "visually-hidden live";
    this.live.setAttribute("role", "status");
    this.live.setAttribute("aria-live", "polite");
    this.root.append(style, this.layer, this.badge, this.panel, this.live);
    // Clicking Tonkoll's UI must never take the caret out of the editor.
    this.root.addEventListener("mousedown", (e) => e.preventDefault());
    // A click by keyboard (Enter, Space) has detail 0: then the focus moves into the panel.
    this.badge.addEventListener("click", (e) => this.togglePanel(e.detail === 0));
    this.root.addEventListener("keydown", (e) => this.onOwnKey(/** @type {KeyboardEvent} */ (e)));
    addEventListener("keydown", (e) => this.onPageKey(e), true);
    addEventListener("pointerdown", (e) => {
      if (!this.panel.hidden && !e.composedPath().includes(this.host)) this.closePanel(false);
    }, true);
    this.underliner = new T.Underliner(this.layer);
    /** @type {HTMLElement|null} */
    this.editor = null;
    this.state = "idle";
    this.stale = false;
    /** @type {any} */
    this.report = null;
    this.statusText = "";
    this.panelSignature = "";
    this.announced = "";
    /** @type {Range|null} the writer's selection when the panel took the focus */
    this.savedRange = null;
  }

  mount() {
    if (!this.host.isConnected) document.documentElement.append(this.host);
  }

  /** @param {HTMLElement|null} editor */
  attach(editor) {
    if (this.editor !== editor) {
      this.underliner.clear();
      this.closePanel(false);
    }
    this.editor = editor;
    if (editor) this.badge.dataset.editor = globalThis.Tonkoll.editorKind(editor);
    this.mount();
  }

  /** Whether the keyboard focus is in the editor itself. */
  editorHasFocus() {
    const ed = this.editor;
    if (!ed) return false;
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    return Boolean(a && (a === ed || ed.contains(a)));
  }

  /** Keys pressed anywhere on the page (capture phase: before the page's own handlers). */
  onPageKey(/** @type {KeyboardEvent} */ e) {
    if (!this.editor || this.badge.hidden || e.composedPath().includes(this.host)) return;
    if (!e.composedPath().includes(this.editor)) return;
    if (isShortcut(e)) {
      e.preventDefault();
      e.stopPropagation();
      this.openPanel(true);
    } else if (e.key === "Escape" && !this.panel.hidden) {
      // Only Tonkoll's panel closes, not the composer around the editor.
      e.preventDefault();
      e.stopPropagation();
      this.closePanel(false);
    } else if (e.key === "Tab" && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      e.stopPropagation();
      this.saveSelection();
      this.badge.focus();
    }
  }

  /** Keys inside Tonkoll's own UI. */
  onOwnKey(/** @type {KeyboardEvent} */ e) {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      this.closePanel(true);
      return;
    }
    if (e.key !== "Tab") return;
    const stops = [this.badge, ...(this.panel.hidden ? [] : [...this.panel.querySelectorAll(TABBABLE)].filter(shown))];
    const at = stops.indexOf(/** @type {any} */ (this.root.activeElement));
    if (e.shiftKey && at <= 0) {
      e.preventDefault();
      this.returnFocus();
    } else if (!e.shiftKey && at === stops.length - 1) {
      e.preventDefault();
      this.focusAfterEditor();
    }
  }

  saveSelection() {
    const sel = getSelection();
    this.savedRange = sel && sel.rangeCount && this.editor?.contains(sel.anchorNode) ? sel.getRangeAt(0).cloneRange() : null;
  }

  /** Back into the editor, with the caret where the writer left it. */
  returnFocus() {
    const ed = this.editor;
    if (!ed || !ed.isConnected) return;
    ed.focus({ preventScroll: true });
    const r = this.savedRange;
    if (r && !(ed instanceof HTMLTextAreaElement) && ed.contains(r.startContainer)) {
      const sel = getSelection();
      sel?.removeAllRanges();
      sel?.addRange(r);
    }
  }

  /** To the control that follows the editor in the page (where Tab would have gone without us). */
  focusAfterEditor() {
    const ed = this.editor;
    if (!ed) return;
    const next = [...document.querySelectorAll(TABBABLE)].find((el) =>
      !ed.contains(el) && (ed.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) && shown(el));
    if (next) /** @type {HTMLElement} */ (next).focus();
    else this.badge.blur();
  }

  /**
   * @param {"idle"|"busy"|"hints"|"clear"|"offline"|"error"|"consent"|"unavailable"} state
   * @param {{report?: any, statusText?: string, error?: string, stale?: boolean}} [data]
   */
  show(state, data = {}) {
    const T = globalThis.Tonkoll;
    this.state = state;
    if (data.report !== undefined) this.report = data.report;
    this.stale = Boolean(data.stale && this.report);
    this.statusText = data.statusText || "";
    const b = this.badge;
    b.dataset.state = state;
    b.dataset.stale = String(this.stale);
    if (data.error) b.dataset.error = data.error;
    else delete b.dataset.error;
    const count = this.report ? this.report.findings.length : 0;
    b.dataset.count = String(state === "hints" || state === "clear" ? count : 0);
    if (state === "idle") {
      b.hidden = true;
      this.closePanel(this.root.activeElement !== null);
      this.underliner.clear();
      return;
    }
    if (!["hints", "clear", "offline", "error"].includes(state) || (!this.stale && (state === "offline" || state === "error"))) {
      this.underliner.clear();
    }
    b.hidden = false;
    if (state === "hints") b.textContent = String(count);
    else if (state === "clear") b.textContent = "✓";
    else if (state === "busy") b.textContent = "…";
    else if (state === "offline") b.textContent = T.t("badgeOffline");
    else if (state === "unavailable") b.textContent = T.t("badgeUnavailable");
    else b.textContent = "!";
    const title = state === "hints" ? T.t("badgeHintsTitle", [String(count)]) : (this.statusText || T.t("badgeClearTitle"));
    b.title = `${title} (${T.SHORTCUT})`;
    b.setAttribute("aria-label", title);
    if (!this.panel.hidden && this.signature() !== this.panelSignature) this.renderPanel();
    this.position();
  }

  /**
   * Tell screen readers the outcome of a fresh answer (politely, once per change).
   * @param {string} text
   */
  announce(text) {
    if (text === this.announced) return;
    this.announced = text;
    this.live.textContent = text;
  }

  /** What the panel shows; it is rebuilt only when this changes (never while the writer hovers). */
  signature() {
    const r = this.report;
    const items = r ? [...r.findings, ...r.strengths].map((f) =>
      `${f.rule_id}|${f.matched}|${f.message}|${(f.replacements || []).map((x) => x.value).join("/")}`) : [];
    return `${this.state}|${this.stale}|${this.statusText}|${items.join("\n")}`;
  }

  /** @param {boolean} byKeyboard */
  togglePanel(byKeyboard) {
    if (this.panel.hidden) this.openPanel(byKeyboard);
    else this.closePanel(byKeyboard);
  }

  /** @param {boolean} takeFocus move the keyboard focus into the panel */
  openPanel(takeFocus) {
    if (this.badge.hidden) return;
    if (takeFocus && this.editorHasFocus()) this.saveSelection();
    this.panel.hidden = false;
    this.badge.setAttribute("aria-expanded", "true");
    this.renderPanel();
    this.position();
    if (takeFocus) this.panel.focus({ preventScroll: true });
  }

  /** @param {boolean} returnFocus give the editor the focus back */
  closePanel(returnFocus) {
    const wasOpen = !this.panel.hidden;
    this.panel.hidden = true;
    this.badge.setAttribute("aria-expanded", "false");
    if (wasOpen && returnFocus) this.returnFocus();
  }

  renderPanel() {
    const T = globalThis.Tonkoll;
    const p = this.panel;
    this.panelSignature = this.signature();
    p.replaceChildren();
    p.classList.toggle("stale", this.stale);
    const title = document.createElement("h2");
    title.id = "tonkoll-panel-title";
    title.textContent = T.t("panelTitle");
    p.append(title);
    const withHints = this.state === "hints" || this.state === "clear" || this.stale;
    if (this.stale) {
      const note = document.createElement("p");
      note.className = "stale-note";
      note.textContent = T.t("hintsStale");
      p.append(note);
    }
    if (withHints) {
      const body = document.createElement("div");
      T.renderHints(body, this.report, {
        onFocus: (f) => this.actions.onFocusHint(f),
        onIgnore: (f) => this.actions.onIgnore(f),
        onDisableRule: (f) => this.actions.onDisableRule(f),
        onApply: this.stale ? undefined : (f, value) => this.actions.onApply(f, value),
      });
      if (this.stale) for (const li of body.querySelectorAll(".hint")) li.setAttribute("aria-description", T.t("hintStaleMark"));
      p.append(body);
      return;
    }
    const status = document.createElement("p");
    status.className = "status";
    status.textContent = this.statusText || T.t("badgeClearTitle");
    p.append(status);
    if (this.state === "consent") {
      const b = document.createElement("button");
      b.className = "open-consent";
      b.type = "button";
      b.textContent = T.t("consentOpen");
      b.addEventListener("click", () => T.ext.runtime.sendMessage({ type: T.MSG.openConsent }).catch(() => undefined));
      p.append(b);
    }
  }

  /** The composer's own controls near the editor (its Publicera/Posta button and friends). */
  composerButtons() {
    const ed = this.editor;
    if (!ed) return [];
    let scope = ed.closest('[role="dialog"], form');
    if (!scope) {
      scope = ed;
      for (let i = 0; i < 4 && scope.parentElement && scope.parentElement !== document.body; i++) scope = scope.parentElement;
    }
    const r = ed.getBoundingClientRect();
    return [...scope.querySelectorAll('button, [role="button"], input[type="submit"], input[type="button"]')]
      .filter((b) => !ed.contains(b))
      .map((b) => b.getBoundingClientRect())
      .filter((b) => b.width > 0 && b.height > 0 && b.top < r.bottom + 200 && b.bottom > r.top - 200);
  }

  /** Rectangles of the text in the editor (to keep the badge off it). */
  textRects() {
    const ed = this.editor;
    if (!ed) return [];
    if (ed instanceof HTMLTextAreaElement) {
      const range = this.underliner.mirrorRange(ed, ed.value, { offset: 0, length: ed.value.length, text: "" });
      return range ? [...range.getClientRects()] : [];
    }
    const range = document.createRange();
    range.selectNodeContents(ed);
    return [...range.getClientRects()];
  }

  /** Place the badge by the editor, out of the text's way, and the panel beside it. */
  position() {
    const T = globalThis.Tonkoll;
    const ed = this.editor;
    if (!ed || !ed.isConnected || this.badge.hidden) return;
    const r = ed.getBoundingClientRect();
    const view = { width: document.documentElement.clientWidth || innerWidth, height: innerHeight };
    const buttons = this.composerButtons();
    const size = { width: this.badge.offsetWidth || 24, height: this.badge.offsetHeight || 22 };
    const inset = ed instanceof HTMLTextAreaElement ? 20 : 6; // keep clear of the resize grip
    const spot = T.placeBadge(r, size, this.textRects(), buttons, { ...view, inset });
    this.badge.style.left = `${spot.left}px`;
    this.badge.style.top = `${spot.top}px`;
    this.badge.dataset.where = spot.where;
    if (this.panel.hidden) return;
    const p = this.panel;
    p.style.maxHeight = "none";
    const want = { width: 340, height: p.scrollHeight + 2 };
    const badgeBox = { left: spot.left, top: spot.top, right: spot.left + size.width, bottom: spot.top + size.height };
    const place = T.placePanel(r, badgeBox, want, buttons, view);
    p.style.left = `${place.left}px`;
    p.style.top = `${place.top}px`;
    p.style.width = `${place.width}px`;
    p.style.maxHeight = `${place.maxHeight}px`;
    p.dataset.side = place.side;
  }

  /**
   * @param {HTMLElement} editor
   * @param {{text: string, map: any}} read
   * @param {any[]} spans
   * @param {any[]} focus
   * @param {boolean} [stale] the hints are from an earlier answer
   */
  underline(editor, read, spans, focus, stale = false) {
    this.underliner.render(editor, read, spans, focus, stale);
  }
};

// @ts-check
// Tonkoll's one element on the page: a shadow-DOM host outside every editor, holding the badge,
// the panel and the underline boxes. It is positioned from the editor's rect, never inside it.

globalThis.Tonkoll = globalThis.Tonkoll || {};

const UI_CSS = `
:host { all: initial; }
.layer, .badge, .panel, .mirror { position: fixed; }
.layer { left: 0; top: 0; width: 0; height: 0; pointer-events: none; z-index: 2147483646; }
.box { position: fixed; background: repeating-linear-gradient(90deg, #d97706 0 4px, transparent 4px 6px); pointer-events: none; }
.box.focus { background: rgba(253, 224, 71, 0.45); }
.mirror { visibility: hidden; white-space: pre-wrap; overflow-wrap: break-word; overflow: hidden; pointer-events: none; border-color: transparent; }
.badge { z-index: 2147483647; min-width: 22px; height: 22px; padding: 0 6px; border-radius: 11px; border: none;
  font: 600 12px/22px system-ui, sans-serif; color: #fff; background: #d97706; cursor: pointer; box-shadow: 0 1px 3px rgba(0,0,0,.25); }
.badge[data-state="clear"] { background: #0f766e; }
.badge[data-state="busy"] { background: #9ca3af; }
.badge[data-state="offline"], .badge[data-state="error"], .badge[data-state="consent"] { background: #e5e7eb; color: #374151; font-weight: 500; }
.badge[hidden], .panel[hidden] { display: none; }
.panel { z-index: 2147483647; width: 320px; max-height: 60vh; overflow: auto; box-sizing: border-box; padding: 10px 12px;
  background: #fff; color: #111827; border: 1px solid #d1d5db; border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.18);
  font: 14px/1.4 system-ui, sans-serif; }
.panel h2 { font-size: 14px; margin: 0 0 8px; }
.status { color: #374151; margin: 0 0 8px; }
.panel .open-consent { font: inherit; border: 1px solid #0f766e; color: #0f766e; background: #fff; border-radius: 4px; padding: 2px 8px; cursor: pointer; }
`;

globalThis.Tonkoll.Ui = class Ui {
  /** @param {{onFocusHint: (f: any) => void, onIgnore: (f: any) => void, onDisableRule: (f: any) => void}} actions */
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
    this.panel = document.createElement("div");
    this.panel.className = "panel";
    this.panel.hidden = true;
    this.panel.setAttribute("role", "dialog");
    this.root.append(style, this.layer, this.badge, this.panel);
    // Clicking Tonkoll's UI must never take the caret out of the editor.
    this.root.addEventListener("mousedown", (e) => e.preventDefault());
    this.badge.addEventListener("click", () => this.togglePanel());
    this.underliner = new T.Underliner(this.layer);
    /** @type {HTMLElement|null} */
    this.editor = null;
    this.state = "idle";
    /** @type {any} */
    this.report = null;
    this.statusText = "";
    this.panelSignature = "";
  }

  mount() {
    if (!this.host.isConnected) document.documentElement.append(this.host);
  }

  /** @param {HTMLElement|null} editor */
  attach(editor) {
    if (this.editor !== editor) {
      this.underliner.clear();
      this.panel.hidden = true;
    }
    this.editor = editor;
    if (editor) this.badge.dataset.editor = globalThis.Tonkoll.editorKind(editor);
    this.mount();
  }

  /**
   * @param {"idle"|"busy"|"hints"|"clear"|"offline"|"error"|"consent"} state
   * @param {{report?: any, statusText?: string, error?: string}} [data]
   */
  show(state, data = {}) {
    const T = globalThis.Tonkoll;
    this.state = state;
    if (data.report !== undefined) this.report = data.report;
    this.statusText = data.statusText || "";
    const b = this.badge;
    b.dataset.state = state;
    if (data.error) b.dataset.error = data.error;
    else delete b.dataset.error;
    const count = this.report ? this.report.findings.length : 0;
    b.dataset.count = String(state === "hints" || state === "clear" ? count : 0);
    if (state === "idle") {
      b.hidden = true;
      this.panel.hidden = true;
      this.underliner.clear();
      return;
    }
    b.hidden = false;
    if (state === "hints") b.textContent = String(count);
    else if (state === "clear") b.textContent = "✓";
    else if (state === "busy") b.textContent = "…";
    else if (state === "offline") b.textContent = T.t("badgeOffline");
    else b.textContent = "!";
    b.title = state === "hints" ? T.t("badgeHintsTitle", [String(count)]) : (this.statusText || T.t("badgeClearTitle"));
    b.setAttribute("aria-label", b.title);
    if (!this.panel.hidden && this.signature() !== this.panelSignature) this.renderPanel();
    this.position();
  }

  /** What the panel shows; it is rebuilt only when this changes (never while the writer hovers). */
  signature() {
    const r = this.report;
    const items = r ? [...r.findings, ...r.strengths].map((f) => `${f.rule_id}|${f.matched}|${f.message}`) : [];
    return `${this.state}|${this.statusText}|${items.join("\n")}`;
  }

  togglePanel() {
    this.panel.hidden = !this.panel.hidden;
    if (!this.panel.hidden) this.renderPanel();
    this.position();
  }

  renderPanel() {
    const T = globalThis.Tonkoll;
    const p = this.panel;
    this.panelSignature = this.signature();
    p.replaceChildren();
    const title = document.createElement("h2");
    title.textContent = T.t("panelTitle");
    p.append(title);
    if (this.state === "hints" || this.state === "clear") {
      const body = document.createElement("div");
      T.renderHints(body, this.report, {
        onFocus: (f) => this.actions.onFocusHint(f),
        onIgnore: (f) => this.actions.onIgnore(f),
        onDisableRule: (f) => this.actions.onDisableRule(f),
      });
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

  /** Place the badge at the editor's lower right corner and the panel next to it. */
  position() {
    const ed = this.editor;
    if (!ed || !ed.isConnected || this.badge.hidden) return;
    const r = ed.getBoundingClientRect();
    const bw = this.badge.offsetWidth || 24;
    const inset = ed instanceof HTMLTextAreaElement ? 20 : 6; // keep clear of the resize grip
    const left = Math.max(0, Math.min(r.right - bw - inset, innerWidth - bw - 4));
    const top = Math.max(0, Math.min(r.bottom - 28, innerHeight - 26));
    this.badge.style.left = `${left}px`;
    this.badge.style.top = `${top}px`;
    if (!this.panel.hidden) {
      const pw = 320;
      this.panel.style.left = `${Math.max(4, Math.min(r.right - pw, innerWidth - pw - 4))}px`;
      const below = top + 28;
      const ph = this.panel.offsetHeight || 200;
      this.panel.style.top = `${below + ph < innerHeight ? below : Math.max(4, top - ph - 6)}px`;
    }
  }

  /**
   * @param {HTMLElement} editor
   * @param {{text: string, map: any}} read
   * @param {any[]} spans
   * @param {any[]} focus
   */
  underline(editor, read, spans, focus) {
    this.underliner.render(editor, read, spans, focus);
  }
};

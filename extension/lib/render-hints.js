// @ts-check
// Renders a report as a list of hints: the service's top three first, the rest under "visa fler",
// then the strengths. Used by the panel beside the editor and by the popup, so both look alike.

globalThis.Tonkoll = globalThis.Tonkoll || {};

/**
 * @typedef {import("./messages.js").Finding} Finding
 * @typedef {{onFocus?: (f: Finding|null) => void, onIgnore?: (f: Finding, item: HTMLElement) => void,
 *            onDisableRule?: (f: Finding) => void, onApply?: (f: Finding, value: string) => void}} HintActions
 */

/**
 * @param {string} tag
 * @param {string} className
 * @param {string} [text]
 */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * @param {Finding} f
 * @param {HintActions} actions
 */
function hintItem(f, actions) {
  const T = globalThis.Tonkoll;
  const li = el("li", `hint level-${f.level}`);
  li.dataset.ruleId = f.rule_id;
  li.tabIndex = 0;
  li.append(el("p", "message", f.message));
  const words = [...new Set((f.spans && f.spans.length ? f.spans : [{ text: f.matched }]).map((s) => s.text))]
    .filter(Boolean);
  if (words.length) li.append(el("p", "words", T.t("hintWords", [words.map((w) => `”${w}”`).join(", ")])));
  const replacements = (f.replacements || []).map((r) => r.value).filter((v) => typeof v === "string");
  const applicable = Boolean(actions.onApply && replacements.length);
  if (f.suggestions && f.suggestions.length && !applicable) {
    li.append(el("p", "suggestion", T.t("hintSuggestion", [f.suggestions.slice(0, 3).join(", ")])));
  }
  if (f.explanation || f.handbook) {
    const why = el("details", "why");
    why.append(el("summary", "", T.t("hintWhy")));
    if (f.explanation) why.append(el("p", "explanation", f.explanation));
    if (f.handbook) why.append(el("blockquote", "handbook", `”${f.handbook}”`));
    li.append(why);
  }
  if (applicable) {
    // One button per replacement: clicking puts it in place (through the editor's own input path).
    const row = el("div", "replacements");
    row.append(el("span", "lead", T.t("hintApplyLead")));
    for (const value of replacements.slice(0, 3)) {
      const b = el("button", "apply", value || T.t("hintApplyRemove"));
      b.type = "button";
      b.dataset.value = value;
      b.setAttribute("aria-label", T.t("hintApplyLabel", [f.matched, value]));
      b.addEventListener("click", () => actions.onApply?.(f, value));
      row.append(b);
    }
    li.append(row);
  } else if (replacements.length && !(f.suggestions && f.suggestions.length)) {
    li.append(el("p", "suggestion", T.t("hintSuggestion", [replacements.slice(0, 3).join(", ")])));
  }
  const buttons = el("div", "actions");
  if (actions.onIgnore) {
    const b = el("button", "ignore", T.t("hintIgnore"));
    b.type = "button";
    b.addEventListener("click", () => actions.onIgnore?.(f, li));
    buttons.append(b);
  }
  if (actions.onDisableRule) {
    const b = el("button", "disable-rule", T.t("hintDisableRule"));
    b.type = "button";
    b.title = T.t("hintDisableRuleTitle");
    b.addEventListener("click", () => actions.onDisableRule?.(f));
    buttons.append(b);
  }
  if (buttons.childElementCount) li.append(buttons);
  if (actions.onFocus) {
    li.addEventListener("mouseenter", () => actions.onFocus?.(f));
    li.addEventListener("mouseleave", () => actions.onFocus?.(null));
    li.addEventListener("focus", () => actions.onFocus?.(f));
    li.addEventListener("click", () => actions.onFocus?.(f));
  }
  return li;
}

/**
 * Fill `container` with the report's hints and strengths.
 * @param {HTMLElement} container
 * @param {{findings: Finding[], strengths: Finding[]}} report
 * @param {HintActions} actions
 */
globalThis.Tonkoll.renderHints = function renderHints(container, report, actions = {}) {
  const T = globalThis.Tonkoll;
  container.replaceChildren();
  const findings = report.findings;
  const flagged = findings.filter((f) => f.primary);
  const primary = flagged.length ? flagged : findings.slice(0, 3);
  const rest = findings.filter((f) => !primary.includes(f));
  if (!findings.length) container.append(el("p", "none", T.t("hintsNone")));
  if (primary.length) {
    const ul = el("ul", "hints primary");
    for (const f of primary) ul.append(hintItem(f, actions));
    container.append(ul);
  }
  if (rest.length) {
    const more = el("details", "more");
    more.append(el("summary", "", T.t("hintsMore", [String(rest.length)])));
    const ul = el("ul", "hints rest");
    for (const f of rest) ul.append(hintItem(f, actions));
    more.append(ul);
    container.append(more);
  }
  if (report.strengths && report.strengths.length) {
    container.append(el("p", "strengths-title", T.t("strengthsTitle")));
    const ul = el("ul", "strengths");
    for (const s of report.strengths) {
      const li = el("li", "strength", s.message);
      li.dataset.ruleId = s.rule_id;
      ul.append(li);
    }
    container.append(ul);
  }
};

/** Shared look of the hint list (the panel's shadow root and the popup both use it). */
globalThis.Tonkoll.HINTS_CSS = `
.hints, .strengths { list-style: none; margin: 0; padding: 0; }
.hint { border-left: 3px solid #b45309; padding: 6px 8px; margin: 0 0 8px; border-radius: 4px; background: #fffbeb; outline: none; }
.hint.level-warning { border-left-color: #b45309; }
.hint:hover, .hint:focus, .hint.focused { background: #fef3c7; }
.hint p { margin: 0 0 4px; }
.message { font-weight: 600; }
.words, .suggestion { color: #374151; }
.why summary, .more summary { cursor: pointer; color: #0f766e; }
.actions button { color: #1f2937; }
.why blockquote { margin: 4px 0; padding-left: 8px; border-left: 2px solid #99f6e4; color: #4b5563; font-style: italic; }
.actions, .replacements { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 4px; }
.replacements button { font: inherit; font-weight: 600; border: 1px solid #0f766e; color: #fff; background: #0f766e; border-radius: 4px; padding: 2px 8px; cursor: pointer; }
.replacements button:hover { background: #115e59; }
.replacements .lead { color: #374151; align-self: center; }
button:focus-visible, summary:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 2px; }
.actions button { font: inherit; font-size: 12px; border: 1px solid #d1d5db; background: #fff; border-radius: 4px; padding: 2px 6px; cursor: pointer; }
.strength { color: #065f46; background: #ecfdf5; border-radius: 4px; padding: 4px 8px; margin: 0 0 4px; }
.none { color: #065f46; }
.strengths-title { font-weight: 600; color: #065f46; margin: 8px 0 4px; }
`;

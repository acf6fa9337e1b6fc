// @ts-check
// The playground: send the draft to /v1/check and show hints, strengths, scores and LIX.
import { el, postJson, renderMarked, savedToken, saveToken } from "./api.js";
import { countEvent, countShown, newDraft } from "./feedback.js";

/** Theme titles (the same table as the rule files; the service's /v1/rules is the source). */
const THEMES = /** @type {Record<string, string>} */ ({
  rost: "Personlig röst", arlighet: "Ärlighet", klarsprak: "Klarspråk", dialog: "Dialog",
  lasbarhet: "Läsbarhet", kanal: "Kanal", overall: "Totalt",
});
const LEVELS = /** @type {Record<string, string>} */ ({ hint: "Tips", warning: "Se upp", praise: "Bra" });

/** After the first check the page follows your typing; the newest answer wins. */
const FOLLOW_MS = 700;
let sequence = 0;
let checkedOnce = false;
let timer = 0;
/** The last answer, its text and channel, and the rules the writer ignored in this draft. */
let last = /** @type {{text: string, report: any, channel: string}|null} */ (null);
const ignored = new Set();

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

function init() {
  const form = /** @type {HTMLFormElement} */ ($("check-form"));
  const draft = /** @type {HTMLTextAreaElement} */ ($("draft"));
  const token = /** @type {HTMLInputElement} */ ($("token"));
  token.value = savedToken();
  token.addEventListener("change", () => saveToken(token.value));
  draft.addEventListener("input", () => {
    $("count").textContent = `${draft.value.length} tecken.`;
    if (!draft.value.trim()) { newDraft(); ignored.clear(); }
    if (checkedOnce) { clearTimeout(timer); timer = setTimeout(check, FOLLOW_MS); }
  });
  for (const id of ["channel", "language"]) $(id).addEventListener("change", () => { if (checkedOnce) check(); });
  draft.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) form.requestSubmit();
  });
  form.addEventListener("submit", (e) => { e.preventDefault(); check(); });
  $("marked").addEventListener("click", (e) => {
    const mark = /** @type {HTMLElement} */ (e.target).closest("mark");
    const hint = mark && document.getElementById(`hint-${mark.dataset.hint}`);
    if (!hint) return;
    for (const other of document.querySelectorAll(".hint.selected")) other.classList.remove("selected");
    hint.classList.add("selected");
    hint.querySelector("details")?.setAttribute("open", "");
    hint.scrollIntoView({ block: "nearest" });
  });
}

async function check() {
  clearTimeout(timer);
  const mine = ++sequence;
  const text = /** @type {HTMLTextAreaElement} */ ($("draft")).value;
  const channel = /** @type {HTMLSelectElement} */ ($("channel")).value;
  const language = /** @type {HTMLSelectElement} */ ($("language")).value;
  saveToken(/** @type {HTMLInputElement} */ ($("token")).value);
  const button = /** @type {HTMLButtonElement} */ ($("check-button"));
  button.disabled = true;
  $("status").textContent = "Granskar …";
  try {
    const report = await postJson("/v1/check", { text, channel, language });
    if (mine !== sequence) return;
    checkedOnce = true;
    $("status").textContent = "";
    last = { text, report, channel };
    show(text, report);
  } catch (err) {
    if (mine !== sequence) return;
    const e = /** @type {Error & {status?: number}} */ (err);
    $("status").textContent = e.message;
    if (e.status === 401) /** @type {HTMLDetailsElement} */ ($("token-box")).open = true;
  } finally {
    if (mine === sequence) button.disabled = false;
  }
}

/** @param {string} text @param {any} report */
function show(text, report) {
  $("rules-version").textContent = report.rules_version;
  const findings = /** @type {any[]} */ (report.findings).filter((f) => !ignored.has(f.rule_id));
  if (last) countShown({ ...report, findings }, last.channel);
  const spans = findings.flatMap((f, index) =>
    (f.spans.length ? f.spans : [f]).map((/** @type {any} */ s) => ({
      offset: s.offset, length: s.length, index, level: f.level, title: f.message,
    })));
  renderMarked($("marked"), text, spans);
  $("marked-box").hidden = false;

  const hints = $("hints");
  hints.replaceChildren(...findings.map((f, i) => hintItem(f, i, text)));
  $("hints-empty").textContent = findings.length
    ? "" : "Inga tips den här gången – texten ser bra ut.";

  const strengths = /** @type {any[]} */ (report.strengths);
  $("strengths").replaceChildren(...(strengths.length
    ? strengths.map((s) => el("li", "strength", s.message))
    : [el("li", "muted", "Inga särskilda styrkor hittades ännu.")]));

  $("scores").replaceChildren(...Object.entries(report.scores)
    .sort(([a], [b]) => (a === "overall" ? -1 : b === "overall" ? 1 : 0))
    .map(([key, value]) => scoreRow(key, Number(value))));

  const r = report.readability;
  const rows = [
    ["LIX", `${Math.round(r.lix)} (${r.band})`], ["Ord", String(r.words)],
    ["Meningar", String(r.sentences)], ["Ord per mening", r.words_per_sentence.toFixed(1).replace(".", ",")],
    ["Långa ord", String(r.long_words)],
  ];
  $("readability").replaceChildren(...rows.flatMap(([k, v]) => [el("dt", "", k), el("dd", "", v)]));
}

/**
 * Put a replacement in place of its finding's span (UTF-16 offsets, as JavaScript strings
 * count) and check again. Only on the text that was checked: after more typing the offsets
 * would point elsewhere.
 * @param {string} checked @param {any} f @param {string} value @param {number} which its index
 */
function apply(checked, f, value, which) {
  const draft = /** @type {HTMLTextAreaElement} */ ($("draft"));
  if (draft.value !== checked) {
    $("status").textContent = "Texten har ändrats sedan granskningen – granska igen först.";
    return;
  }
  if (last) countEvent("applied", f, last.report, last.channel, which);
  draft.value = checked.slice(0, f.offset) + value + checked.slice(f.offset + f.length);
  const caret = f.offset + value.length;
  draft.focus();
  draft.setSelectionRange(caret, caret);
  $("count").textContent = `${draft.value.length} tecken.`;
  check();
}

/** @param {any} f @param {number} index @param {string} checked */
function hintItem(f, index, checked) {
  const li = el("li", `hint level-${f.level}${f.primary ? " primary" : ""}`);
  li.id = `hint-${index}`;
  const head = el("p", "hint-message");
  head.append(el("span", `badge level-${f.level}`, LEVELS[f.level] || f.level), " ", f.message);
  li.append(head);
  const replacements = /** @type {{value: string}[]} */ (f.replacements || []);
  if (replacements.length) {
    const row = el("p", "hint-replace");
    row.append(el("span", "muted", "Byt ut mot: "));
    for (const [which, r] of replacements.entries()) {
      const button = /** @type {HTMLButtonElement} */ (el("button", "replacement", r.value));
      button.type = "button";
      button.title = `Sätt in ”${r.value}” i stället för ”${f.matched}”`;
      button.addEventListener("click", () => apply(checked, f, r.value, which));
      row.append(button, " ");
    }
    li.append(row);
  } else if (f.suggestions.length) {
    li.append(el("p", "hint-suggest", `Förslag: ${f.suggestions.join(", ")}`));
  }
  const why = el("details", "hint-why");
  why.append(el("summary", "", "Varför?"));
  if (f.explanation) why.append(el("p", "", f.explanation));
  if (f.handbook) {
    const quote = el("blockquote", "handbook", `”${f.handbook}”`);
    quote.title = "Ur Malmö stads handbok för sociala medier";
    why.append(quote);
  }
  why.append(el("p", "rule-id muted small", f.rule_id));
  li.append(why);
  li.dataset.ruleId = f.rule_id;
  const ignore = el("button", "ignore small", "Ignorera här");
  ignore.setAttribute("type", "button");
  ignore.addEventListener("click", () => {
    if (!last) return;
    ignored.add(f.rule_id);
    countEvent("ignored", f, last.report, last.channel);
    show(last.text, last.report);
  });
  li.append(ignore);
  return li;
}

/** @param {string} key @param {number} value */
function scoreRow(key, value) {
  const row = el("div", `score${key === "overall" ? " overall" : ""}`);
  const bar = el("span", "bar");
  const fill = el("span", "fill");
  fill.style.width = `${Math.max(0, Math.min(100, value))}%`;
  bar.append(fill);
  row.append(el("span", "score-name", THEMES[key] || key), bar, el("span", "score-value", String(value)));
  return row;
}

init();

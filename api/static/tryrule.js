// @ts-check
// "Prova en regel": send a rule in YAML plus sentences to /v1/rules/try and show whether it
// loads, whether its own examples pass, and what it finds. Nothing is saved anywhere.
import { el, postJson, renderMarked, savedToken, saveToken } from "./api.js";

const EXAMPLE = `id: klarsprak.tillhandahalla
kind: substitution
level: hint
message: "Skriv hellre ”{suggestion}” än ”{match}”."
explanation: "Vardagsord går fram snabbare än myndighetsord."
handbook: "Användarna på sociala medier vill inte möta en trist myndighet"
entries:
  - match: [tillhandahålla, tillhandahåller, tillhandahöll, tillhandahållit]
    suggest: [ge, erbjuda]
examples:
  bad: ["Vi [[tillhandahåller]] kaffe under mötet."]
  good: ["Vi bjuder på kaffe under mötet."]
`;

function build() {
  const host = document.getElementById("prova-regel");
  if (!host) return;
  host.replaceChildren();
  const title = el("h2", "", "Prova en regel");
  title.id = "prova-rubrik";
  const intro = el("p", "muted",
    "Skriv en regel i YAML och några meningar att prova den på. Regeln sparas inte – " +
    "när den fungerar lägger du den i regelkatalogen.");
  const form = document.createElement("form");
  form.id = "try-form";
  const yaml = /** @type {HTMLTextAreaElement} */ (el("textarea", "code"));
  yaml.id = "try-yaml";
  yaml.rows = 14;
  yaml.spellcheck = false;
  yaml.value = EXAMPLE;
  const sentences = /** @type {HTMLTextAreaElement} */ (el("textarea"));
  sentences.id = "try-sentences";
  sentences.rows = 4;
  sentences.value = "Kommunen tillhandahåller parkeringstillstånd.\nVi ger dig svar i dag.";
  const language = /** @type {HTMLSelectElement} */ (el("select"));
  language.id = "try-language";
  language.append(new Option("Svenska", "sv"), new Option("Engelska", "en"));
  const button = /** @type {HTMLButtonElement} */ (el("button", "", "Prova regeln"));
  button.type = "submit";
  const status = el("p", "");
  status.setAttribute("role", "status");
  const result = el("div", "try-result");
  result.id = "try-result";

  form.append(
    labelled("Regel (YAML)", yaml), labelled("Meningar, en per rad", sentences),
    el("div", "row"),
  );
  /** @type {HTMLElement} */ (form.lastChild).append(labelled("Språk", language, ""), button);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    button.disabled = true;
    status.textContent = "Provar …";
    result.replaceChildren();
    try {
      const lines = sentences.value.split("\n").map((s) => s.trim()).filter(Boolean);
      const data = await postJson("/v1/rules/try",
        { yaml: yaml.value, sentences: lines, language: language.value });
      status.textContent = "";
      show(result, data);
    } catch (err) {
      const e = /** @type {Error & {status?: number}} */ (err);
      status.textContent = e.message;
      if (e.status === 401) showTokenField(form);
    } finally {
      button.disabled = false;
    }
  });
  host.append(title, intro, form, status, result);
}

/**
 * Pages without the playground's key field (/regler) get one here when the service asks.
 * @param {HTMLFormElement} form
 */
function showTokenField(form) {
  if (document.getElementById("token")) {
    /** @type {HTMLDetailsElement | null} */ (document.getElementById("token-box"))?.setAttribute("open", "");
    return;
  }
  const input = /** @type {HTMLInputElement} */ (el("input"));
  input.id = "token";
  input.type = "password";
  input.autocomplete = "off";
  input.value = savedToken();
  input.addEventListener("input", () => saveToken(input.value));
  form.append(labelled("API-nyckel (sparas bara i den här webbläsaren)", input));
}

/** @param {string} text @param {HTMLElement} control @param {string} [className] */
function labelled(text, control, className = "block") {
  const label = el("label", className, text);
  label.append(control);
  return label;
}

/** @param {HTMLElement} target @param {any} data */
function show(target, data) {
  if (data.error) {
    const where = data.error.line ? `Rad ${data.error.line}: ` : "";
    target.append(el("p", "try-error", `Regeln laddas inte. ${where}${data.error.message}`));
    return;
  }
  target.append(el("p", data.ok ? "try-ok" : "try-error", data.ok
    ? "Regeln laddas och alla dess exempel stämmer."
    : "Regeln laddas, men alla exempel stämmer inte."));
  for (const rule of data.rules) {
    const list = el("ul", "examples");
    for (const ex of rule.examples) {
      list.append(el("li", ex.ok ? "ok" : "fail", `${ex.ok ? "✓" : "✗"} ${ex.case_id}${ex.detail ? " – " + ex.detail : ""}`));
    }
    target.append(el("h3", "", rule.id), list);
  }
  if (data.results.length) target.append(el("h3", "", "Det här hittar regeln"));
  for (const r of data.results) {
    const p = el("p", "marked");
    renderMarked(p, r.sentence, r.findings.flatMap((/** @type {any} */ f, /** @type {number} */ i) =>
      (f.spans.length ? f.spans : [f]).map((/** @type {any} */ s) =>
        ({ offset: s.offset, length: s.length, index: i, level: f.level, title: f.message }))));
    const note = r.findings.length ? r.findings.map((/** @type {any} */ f) => f.message).join(" ") : "Inget hittat.";
    target.append(p, el("p", "muted small", note));
  }
}

build();

// @ts-check
// Shared by the playground and the rule reference: calls to the Tonkoll API with the
// optional API key kept in this browser's localStorage.

const TOKEN_KEY = "tonkoll-token";

/** @returns {string} */
export function savedToken() {
  try { return localStorage.getItem(TOKEN_KEY) || ""; } catch { return ""; }
}

/** @param {string} token */
export function saveToken(token) {
  try { localStorage.setItem(TOKEN_KEY, token.trim()); } catch { /* private mode */ }
}

/**
 * POST JSON to the service. Resolves to the parsed body; rejects with an Error whose
 * message is the service's Swedish message and whose `status` is the HTTP status.
 * @param {string} path
 * @param {unknown} body
 * @returns {Promise<any>}
 */
export async function postJson(path, body) {
  /** @type {Record<string, string>} */
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  const token = savedToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, { method: "POST", headers, body: JSON.stringify(body) });
  } catch {
    throw Object.assign(new Error("Tjänsten svarar inte. Försök igen om en stund."), { status: 0 });
  }
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const message = data.message || `Något gick fel (${response.status}).`;
    throw Object.assign(new Error(message), { status: response.status });
  }
  return data;
}

/**
 * Build an element with text content (never HTML from the service or the user).
 * @param {string} tag
 * @param {string} [className]
 * @param {string} [text]
 * @returns {HTMLElement}
 */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Render `text` into `target` with every span marked. Offsets are UTF-16 code units,
 * the same units JavaScript strings use, so slicing is direct. Where spans overlap (a word
 * inside a long sentence), each piece takes the shortest span covering it; pieces covered
 * only by a long span are underlined instead of filled.
 * @param {HTMLElement} target
 * @param {string} text
 * @param {{offset: number, length: number, index: number, level: string, title: string}[]} spans
 */
export function renderMarked(target, text, spans) {
  target.replaceChildren();
  const valid = spans.filter((s) => s.length > 0 && s.offset >= 0 && s.offset + s.length <= text.length);
  const cuts = new Set([0, text.length]);
  for (const s of valid) { cuts.add(s.offset); cuts.add(s.offset + s.length); }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i < points.length - 1; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const piece = text.slice(from, to);
    const covering = valid.filter((s) => s.offset <= from && s.offset + s.length >= to);
    if (!covering.length) { target.append(piece); continue; }
    const s = covering.reduce((a, b) => (b.length < a.length ? b : a));
    const mark = el("mark", `level-${s.level}${s.length > LONG_SPAN ? " long" : ""}`, piece);
    mark.dataset.hint = String(s.index);
    mark.title = s.title;
    target.append(mark);
  }
}

/** Spans longer than this (UTF-16 units) are sentences or more: underline, don't fill. */
const LONG_SPAN = 40;

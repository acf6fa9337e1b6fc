// @ts-check
// Calls to the Tonkoll service. Used by the background only: it is the extension's one network caller.

globalThis.Tonkoll = globalThis.Tonkoll || {};

const TIMEOUT_MS = 8000;
/** Longest text the extension sends; the service has its own limit and answers 413 above it. */
globalThis.Tonkoll.MAX_TEXT = 20000;

/**
 * @param {string} serverUrl
 * @param {string} path
 * @param {{method?: string, body?: unknown, token?: string, timeoutMs?: number}} opts
 * @returns {Promise<{ok: true, data: any} | {ok: false, error: import("./messages.js").ErrorInfo}>}
 */
globalThis.Tonkoll.callService = async function callService(serverUrl, path, opts = {}) {
  const T = globalThis.Tonkoll;
  let url;
  try {
    url = new URL(path, serverUrl.endsWith("/") ? serverUrl : `${serverUrl}/`);
  } catch {
    return { ok: false, error: { kind: "bad_request", message: T.t("error_bad_url") } };
  }
  /** @type {Record<string, string>} */
  const headers = { Accept: "application/json" };
  if (opts.body !== undefined) headers["Content-Type"] = "application/json";
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? TIMEOUT_MS);
  let response;
  try {
    response = await fetch(url.href, {
      method: opts.method || "GET",
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: "omit",
      cache: "no-store",
      redirect: "error",
      signal: controller.signal,
    });
  } catch {
    return { ok: false, error: { kind: "offline", message: T.t("error_offline") } };
  } finally {
    clearTimeout(timer);
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (response.ok && data && typeof data === "object") return { ok: true, data };
  return { ok: false, error: errorFor(response.status, data) };
};

/**
 * @param {number} status
 * @param {any} data
 * @returns {import("./messages.js").ErrorInfo}
 */
function errorFor(status, data) {
  const T = globalThis.Tonkoll;
  const code = String((data && (data.code || data.detail?.code)) || "");
  const serverMessage = data && typeof data.message === "string" ? data.message : "";
  if (status === 401 || status === 403) return { kind: "unauthorised", status, message: T.t("error_unauthorised") };
  if (status === 413 || /too_long|too_large/.test(code)) return { kind: "too_long", status, message: T.t("error_too_long") };
  if (status >= 500 || status === 0) return { kind: "server_error", status, message: T.t("error_server_error") };
  return { kind: "bad_request", status, message: serverMessage || T.t("error_server_error") };
}

/** @param {any} data */
globalThis.Tonkoll.isReport = function isReport(data) {
  return Boolean(data && Array.isArray(data.findings) && Array.isArray(data.strengths));
};

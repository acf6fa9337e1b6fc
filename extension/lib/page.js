// @ts-check
// Helpers for the extension's own pages (popup, options, consent).

globalThis.Tonkoll = globalThis.Tonkoll || {};

/** Fill `data-i18n` (text), `data-i18n-placeholder` and `data-i18n-title` from the locale files. */
globalThis.Tonkoll.localisePage = function localisePage() {
  const T = globalThis.Tonkoll;
  document.documentElement.lang = T.ext.i18n.getUILanguage().startsWith("sv") ? "sv" : T.t("langCode");
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = T.t(node.getAttribute("data-i18n") || "");
  for (const node of document.querySelectorAll("[data-i18n-placeholder]")) {
    node.setAttribute("placeholder", T.t(node.getAttribute("data-i18n-placeholder") || ""));
  }
  for (const node of document.querySelectorAll("[data-i18n-title]")) node.setAttribute("title", T.t(node.getAttribute("data-i18n-title") || ""));
};

/** @param {any} msg */
globalThis.Tonkoll.ask = async function ask(msg) {
  try {
    return await globalThis.Tonkoll.ext.runtime.sendMessage(msg);
  } catch {
    return { ok: false, error: { kind: "offline", message: globalThis.Tonkoll.t("error_offline") } };
  }
};

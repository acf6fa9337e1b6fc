// @ts-check
// One namespace for every extension script, and the one-line API shim (Firefox: browser, Chromium: chrome).
globalThis.Tonkoll = globalThis.Tonkoll || {};
globalThis.Tonkoll.ext = globalThis.browser ?? globalThis.chrome;
/** Localised UI text by message name, with substitutions; falls back to the key so a missing text is visible. */
globalThis.Tonkoll.t = (key, subs) => globalThis.Tonkoll.ext.i18n.getMessage(key, subs) || key;

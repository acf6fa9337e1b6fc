// @ts-check
// Settings kept in extension storage. Draft text is never stored here.

/**
 * @typedef {{origin: string, enabled: boolean}} CustomSite   // origin: "https://example.org" (no port)
 * @typedef {{consent: boolean, serverUrl: string, token: string, paused: boolean,
 *            sites: Object<string, boolean>, customSites: CustomSite[], disabledRules: string[],
 *            feedback: boolean}} Settings   feedback: send counts of how hints were treated
 */

globalThis.Tonkoll = globalThis.Tonkoll || {};

/** The social networks Tonkoll knows; on by default once the writer has agreed. */
globalThis.Tonkoll.BUILTIN_SITES = Object.freeze([
  { id: "facebook", label: "Facebook", hosts: ["facebook.com"], channel: "facebook" },
  { id: "x", label: "X (Twitter)", hosts: ["x.com", "twitter.com"], channel: "x" },
  { id: "linkedin", label: "LinkedIn", hosts: ["linkedin.com"], channel: "linkedin" },
  { id: "instagram", label: "Instagram", hosts: ["instagram.com"], channel: "instagram" },
]);

/** @type {Settings} */
globalThis.Tonkoll.DEFAULT_SETTINGS = Object.freeze({
  consent: false,
  serverUrl: "http://127.0.0.1:8000",
  token: "",
  paused: false,
  sites: { facebook: true, x: true, linkedin: true, instagram: true },
  customSites: [],
  disabledRules: [],
  feedback: true,
});

/** @returns {Promise<Settings>} */
globalThis.Tonkoll.loadSettings = async function loadSettings() {
  const defaults = globalThis.Tonkoll.DEFAULT_SETTINGS;
  const stored = await globalThis.Tonkoll.ext.storage.local.get(Object.keys(defaults));
  return {
    ...defaults,
    ...stored,
    sites: { ...defaults.sites, ...(stored.sites || {}) },
  };
};

/** @param {Partial<Settings>} patch */
globalThis.Tonkoll.saveSettings = async function saveSettings(patch) {
  await globalThis.Tonkoll.ext.storage.local.set(patch);
};

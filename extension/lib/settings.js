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

/**
 * What IT set through browser policy (Chrome/Edge: the `3rdparty` extension policy; Firefox:
 * the `3rdparty` enterprise policy), checked against managed_schema.json. Empty when nothing is
 * set (Firefox throws then, having no managed storage at all).
 * @returns {Promise<{serverUrl?: string, token?: string, sites?: Object<string, boolean>, customSites?: string[]}>}
 */
function managedSettings() {
  const T = globalThis.Tonkoll;
  // Read once per run and kept: right after the browser starts, the first read waits for the
  // policies to load (seconds). A change of policy clears the copy.
  if (!managedCache) {
    managedCache = T.ext.storage.managed.get(null).then(
      (/** @type {any} */ managed) => (managed && typeof managed === "object" ? managed : {}),
      () => ({}),
    );
    if (!managedWatched) {
      managedWatched = true;
      T.ext.storage.onChanged.addListener((_changes, area) => {
        if (area === "managed") managedCache = null;
      });
    }
  }
  return managedCache;
}
/** @type {Promise<any>|null} */
let managedCache = null;
let managedWatched = false;

/**
 * The writer's settings with IT's on top. `managed` names the settings IT decides (the options
 * page shows them locked).
 * @returns {Promise<Settings & {managed: string[]}>}
 */
globalThis.Tonkoll.loadSettings = async function loadSettings() {
  const T = globalThis.Tonkoll;
  const defaults = T.DEFAULT_SETTINGS;
  const stored = await T.ext.storage.local.get(Object.keys(defaults));
  const it = await managedSettings();
  const settings = {
    ...defaults,
    ...stored,
    sites: { ...defaults.sites, ...(stored.sites || {}) },
    customSites: [...(stored.customSites || [])],
    managed: /** @type {string[]} */ ([]),
  };
  if (typeof it.serverUrl === "string" && /^https?:\/\//.test(it.serverUrl)) {
    settings.serverUrl = it.serverUrl.replace(/\/+$/, "");
    settings.managed.push("serverUrl");
  }
  if (typeof it.token === "string") {
    settings.token = it.token;
    settings.managed.push("token");
  }
  if (it.sites && typeof it.sites === "object") {
    for (const site of T.BUILTIN_SITES) {
      if (typeof it.sites[site.id] === "boolean") {
        settings.sites[site.id] = it.sites[site.id];
        settings.managed.push(`sites.${site.id}`);
      }
    }
  }
  if (Array.isArray(it.customSites) && T.normaliseOrigin) {
    for (const raw of it.customSites) {
      const origin = T.normaliseOrigin(String(raw));
      if (!origin) continue;
      settings.customSites = [...settings.customSites.filter((s) => s.origin !== origin), { origin, enabled: true }];
      settings.managed.push(`customSites.${origin}`);
    }
  }
  return settings;
};

/** @param {Partial<Settings>} patch */
globalThis.Tonkoll.saveSettings = async function saveSettings(patch) {
  await globalThis.Tonkoll.ext.storage.local.set(patch);
};

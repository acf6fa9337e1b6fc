// @ts-check
// Which sites are enabled, and the content script registration for sites the writer added.

globalThis.Tonkoll = globalThis.Tonkoll || {};

/**
 * Normalise what a writer types ("example.org", "http://127.0.0.1:8080/x") to an origin without
 * port ("https://example.org", "http://127.0.0.1"); match patterns cannot name ports anyway.
 * @param {string} input
 * @returns {string|null}
 */
globalThis.Tonkoll.normaliseOrigin = function normaliseOrigin(input) {
  const raw = String(input || "").trim();
  if (!raw) return null;
  try {
    const url = new URL(/^[a-z]+:\/\//i.test(raw) ? raw : `https://${raw}`);
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    if (!url.hostname) return null;
    return `${url.protocol}//${url.hostname}`;
  } catch {
    return null;
  }
};

/** @param {string} origin */
globalThis.Tonkoll.originPattern = (origin) => `${origin}/*`;

/**
 * Decide from a page URL whether Tonkoll may check there, and which channel it is.
 * @param {string|undefined} pageUrl
 * @param {import("./settings.js").Settings} settings
 * @returns {{enabled: boolean, known: boolean, channel: string, siteId: string|null, origin: string|null}}
 */
globalThis.Tonkoll.siteForUrl = function siteForUrl(pageUrl, settings) {
  const none = { enabled: false, known: false, channel: "generic", siteId: null, origin: null };
  let url;
  try {
    url = new URL(pageUrl || "");
  } catch {
    return none;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return none;
  const host = url.hostname;
  const origin = `${url.protocol}//${host}`;
  for (const site of globalThis.Tonkoll.BUILTIN_SITES) {
    if (site.hosts.some((h) => host === h || host.endsWith(`.${h}`))) {
      const enabled = url.protocol === "https:" && settings.sites[site.id] !== false;
      return { enabled, known: true, channel: site.channel, siteId: site.id, origin };
    }
  }
  const custom = settings.customSites.find((s) => s.origin === origin);
  if (custom) return { enabled: Boolean(custom.enabled), known: true, channel: "generic", siteId: null, origin };
  return { ...none, origin };
};

const CUSTOM_SCRIPT_ID = "tonkoll-custom-sites";

/** The files the content script is made of (the same list as in manifest.json). */
globalThis.Tonkoll.CONTENT_JS = Object.freeze([
  "lib/browser.js", "lib/messages.js", "lib/render-hints.js", "content/textmap.js",
  "content/editors.js", "content/underline.js", "content/place.js", "content/apply.js", "content/ui.js",
  "content/main.js",
]);

let syncing = Promise.resolve();

/**
 * Register the content script for the enabled sites the writer added (and has granted), and
 * for nothing else. Serialised, so overlapping storage changes cannot race.
 * @returns {Promise<string[]>} the registered match patterns
 */
globalThis.Tonkoll.syncContentScripts = function syncContentScripts() {
  const T = globalThis.Tonkoll;
  const run = async () => {
    const settings = await T.loadSettings();
    const wanted = [];
    for (const site of settings.customSites) {
      if (!site.enabled) continue;
      const pattern = T.originPattern(site.origin);
      if (await T.ext.permissions.contains({ origins: [pattern] })) wanted.push(pattern);
    }
    const [existing] = await T.ext.scripting.getRegisteredContentScripts({ ids: [CUSTOM_SCRIPT_ID] });
    // Same sites, files and frames (an update may have changed the files): nothing to do.
    const same = existing && [...existing.matches].sort().join(" ") === [...wanted].sort().join(" ") &&
      (existing.js || []).join(" ") === T.CONTENT_JS.join(" ") && existing.allFrames === true;
    if (same) return wanted; // nothing to do: never leave a gap in which pages load without it
    if (existing && wanted.length) {
      await T.ext.scripting.updateContentScripts([{ id: CUSTOM_SCRIPT_ID, matches: wanted, js: [...T.CONTENT_JS], allFrames: true }]);
    } else if (existing) {
      await T.ext.scripting.unregisterContentScripts({ ids: [CUSTOM_SCRIPT_ID] });
    } else if (wanted.length) {
      await T.ext.scripting.registerContentScripts([{
        id: CUSTOM_SCRIPT_ID, matches: wanted, js: [...T.CONTENT_JS], runAt: "document_idle",
        allFrames: true, persistAcrossSessions: true,
      }]);
    }
    return wanted;
  };
  const next = syncing.then(run, run);
  syncing = next.catch(() => undefined);
  return next;
};

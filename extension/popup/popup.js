// @ts-check
// The popup: paste-and-check, the switch for the current site, and a pause switch.
(async () => {
  const T = globalThis.Tonkoll;
  T.localisePage();
  const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));
  let settings = await T.loadSettings();

  $("consent-needed").hidden = settings.consent;
  $("open-consent").addEventListener("click", () => T.ask({ type: T.MSG.openConsent }).then(() => window.close()));
  $("open-privacy").addEventListener("click", () => T.ask({ type: T.MSG.openConsent }));
  $("open-options").addEventListener("click", () => T.ext.runtime.openOptionsPage());

  // The page the popup was opened over (its URL is visible for sites Tonkoll has access to).
  const own = T.ext.runtime.getURL("");
  let [tab] = await T.ext.tabs.query({ active: true, currentWindow: true });
  if (!tab || !tab.url || tab.url.startsWith(own)) {
    const tabs = await T.ext.tabs.query({ active: true, windowType: "normal" });
    tab = tabs.find((t) => t.url && !t.url.startsWith(own)) || tab;
  }
  const pageUrl = tab && tab.url && !tab.url.startsWith(own) ? tab.url : "";
  const site = T.siteForUrl(pageUrl, settings);
  const siteBox = $("site-enabled");
  if (!site.origin) {
    $("site-label").textContent = T.t("popupSiteNone");
    siteBox.disabled = true;
  } else {
    $("site-label").textContent = T.t("popupSiteOn", [new URL(pageUrl).hostname]);
    siteBox.checked = site.enabled;
    siteBox.dataset.origin = site.origin;
  }
  if (settings.managed.includes(site.siteId ? `sites.${site.siteId}` : `customSites.${site.origin}`)) {
    siteBox.disabled = true; // IT decides this one
  }
  siteBox.addEventListener("change", async () => {
    const on = siteBox.checked;
    settings = await T.loadSettings();
    if (site.siteId) {
      await T.saveSettings({ sites: { ...settings.sites, [site.siteId]: on } });
    } else if (site.origin) {
      if (on && !(await T.ext.permissions.request({ origins: [T.originPattern(site.origin)] }))) {
        siteBox.checked = false;
        return;
      }
      const others = settings.customSites.filter((s) => s.origin !== site.origin &&
        !settings.managed.includes(`customSites.${s.origin}`));
      await T.saveSettings({ customSites: [...others, { origin: site.origin, enabled: on }] });
    }
    $("site-note").textContent = T.t("popupReload");
  });

  $("paused").checked = settings.paused;
  $("paused").addEventListener("change", () => T.saveSettings({ paused: $("paused").checked }));

  const check = async () => {
    const text = $("paste-text").value;
    const status = $("check-status");
    const results = $("results");
    results.replaceChildren();
    if (!text.trim()) {
      status.textContent = T.t("popupEmpty");
      return;
    }
    status.textContent = T.t("badgeBusy");
    const answer = await T.ask({ type: T.MSG.checkText, text, channel: $("channel").value });
    if (!answer || !answer.ok) {
      status.textContent = answer?.error?.message || T.t("error_offline");
      status.dataset.error = answer?.error?.kind || "offline";
      return;
    }
    delete status.dataset.error;
    const n = answer.report.findings.length;
    status.textContent = n ? T.t("popupCount", [String(n)]) : T.t("hintsNone");
    T.renderHints(results, answer.report, {
      onIgnore: (_f, item) => item.remove(),
      onDisableRule: async (f) => {
        await T.ask({ type: T.MSG.disableRule, ruleId: f.rule_id });
        check();
      },
    });
  };
  $("check").addEventListener("click", check);
  const style = document.createElement("style");
  style.textContent = T.HINTS_CSS;
  document.head.append(style);
})();

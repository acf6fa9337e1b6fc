// @ts-check
// Options: server and token, enabled sites, rules turned off. Everything is kept in storage.local.
(async () => {
  const T = globalThis.Tonkoll;
  T.localisePage();
  const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));
  let settings = await T.loadSettings();

  $("consent-state").textContent = T.t(settings.consent ? "optionsConsentGiven" : "consentNotGiven");
  $("open-privacy").addEventListener("click", () => T.ask({ type: T.MSG.openConsent }));

  // --- server and token ---
  $("server-url").value = settings.serverUrl;
  $("token").value = settings.token;
  /** @returns {Promise<string|null>} the server URL, once the extension may reach it */
  const serverUrlWithAccess = async () => {
    const raw = String($("server-url").value).trim();
    let url;
    try {
      url = new URL(raw);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
      $("server-status").textContent = T.t("error_bad_url");
      return null;
    }
    const pattern = T.originPattern(`${url.protocol}//${url.hostname}`);
    if (!(await T.ext.permissions.contains({ origins: [pattern] })) &&
        !(await T.ext.permissions.request({ origins: [pattern] }))) {
      $("server-status").textContent = T.t("optionsNoPermission");
      return null;
    }
    return url.href.replace(/\/+$/, "");
  };
  $("save-server").addEventListener("click", async () => {
    const serverUrl = await serverUrlWithAccess();
    if (!serverUrl) return;
    await T.saveSettings({ serverUrl, token: String($("token").value).trim() });
    $("server-status").textContent = T.t("optionsSaved");
    $("server-status").dataset.saved = "true";
    loadRules();
  });
  $("test-connection").addEventListener("click", async () => {
    const serverUrl = await serverUrlWithAccess();
    if (!serverUrl) return;
    $("server-status").textContent = T.t("badgeBusy");
    const answer = await T.ask({ type: T.MSG.health, serverUrl, token: String($("token").value).trim() });
    $("server-status").dataset.ok = String(Boolean(answer?.ok));
    $("server-status").textContent = answer?.ok
      ? T.t("optionsConnected", [String(answer.health.rules ?? "?"), String(answer.health.status ?? "")])
      : answer?.error?.message || T.t("error_offline");
  });

  // --- field feedback (counts only; lib/feedback.js) ---
  $("feedback").checked = settings.feedback !== false;
  $("feedback").addEventListener("change", () => T.saveSettings({ feedback: Boolean($("feedback").checked) }));

  // --- sites ---
  const renderSites = () => {
    const builtin = $("builtin-sites");
    builtin.replaceChildren();
    for (const site of T.BUILTIN_SITES) {
      const label = document.createElement("label");
      label.className = "switch";
      const box = document.createElement("input");
      box.type = "checkbox";
      box.dataset.site = site.id;
      box.checked = settings.sites[site.id] !== false;
      box.addEventListener("change", async () => {
        settings = await T.loadSettings();
        await T.saveSettings({ sites: { ...settings.sites, [site.id]: box.checked } });
        settings = await T.loadSettings();
      });
      label.append(box, document.createTextNode(` ${site.label}`));
      builtin.append(label);
    }
    const list = $("custom-sites");
    list.replaceChildren();
    for (const site of settings.customSites) {
      const li = document.createElement("li");
      li.dataset.origin = site.origin;
      const box = document.createElement("input");
      box.type = "checkbox";
      box.checked = site.enabled;
      box.addEventListener("change", () => updateCustom(site.origin, box.checked));
      const remove = document.createElement("button");
      remove.type = "button";
      remove.textContent = T.t("optionsRemoveSite");
      remove.addEventListener("click", () => updateCustom(site.origin, null));
      li.append(box, document.createTextNode(site.origin), remove);
      list.append(li);
    }
  };
  /** @param {string} origin @param {boolean|null} enabled null removes the site */
  const updateCustom = async (origin, enabled) => {
    settings = await T.loadSettings();
    const others = settings.customSites.filter((s) => s.origin !== origin);
    const customSites = enabled === null ? others : [...others, { origin, enabled }];
    await T.saveSettings({ customSites });
    settings = await T.loadSettings();
    renderSites();
  };
  $("add-site").addEventListener("click", async () => {
    const origin = T.normaliseOrigin($("new-site").value);
    if (!origin) {
      $("site-status").textContent = T.t("optionsBadSite");
      return;
    }
    // The permission request must come straight from the click.
    const granted = await T.ext.permissions.request({ origins: [T.originPattern(origin)] });
    if (!granted) {
      $("site-status").textContent = T.t("optionsNoPermission");
      return;
    }
    await updateCustom(origin, true);
    $("new-site").value = "";
    $("site-status").textContent = T.t("optionsSiteAdded", [origin]);
  });
  renderSites();

  // --- rules ---
  const loadRules = async () => {
    const box = $("rules");
    document.body.dataset.rulesLoaded = "false";
    box.replaceChildren();
    $("rules-status").textContent = T.t("badgeBusy");
    const answer = await T.ask({ type: T.MSG.rules });
    if (!answer?.ok) {
      $("rules-status").textContent = answer?.error?.message || T.t("error_offline");
      return;
    }
    $("rules-status").textContent = "";
    settings = await T.loadSettings();
    const disabled = new Set(settings.disabledRules);
    const themes = answer.rules.themes || {};
    /** @type {Map<string, any[]>} */
    const byTheme = new Map();
    for (const rule of answer.rules.rules || []) {
      if (rule.enabled === false) continue;
      if (!byTheme.has(rule.theme)) byTheme.set(rule.theme, []);
      byTheme.get(rule.theme)?.push(rule);
    }
    for (const [theme, rules] of byTheme) {
      const h = document.createElement("p");
      h.className = "theme";
      h.textContent = themes[theme] || theme;
      box.append(h);
      for (const rule of rules) {
        const label = document.createElement("label");
        label.className = "rule";
        const input = document.createElement("input");
        input.type = "checkbox";
        input.dataset.ruleId = rule.id;
        input.checked = !disabled.has(rule.id);
        input.addEventListener("change", async () => {
          const now = new Set((await T.loadSettings()).disabledRules);
          if (input.checked) now.delete(rule.id);
          else now.add(rule.id);
          await T.saveSettings({ disabledRules: [...now] });
        });
        const text = document.createElement("span");
        const example = rule.examples?.bad?.[0] ? ` – ${String(rule.examples.bad[0]).replace(/\[\[|\]\]/g, "")}` : "";
        text.textContent = `${rule.message.replace(/\{[a-z]+\}/g, "…")}`;
        const small = document.createElement("small");
        small.textContent = ` ${rule.id} (${rule.language})${example}`;
        text.append(small);
        label.append(input, text);
        box.append(label);
      }
    }
    document.body.dataset.rulesLoaded = "true";
  };
  loadRules();
})();

// @ts-check
// Options: server and token, enabled sites, rules turned off. Everything is kept in storage.local.
(async () => {
  const T = globalThis.Tonkoll;
  T.localisePage();
  const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));
  let settings = await T.loadSettings();

  $("consent-state").textContent = T.t(settings.consent ? "optionsConsentGiven" : "consentNotGiven");
  $("open-privacy").addEventListener("click", () => T.ask({ type: T.MSG.openConsent }));

  // --- server and token (locked where IT set them by policy) ---
  $("server-url").value = settings.serverUrl;
  $("token").value = settings.token;
  const managed = new Set(settings.managed);
  for (const [key, id] of [["serverUrl", "server-url"], ["token", "token"]]) {
    if (!managed.has(key)) continue;
    $(id).disabled = true;
    $(id).setAttribute("aria-describedby", "managed-note");
  }
  if (managed.size) {
    $("managed-note").hidden = false;
    $("save-server").disabled = managed.has("serverUrl") && managed.has("token");
  }
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
      box.disabled = managed.has(`sites.${site.id}`);
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
      const locked = managed.has(`customSites.${site.origin}`);
      box.disabled = locked;
      box.addEventListener("change", () => updateCustom(site.origin, box.checked));
      const remove = document.createElement("button");
      remove.type = "button";
      remove.textContent = T.t("optionsRemoveSite");
      remove.addEventListener("click", () => updateCustom(site.origin, null));
      const label = document.createElement("label");
      label.append(box, document.createTextNode(` ${site.origin}`));
      remove.setAttribute("aria-label", `${T.t("optionsRemoveSite")} ${site.origin}`);
      remove.hidden = locked;
      li.append(label, remove);
      list.append(li);
    }
  };
  /** @param {string} origin @param {boolean|null} enabled null removes the site */
  const updateCustom = async (origin, enabled) => {
    settings = await T.loadSettings();
    // Only the writer's own sites are saved; IT's come from policy each time.
    const others = settings.customSites.filter((s) => s.origin !== origin && !managed.has(`customSites.${s.origin}`));
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

  // --- rules: grouped by theme, the UI language's first, searchable ---
  const uiLanguage = T.t("langCode");
  /** @param {any} rule */
  const ruleRow = (rule, /** @type {Set<string>} */ disabled) => {
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
    const bad = rule.examples?.bad?.[0] ? String(rule.examples.bad[0]).replace(/\[\[|\]\]/g, "") : "";
    text.textContent = `${rule.message.replace(/\{[a-z_]+\}/g, "…")}`;
    const small = document.createElement("small");
    small.textContent = ` ${rule.id}${bad ? ` – ${bad}` : ""}`;
    text.append(small);
    label.append(input, text);
    label.dataset.search = `${rule.id} ${rule.message} ${rule.explanation || ""} ${(rule.examples?.bad || []).join(" ")}`.toLowerCase();
    return label;
  };
  const filterRules = () => {
    const words = String($("rule-search").value).toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const group of document.querySelectorAll("#rules details.theme-group")) {
      let inGroup = 0;
      for (const row of group.querySelectorAll("label.rule")) {
        const hit = words.every((w) => /** @type {HTMLElement} */ (row).dataset.search?.includes(w) ||
          /** @type {HTMLElement} */ (group).dataset.theme?.includes(w));
        /** @type {HTMLElement} */ (row).hidden = !hit;
        if (hit) inGroup++;
      }
      /** @type {HTMLElement} */ (group).hidden = inGroup === 0;
      /** @type {HTMLDetailsElement} */ (group).open = words.length > 0 && inGroup > 0;
      shown += inGroup;
    }
    $("rule-search-status").textContent = words.length ? T.t("optionsRuleHits", [String(shown)]) : "";
  };
  $("rule-search").addEventListener("input", filterRules);
  const loadRules = async () => {
    const box = $("rules");
    document.body.dataset.rulesLoaded = "false";
    box.replaceChildren();
    settings = await T.loadSettings();
    if (!settings.consent) {
      // Nothing goes to the service before the writer has agreed, not even from this page.
      $("rules-status").textContent = T.t("optionsRulesAfterConsent");
      return;
    }
    $("rules-status").textContent = T.t("badgeBusy");
    const answer = await T.ask({ type: T.MSG.rules });
    if (!answer?.ok) {
      $("rules-status").textContent = answer?.error?.message || T.t("error_offline");
      return;
    }
    $("rules-status").textContent = "";
    const disabled = new Set(settings.disabledRules);
    const themes = answer.rules.themes || {};
    /** @type {Map<string, Map<string, any[]>>} language → theme → rules */
    const byLanguage = new Map();
    for (const rule of answer.rules.rules || []) {
      if (rule.enabled === false) continue;
      if (!byLanguage.has(rule.language)) byLanguage.set(rule.language, new Map());
      const byTheme = /** @type {Map<string, any[]>} */ (byLanguage.get(rule.language));
      if (!byTheme.has(rule.theme)) byTheme.set(rule.theme, []);
      byTheme.get(rule.theme)?.push(rule);
    }
    const languages = [...byLanguage.keys()].sort((a, b) => Number(b === uiLanguage) - Number(a === uiLanguage) || a.localeCompare(b));
    for (const language of languages) {
      const h = document.createElement("h3");
      h.textContent = T.ext.i18n.getMessage(`optionsRulesLanguage_${language}`) || language;
      box.append(h);
      for (const [theme, rules] of /** @type {Map<string, any[]>} */ (byLanguage.get(language))) {
        const group = document.createElement("details");
        group.className = "theme-group";
        group.dataset.theme = `${theme} ${themes[theme] || ""}`.toLowerCase();
        group.dataset.language = language;
        const summary = document.createElement("summary");
        const off = rules.filter((r) => disabled.has(r.id)).length;
        summary.textContent = T.t(off ? "optionsThemeCountOff" : "optionsThemeCount", [themes[theme] || theme, String(rules.length), String(off)]);
        group.append(summary);
        for (const rule of rules) group.append(ruleRow(rule, disabled));
        box.append(group);
      }
    }
    filterRules();
    document.body.dataset.rulesLoaded = "true";
  };
  loadRules();
})();

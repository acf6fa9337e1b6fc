// @ts-check
// The background: the extension's only network caller. It keeps no draft text.
// Chromium runs it as a service worker (importScripts below); Firefox as background scripts
// listed in manifest.json, where importScripts does not exist.
if (typeof importScripts === "function" && !globalThis.Tonkoll?.callService) {
  importScripts("lib/browser.js", "lib/messages.js", "lib/settings.js", "lib/sites.js", "lib/service.js",
    "lib/feedback.js");
}

const T = globalThis.Tonkoll;
const { ext } = T;

/** @param {chrome.runtime.MessageSender} sender */
function fromExtensionPage(sender) {
  return sender.id === ext.runtime.id && typeof sender.url === "string" &&
    sender.url.startsWith(ext.runtime.getURL(""));
}

/**
 * @param {import("./lib/messages.js").ErrorInfo["kind"]} kind
 * @param {string} [message]
 */
function fail(kind, message) {
  return { ok: false, error: { kind, message: message || T.t(`error_${kind}`) } };
}

/**
 * Why a page may not be checked, or null when it may. Decided from the sender, never the message.
 * @param {chrome.runtime.MessageSender} sender
 * @param {import("./lib/settings.js").Settings} settings
 */
function refusal(sender, settings) {
  if (!settings.consent) return "consent_needed";
  if (settings.paused) return "paused";
  if (!sender.tab || !T.siteForUrl(sender.url, settings).enabled) return "site_disabled";
  return null;
}

/**
 * @param {string} text
 * @param {string} channel
 * @param {import("./lib/settings.js").Settings} settings
 */
async function checkText(text, channel, settings) {
  if (typeof text !== "string" || !text.trim()) return fail("bad_request");
  if (text.length > T.MAX_TEXT) return fail("too_long", T.t("error_too_long"));
  const body = { text, language: "auto", channel, disabled_rules: settings.disabledRules };
  const answer = await T.callService(settings.serverUrl, "v1/check", { method: "POST", body, token: settings.token });
  if (!answer.ok) return answer;
  if (!T.isReport(answer.data)) return fail("server_error", T.t("error_server_error"));
  return { ok: true, report: answer.data };
}

/**
 * A hint the writer ignored in one tab on one site, as a hash (no draft text is kept, even for
 * the session). Kept in storage.session: gone when the browser closes.
 * @param {chrome.runtime.MessageSender} sender @param {string} ruleId @param {string} matched
 */
async function ignoreKey(sender, ruleId, matched) {
  let origin = "";
  try {
    origin = new URL(sender.url || "").origin;
  } catch {
    origin = "";
  }
  const bytes = new TextEncoder().encode(`${sender.tab?.id}\u0000${origin}\u0000${ruleId}\u0000${matched.toLowerCase()}`);
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Leave out the hints the writer ignored in this tab and site, so they stay away after a reload.
 * @param {any} report @param {chrome.runtime.MessageSender} sender
 */
async function withoutIgnored(report, sender) {
  const { ignored = [] } = await ext.storage.session.get("ignored");
  if (!ignored.length) return report;
  const keys = await Promise.all(report.findings.map((/** @type {any} */ f) => ignoreKey(sender, f.rule_id, f.matched)));
  return { ...report, findings: report.findings.filter((/** @type {any} */ _f, /** @type {number} */ i) => !ignored.includes(keys[i])) };
}

/**
 * @param {any} msg
 * @param {chrome.runtime.MessageSender} sender
 */
async function handle(msg, sender) {
  if (sender.id !== ext.runtime.id || !msg || typeof msg.type !== "string") return fail("not_allowed");
  const settings = await T.loadSettings();
  const page = fromExtensionPage(sender);
  switch (msg.type) {
    case T.MSG.status: {
      const reason = refusal(sender, settings);
      return { ok: true, active: reason === null, reason };
    }
    case T.MSG.check: {
      const reason = refusal(sender, settings);
      if (reason) return fail(reason);
      const channel = msg.reply === true ? "reply" : T.siteForUrl(sender.url, settings).channel;
      const answer = await checkText(msg.text, channel, settings);
      return answer.ok ? { ok: true, report: await withoutIgnored(answer.report, sender) } : answer;
    }
    case T.MSG.frameStatus: {
      if (typeof msg.url !== "string" || !sender.tab) return fail("bad_request");
      const site = T.siteForUrl(msg.url, settings);
      return { ok: true, active: refusal(sender, settings) === null && site.enabled };
    }
    case T.MSG.ignore: {
      if (!sender.tab || typeof msg.rule_id !== "string" || typeof msg.matched !== "string") return fail("bad_request");
      const { ignored = [] } = await ext.storage.session.get("ignored");
      const key = await ignoreKey(sender, msg.rule_id, msg.matched);
      if (!ignored.includes(key)) await ext.storage.session.set({ ignored: [...ignored, key].slice(-500) });
      return { ok: true };
    }
    case T.MSG.checkText: {
      if (!page) return fail("not_allowed");
      if (!settings.consent) return fail("consent_needed");
      return checkText(msg.text, T.CHANNELS.includes(msg.channel) ? msg.channel : "generic", settings);
    }
    case T.MSG.health: {
      if (!page) return fail("not_allowed");
      const serverUrl = typeof msg.serverUrl === "string" && msg.serverUrl ? msg.serverUrl : settings.serverUrl;
      const token = typeof msg.token === "string" ? msg.token : settings.token;
      const answer = await T.callService(serverUrl, "v1/health", { token, timeoutMs: 5000 });
      if (!answer.ok) return answer;
      // Health is open to all; the rule list needs the token when the service demands one.
      const rules = await T.callService(serverUrl, "v1/rules", { token, timeoutMs: 5000 });
      if (!rules.ok && rules.error.kind === "unauthorised") return rules;
      return { ok: true, health: answer.data };
    }
    case T.MSG.rules: {
      if (!page) return fail("not_allowed");
      const answer = await T.callService(settings.serverUrl, "v1/rules", { token: settings.token });
      return answer.ok ? { ok: true, rules: answer.data } : answer;
    }
    case T.MSG.disableRule: {
      if (typeof msg.ruleId !== "string" || !/^[a-z0-9-]+\.[a-z0-9-]+$/.test(msg.ruleId)) return fail("bad_request");
      const disabled = new Set(settings.disabledRules);
      disabled.add(msg.ruleId);
      await T.saveSettings({ disabledRules: [...disabled] });
      return { ok: true };
    }
    case T.MSG.feedback: {
      // Counts from a page Tonkoll checks; the channel comes from the sender, as for checks.
      if (refusal(sender, settings)) return fail("not_allowed");
      const channel = msg.reply === true ? "reply" : T.siteForUrl(sender.url, settings).channel;
      await T.countFeedback(msg.events, channel, settings);
      return { ok: true };
    }
    case T.MSG.sendFeedback:
      if (!page) return fail("not_allowed");
      return T.sendFeedback();
    case T.MSG.openConsent:
      await ext.tabs.create({ url: ext.runtime.getURL("consent/consent.html") });
      return { ok: true };
    case T.MSG.openOptions:
      await ext.runtime.openOptionsPage();
      return { ok: true };
    default:
      return fail("bad_request");
  }
}

ext.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  handle(msg, sender).then(sendResponse, () => sendResponse(fail("server_error", T.t("error_server_error"))));
  return true; // answer asynchronously
});

ext.runtime.onInstalled.addListener(async (details) => {
  T.syncContentScripts().catch(() => undefined);
  if (details.reason === "install") {
    // Only the writer's own consent counts here (no need to wait for IT's policies to load).
    const { consent } = await ext.storage.local.get("consent");
    if (!consent) await ext.tabs.create({ url: ext.runtime.getURL("consent/consent.html") });
  }
});

ext.runtime.onStartup.addListener(() => {
  T.syncContentScripts().catch(() => undefined);
});

ext.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && (changes.customSites || changes.consent)) T.syncContentScripts().catch(() => undefined);
  if (area === "local" && (changes.consent?.newValue === false || changes.feedback?.newValue === false)) {
    T.dropFeedback().catch(() => undefined);
  }
});

// Field feedback: counts wait at most a minute (or until 50 have gathered) before they are sent.
T.startFeedbackAlarm().catch(() => undefined);
ext.alarms?.onAlarm.addListener((alarm) => {
  if (alarm.name === T.FEEDBACK_ALARM) T.sendFeedback().catch(() => undefined);
});

ext.permissions.onAdded.addListener(() => {
  T.syncContentScripts().catch(() => undefined);
});

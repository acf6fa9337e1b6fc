// @ts-check
// The content script's wiring: follow the editor the writer uses, ask the background for hints
// about 700 ms after the last key (one request in flight per editor, stale answers dropped), and
// render. It only reads the editor; it writes to it only when the writer clicks a replacement.

(() => {
  const T = globalThis.Tonkoll;
  if (T.contentStarted) return;
  T.contentStarted = true;

  const DEBOUNCE_MS = 700;
  const MIN_CHARS = 20;
  const RETRY_FIRST_MS = 1000;
  const RETRY_MAX_MS = 5000;

  /**
   * @typedef {{seq: number, inFlight: boolean, again: boolean, timer: number, report: any,
   *            reportText: string, sentText: string|null, dismissed: Set<string>, error: string|null,
   *            retryDelay: number, retryTimer: number, shown: Set<string>}} EditorState
   *   shown: rule ids already counted as shown in this draft (field feedback counts each once)
   */
  /** @type {WeakMap<HTMLElement, EditorState>} */
  const states = new WeakMap();
  /** @type {HTMLElement|null} */
  let active = null;
  /** @type {any} */
  let focusHint = null;
  let frame = 0;
  let alive = true;
  /** Whether the background lets this page be checked (refreshed on settings changes). */
  let status = { active: false, reason: /** @type {string|null} */ ("unknown") };

  const ui = new T.Ui({
    onFocusHint: (f) => { focusHint = f; scheduleRender(); },
    onIgnore: (f) => {
      if (!active) return;
      countFeedback(stateOf(active), "ignored", [f]);
      stateOf(active).dismissed.add(dismissKey(f));
      send({ type: T.MSG.ignore, rule_id: f.rule_id, matched: String(f.matched) });
      focusHint = null;
      scheduleRender(true);
    },
    onDisableRule: (f) => {
      if (active) countFeedback(stateOf(active), "disabled", [f]);
      send({ type: T.MSG.disableRule, ruleId: f.rule_id }).then(() => {
        if (!active) return;
        const st = stateOf(active);
        if (st.report) st.report = { ...st.report, findings: st.report.findings.filter((x) => x.rule_id !== f.rule_id) };
        st.sentText = null;
        focusHint = null;
        scheduleRender(true);
      });
    },
    onApply: (f, value) => { if (active) applyReplacement(active, f, value); },
  });

  /**
   * Put a replacement the writer clicked in place, tell the background (for its counts), and
   * check the post again.
   * @param {HTMLElement} el @param {any} f @param {string} value
   */
  async function applyReplacement(el, f, value) {
    const done = await T.applyReplacement(el, { offset: f.offset, length: f.length, expected: f.matched, value });
    if (!done) return;
    reportApplied(f, value);
    focusHint = null;
    stateOf(el).sentText = null;
    onEditorChanged(el, true);
  }

  /** @param {any} f */
  const dismissKey = (f) => `${f.rule_id}\u0000${String(f.matched).toLowerCase()}`;

  /** @param {HTMLElement} el */
  function stateOf(el) {
    let st = states.get(el);
    if (!st) {
      st = {
        seq: 0, inFlight: false, again: false, timer: 0, report: null, reportText: "", sentText: null,
        dismissed: new Set(), error: null, retryDelay: 0, retryTimer: 0, shown: new Set(),
      };
      states.set(el, st);
    }
    return st;
  }

  /**
   * Field feedback for the comms team: which rule, what happened, the report's language and
   * rules version. Never the text, the matched words or the page (lib/feedback.js sends it).
   * @param {EditorState} st @param {"shown"|"applied"|"ignored"|"disabled"} event
   * @param {any[]} findings @param {number} [replacement] index in the finding's replacements
   */
  function countFeedback(st, event, findings, replacement) {
    const r = st.report;
    if (!r || !findings.length) return;
    const events = findings.map((f) => ({
      rule_id: f.rule_id, event, language: r.language, rules_version: r.rules_version,
      ...(event === "shown" ? { offered: (f.replacements || []).length } : {}),
      ...(event === "applied" ? { replacement } : {}),
    }));
    // A comment or reply box counts under channel "reply", as its checks do.
    send({ type: T.MSG.feedback, events, reply: Boolean(active && T.isReplyBox(active)) });
  }

  /** @param {any} msg */
  async function send(msg) {
    try {
      return await T.ext.runtime.sendMessage(msg);
    } catch (err) {
      // The extension was reloaded or removed: this script is orphaned, so go quiet for good.
      if (!T.ext.runtime?.id) {
        alive = false;
        ui.show("idle");
      }
      return { ok: false, error: { kind: "offline", message: T.t("error_offline") } };
    }
  }

  async function refreshStatus() {
    const answer = await send({ type: T.MSG.status });
    status = answer && answer.ok ? { active: answer.active, reason: answer.reason } : { active: false, reason: "offline" };
    if (!status.active && status.reason !== "consent_needed") ui.show("idle");
    if (active) onEditorChanged(active, true);
  }

  /** The report as it applies to the editor's current text, without dismissed hints. */
  function visibleReport(/** @type {EditorState} */ st, /** @type {string} */ text) {
    if (!st.report) return null;
    const shifted = T.shiftReport(st.report, st.reportText, text);
    st.report = shifted;
    st.reportText = text;
    return { ...shifted, findings: shifted.findings.filter((f) => !st.dismissed.has(dismissKey(f))) };
  }

  /** Re-render badge and underlines for the active editor (at most once per frame). */
  function scheduleRender(force = false) {
    if (frame && !force) return;
    if (frame) cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      frame = 0;
      render();
    });
  }

  function render() {
    const el = active;
    if (!el || !alive) return;
    if (!el.isConnected) {
      active = null;
      ui.show("idle");
      return;
    }
    if (!status.active) {
      if (status.reason === "consent_needed") ui.show("consent", { statusText: T.t("error_consent_needed") });
      return;
    }
    const st = stateOf(el);
    const read = T.readEditor(el);
    if (read.text.trim().length < MIN_CHARS) {
      st.report = null;
      if (!read.text.trim()) st.shown.clear(); // an empty box: the next text is a new draft
      ui.show("idle");
      return;
    }
    if (st.error && !st.report) {
      ui.underline(el, read, [], []);
      ui.show(st.error === "offline" ? "offline" : "error", { statusText: T.t(`error_${st.error}`), error: st.error });
      return;
    }
    const report = visibleReport(st, read.text);
    if (!report) {
      ui.show("busy", { statusText: T.t("badgeBusy") });
      return;
    }
    const spans = report.findings.flatMap((f) => (f.spans && f.spans.length ? f.spans : [{ offset: f.offset, length: f.length, text: f.matched }]));
    const focusKey = focusHint ? dismissKey(focusHint) : null;
    const focus = focusKey ? report.findings.filter((f) => dismissKey(f) === focusKey).flatMap((f) => f.spans || []) : [];
    // While the service is away, earlier hints stay, greyed and marked as not current.
    if (st.error) ui.show(st.error === "offline" ? "offline" : "error", { report, statusText: T.t(`error_${st.error}`), error: st.error, stale: true });
    else ui.show(report.findings.length ? "hints" : "clear", { report });
    const fresh = st.error ? [] : report.findings.filter((f) => !st.shown.has(f.rule_id));
    for (const f of fresh) st.shown.add(f.rule_id);
    countFeedback(st, "shown", fresh);
    ui.underline(el, read, spans, st.error ? [] : focus, Boolean(st.error));
  }

  /** Ask for hints if the text changed since the last request; one request per editor at a time. */
  async function check(/** @type {HTMLElement} */ el) {
    if (!alive || !status.active || !el.isConnected) return;
    const st = stateOf(el);
    if (st.inFlight) {
      st.again = true;
      return;
    }
    const text = T.readEditor(el).text;
    if (text.trim().length < MIN_CHARS || text === st.sentText) return;
    const seq = ++st.seq;
    st.inFlight = true;
    st.sentText = text;
    const answer = await send({ type: T.MSG.check, text, reply: T.isReplyBox(el) });
    st.inFlight = false;
    if (seq === st.seq) {
      if (answer && answer.ok) {
        st.report = answer.report;
        st.reportText = text; // shifted to the current text when rendered
        st.error = null;
        st.retryDelay = 0;
        if (el === active) {
          const n = answer.report.findings.filter((/** @type {any} */ f) => !st.dismissed.has(dismissKey(f))).length;
          ui.announce(n ? T.t("liveHints", [String(n), T.SHORTCUT]) : T.t("hintsNone"));
        }
      } else {
        const kind = answer?.error?.kind || "offline";
        if (kind === "site_disabled" || kind === "paused" || kind === "consent_needed") {
          st.report = null;
          st.error = null;
          status = { active: false, reason: kind };
          ui.show(kind === "consent_needed" ? "consent" : "idle", { statusText: T.t(`error_${kind}`) });
          return;
        }
        if (st.error !== kind && el === active) ui.announce(T.t(`error_${kind}`));
        st.error = kind;
        st.sentText = null; // try again on the next change, or by itself a little later
        if (kind === "offline" || kind === "server_error") retryLater(el, st);
      }
      if (el === active) scheduleRender(true);
    }
    if (st.again) {
      st.again = false;
      check(el);
    }
  }

  /**
   * When the service cannot be reached, ask again by itself while the box has focus (1 s, 2 s,
   * 4 s, then every 5 s), so the hints come back soon after the service does, without typing.
   * @param {HTMLElement} el @param {EditorState} st
   */
  function retryLater(el, st) {
    st.retryDelay = Math.min(st.retryDelay ? st.retryDelay * 2 : RETRY_FIRST_MS, RETRY_MAX_MS);
    clearTimeout(st.retryTimer);
    st.retryTimer = setTimeout(() => {
      if (el !== active || !st.error) return;
      if (hasFocus(el)) check(el);
      else st.retryDelay = 0; // asked again when the writer comes back to the box
    }, st.retryDelay);
  }

  /**
   * The one place an applied replacement is counted: which rule, and which of its replacements
   * (by index, never the text).
   * @param {any} f @param {string} value
   */
  function reportApplied(f, value) {
    const index = (f.replacements || []).findIndex((/** @type {any} */ r) => r.value === value);
    if (active && index >= 0) countFeedback(stateOf(active), "applied", [f], index);
  }

  /** Whether the writer is in this box (or in Tonkoll's panel beside it). @param {HTMLElement} el */
  function hasFocus(el) {
    if (!document.hasFocus()) return false;
    const a = document.activeElement;
    return Boolean(a && (a === el || el.contains(a) || a === ui.host));
  }

  /** @param {HTMLElement} el @param {boolean} [soon] */
  function onEditorChanged(el, soon = false) {
    if (!alive) return;
    if (active !== el) {
      active = el;
      focusHint = null;
      ui.attach(el);
    }
    const st = stateOf(el);
    clearTimeout(st.timer);
    st.timer = setTimeout(() => check(el), soon ? 50 : DEBOUNCE_MS);
    scheduleRender();
  }

  /** @param {Event} e */
  function editorOf(e) {
    const path = e.composedPath();
    return T.findEditor(path.length ? path[0] : e.target);
  }

  document.addEventListener("focusin", (e) => {
    const el = editorOf(e);
    if (el && (el !== active || stateOf(el).error)) onEditorChanged(el, true);
  }, true);
  document.addEventListener("input", (e) => {
    const el = editorOf(e);
    if (el) onEditorChanged(el);
  }, true);
  // Some editors change their text without an input event reaching the document (e.g. undo in
  // a framework); a keyup is a cheap extra nudge.
  document.addEventListener("keyup", (e) => {
    const el = editorOf(e);
    if (el && el === active) onEditorChanged(el);
  }, true);
  // A frame from another site: Tonkoll runs inside it only where it is on for that site. If it
  // is not, say so plainly beside the frame rather than stay silent.
  /** @type {HTMLIFrameElement|null} */
  let blindFrame = null;
  addEventListener("blur", () => setTimeout(async () => {
    const frame = document.activeElement;
    if (!alive || !status.active || !(frame instanceof HTMLIFrameElement)) return;
    let readable = false;
    try {
      readable = Boolean(frame.contentDocument);
    } catch {
      readable = false;
    }
    if (readable || !frame.src) return; // same origin: Tonkoll's script runs in the frame itself
    const answer = await send({ type: T.MSG.frameStatus, url: frame.src });
    if (!answer?.ok || answer.active || document.activeElement !== frame) return;
    blindFrame = frame;
    active = null;
    ui.attach(frame);
    ui.show("unavailable", { statusText: T.t("error_unavailable") });
  }, 0));
  addEventListener("focus", () => {
    if (blindFrame && document.activeElement !== blindFrame) {
      blindFrame = null;
      ui.show("idle");
    }
  });
  const follow = () => {
    if (active) scheduleRender();
  };
  addEventListener("scroll", follow, { capture: true, passive: true });
  addEventListener("resize", follow, { passive: true });

  T.ext.storage.onChanged.addListener((changes, area) => {
    if (area !== "local" || !alive) return;
    if (changes.disabledRules && active) stateOf(active).sentText = null;
    refreshStatus();
  });

  refreshStatus();
})();

// @ts-check
// Field feedback, in the background only: counts of how hints were treated, never text.
// Events from the content script are folded into counts per rule, event, language, channel,
// rules version and replacement, kept in storage.session (memory, never on disk) and sent to
// POST /v1/feedback every minute or as soon as 50 events wait, only after consent and only
// while the option "Skicka statistik" is on.

globalThis.Tonkoll = globalThis.Tonkoll || {};

(() => {
  const T = globalThis.Tonkoll;
  const KEY = "feedbackQueue";
  const ALARM = "tonkoll-feedback";
  const BATCH_EVENTS = 50;
  const MAX_KEYS = 500; // the service takes at most 500 entries per request
  const EVENTS = ["shown", "applied", "ignored", "disabled"];
  const RULE_ID = /^[a-z0-9-]+\.[a-z0-9-]+$/;
  const VERSION = /^[A-Za-z0-9._-]{1,40}$/;

  /**
   * One event as the content script reports it. The channel comes from the sender's site.
   * @typedef {{rule_id: string, event: string, language: string, rules_version: string,
   *            replacement?: number, offered?: number}} FeedbackEvent
   * @typedef {{rule_id: string, event: string, language: string, channel: string,
   *            rules_version: string, count: number, replacement?: number, offered?: number}} FeedbackCount
   */

  /** @type {Record<string, number>|null} when storage.session is missing (older browsers) */
  let memory = null;
  /** Every queue change runs after the one before: no lost counts between await points. */
  let chain = Promise.resolve();

  /** @template R @param {() => Promise<R>} job @returns {Promise<R>} */
  function serial(job) {
    const next = chain.then(job, job);
    chain = next.then(() => undefined, () => undefined);
    return next;
  }

  /** @returns {Promise<Record<string, number>>} */
  async function readQueue() {
    if (!T.ext.storage.session) return memory || {};
    const got = await T.ext.storage.session.get(KEY);
    return got[KEY] || {};
  }

  /** @param {Record<string, number>} queue */
  async function writeQueue(queue) {
    if (!T.ext.storage.session) memory = queue;
    else await T.ext.storage.session.set({ [KEY]: queue });
  }

  /** @param {any} e @param {string} channel @returns {string|null} the counter key, or null */
  function keyOf(e, channel) {
    if (!e || typeof e !== "object" || !RULE_ID.test(e.rule_id) || !EVENTS.includes(e.event)) return null;
    if (!["sv", "en"].includes(e.language) || !VERSION.test(String(e.rules_version))) return null;
    const replacement = e.event === "applied" ? e.replacement : -1;
    if (!Number.isInteger(replacement) || replacement < -1 || replacement >= 20) return null;
    const offered = e.event === "shown" ? Math.min(20, Math.max(0, Number(e.offered) | 0)) : 0;
    return JSON.stringify([e.rule_id, e.event, e.language, channel, e.rules_version, replacement, offered]);
  }

  /** @param {string} key @param {number} count @returns {FeedbackCount} */
  function countOf(key, count) {
    const [ruleId, event, language, channel, version, replacement, offered] = JSON.parse(key);
    /** @type {FeedbackCount} */
    const out = { rule_id: ruleId, event, language, channel, rules_version: version, count };
    if (event === "applied") out.replacement = replacement;
    if (event === "shown" && offered) out.offered = offered;
    return out;
  }

  /** @param {import("./settings.js").Settings} settings */
  const allowed = (settings) => settings.consent && settings.feedback !== false;

  /**
   * Count events from a content script. Drops them unless the writer agreed and the option is on.
   * @param {any[]} events @param {string} channel @param {import("./settings.js").Settings} settings
   */
  T.countFeedback = async function countFeedback(events, channel, settings) {
    if (!allowed(settings) || !Array.isArray(events)) return 0;
    const waiting = await serial(async () => {
      const queue = await readQueue();
      for (const e of events.slice(0, 100)) {
        const key = keyOf(e, channel);
        if (!key || (!(key in queue) && Object.keys(queue).length >= MAX_KEYS)) continue;
        queue[key] = Math.min((queue[key] || 0) + 1, 1000);
      }
      await writeQueue(queue);
      return Object.values(queue).reduce((a, b) => a + b, 0);
    });
    if (waiting >= BATCH_EVENTS) await T.sendFeedback();
    return waiting;
  };

  /** Send what waits. On a network or server error the counts go back in the queue. */
  T.sendFeedback = async function sendFeedback() {
    const settings = await T.loadSettings();
    const queue = await serial(async () => {
      const q = await readQueue();
      await writeQueue({});
      return q;
    });
    const keys = Object.keys(queue);
    if (!keys.length || !allowed(settings)) return { ok: true, sent: 0 };
    const events = keys.map((k) => countOf(k, queue[k]));
    const answer = await T.callService(settings.serverUrl, "v1/feedback", {
      method: "POST", body: { events }, token: settings.token,
    });
    if (!answer.ok && (answer.error.kind === "offline" || answer.error.kind === "server_error" ||
                       answer.error.status === 429)) {
      await serial(async () => {
        const now = await readQueue();
        for (const k of keys) now[k] = Math.min((now[k] || 0) + queue[k], 1000);
        await writeQueue(now);
      });
    }
    return answer.ok ? { ok: true, sent: events.length } : answer;
  };

  /** Forget what waits (consent withdrawn or the option turned off). */
  T.dropFeedback = () => serial(() => writeQueue({}));

  T.FEEDBACK_ALARM = ALARM;
  T.startFeedbackAlarm = async function startFeedbackAlarm() {
    if (!T.ext.alarms) return;
    const existing = await T.ext.alarms.get(ALARM);
    if (!existing) T.ext.alarms.create(ALARM, { periodInMinutes: 1 });
  };
})();

// @ts-check
// Field feedback from the playground, as the extension sends it: per rule, shown (once per
// draft), applied (which replacement), ignored. Counts only, never the text or its words.
// Sent every minute, as soon as 50 events wait, and when the page is hidden.
import { savedToken } from "./api.js";

const BATCH_EVENTS = 50;
/** @type {Map<string, number>} counter key (JSON) → count */
const queue = new Map();
let waiting = 0;
/** @type {Set<string>} rule ids counted as shown in this draft */
const shownInDraft = new Set();

/** An empty box: what is written next is a new draft. */
export function newDraft() {
  shownInDraft.clear();
}

/**
 * @param {"shown"|"applied"|"ignored"|"disabled"} event
 * @param {any} finding @param {any} report @param {string} channel @param {number} [replacement]
 */
export function countEvent(event, finding, report, channel, replacement) {
  const key = JSON.stringify([finding.rule_id, event, report.language, channel, report.rules_version,
    event === "applied" ? replacement : -1,
    event === "shown" ? Math.min(20, (finding.replacements || []).length) : 0]);
  queue.set(key, (queue.get(key) || 0) + 1);
  if (++waiting >= BATCH_EVENTS) send();
}

/** Count the report's hints that were not shown before in this draft. @param {any} report @param {string} channel */
export function countShown(report, channel) {
  for (const f of report.findings) {
    if (shownInDraft.has(f.rule_id)) continue;
    shownInDraft.add(f.rule_id);
    countEvent("shown", f, report, channel);
  }
}

/** @param {boolean} [leaving] the page is going away: the request must outlive it */
export async function send(leaving = false) {
  if (!queue.size) return;
  const events = [...queue].map(([key, count]) => {
    const [ruleId, event, language, channel, version, replacement, offered] = JSON.parse(key);
    /** @type {Record<string, any>} */
    const e = { rule_id: ruleId, event, language, channel, rules_version: version, count };
    if (event === "applied") e.replacement = replacement;
    if (event === "shown" && offered) e.offered = offered;
    return e;
  });
  queue.clear();
  waiting = 0;
  /** @type {Record<string, string>} */
  const headers = { "Content-Type": "application/json" };
  const token = savedToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    await fetch("/v1/feedback", { method: "POST", headers, body: JSON.stringify({ events }), keepalive: leaving });
  } catch {
    // Only statistics: a lost batch is not worth bothering the writer about.
  }
}

setInterval(send, 60_000);
addEventListener("pagehide", () => send(true));
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden") send(true);
});

// @ts-check
// The messages between the extension's parts, written down in one place.
// Content scripts and extension pages send requests; the background answers. Only the background
// talks to the network.

/**
 * @typedef {"offline"|"too_long"|"unauthorised"|"consent_needed"|"site_disabled"|"paused"|
 *           "server_error"|"bad_request"|"not_allowed"} ErrorKind
 * @typedef {{kind: ErrorKind, message: string, status?: number}} ErrorInfo
 * @typedef {{offset: number, length: number, text: string}} Span      // UTF-16 code units
 * @typedef {{rule_id: string, theme: string, level: string, message: string, explanation: string,
 *            handbook: string, offset: number, length: number, matched: string,
 *            suggestions: string[], spans: Span[], impact: number, primary: boolean}} Finding
 * @typedef {{language: string, findings: Finding[], strengths: Finding[],
 *            scores: Object<string, number>, readability: Object<string, any>,
 *            rules_version: string}} Report
 *
 * Requests (field `type`):
 * @typedef {{type: "status"}} StatusRequest          content → {ok: true, active: boolean, reason?: ErrorKind}
 * @typedef {{type: "check", text: string}} CheckRequest
 *          content → {ok: true, report: Report} | {ok: false, error: ErrorInfo}
 *          The site and channel come from `sender.url`, never from the message.
 * @typedef {{type: "checkText", text: string, channel?: string}} CheckTextRequest   popup only
 * @typedef {{type: "health", serverUrl?: string, token?: string}} HealthRequest  options only
 * @typedef {{type: "rules"}} RulesRequest            options only → {ok, rules} | {ok: false, error}
 * @typedef {{type: "disableRule", ruleId: string}} DisableRuleRequest  → {ok: true}
 * @typedef {{type: "openConsent"}|{type: "openOptions"}} OpenRequest
 * @typedef {{type: "feedback", events: {rule_id: string, event: "shown"|"applied"|"ignored"|"disabled",
 *            language: string, rules_version: string, replacement?: number, offered?: number}[]}} FeedbackRequest
 *          content → {ok: true}. Counts only: no text, no words, no address. The background adds
 *          the channel from `sender.url`, queues, and sends batches to POST /v1/feedback.
 * @typedef {{type: "sendFeedback"}} SendFeedbackRequest   extension pages only: send what waits now
 * @typedef {{ok: true, [key: string]: any}|{ok: false, error: ErrorInfo}} Response
 */

globalThis.Tonkoll = globalThis.Tonkoll || {};

/** The channels the service knows (tonkoll/channels.py; tests/test_channels.py compares them). */
globalThis.Tonkoll.CHANNELS = Object.freeze(["generic", "facebook", "x", "instagram", "linkedin"]);

globalThis.Tonkoll.MSG = Object.freeze({
  status: "status",
  check: "check",
  checkText: "checkText",
  health: "health",
  rules: "rules",
  disableRule: "disableRule",
  openConsent: "openConsent",
  openOptions: "openOptions",
  feedback: "feedback",
  sendFeedback: "sendFeedback",
});

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
 *            suggestions: string[], spans: Span[], impact: number, primary: boolean,
 *            replacements?: {value: string}[]}} Finding
 *          `replacements`: exact texts for [offset, offset + length) (UTF-16), best first.
 * @typedef {{language: string, findings: Finding[], strengths: Finding[],
 *            scores: Object<string, number>, readability: Object<string, any>,
 *            rules_version: string}} Report
 *
 * Requests (field `type`):
 * @typedef {{type: "status"}} StatusRequest          content → {ok: true, active: boolean, reason?: ErrorKind}
 * @typedef {{type: "check", text: string, reply?: boolean}} CheckRequest
 *          content → {ok: true, report: Report} | {ok: false, error: ErrorInfo}
 *          The site and channel come from `sender.url`, never from the message; only `reply:
 *          true` (the box is a comment field, see content/editors.js) turns the channel into
 *          "reply".
 * @typedef {{type: "checkText", text: string, channel?: string}} CheckTextRequest   popup only
 * @typedef {{type: "health", serverUrl?: string, token?: string}} HealthRequest  options only
 * @typedef {{type: "rules"}} RulesRequest            options only → {ok, rules} | {ok: false, error}
 * @typedef {{type: "disableRule", ruleId: string}} DisableRuleRequest  → {ok: true}
 * @typedef {{type: "openConsent"}|{type: "openOptions"}} OpenRequest
 * @typedef {{type: "feedback", reply?: boolean, events: {rule_id: string,
 *            event: "shown"|"applied"|"ignored"|"disabled", language: string, rules_version: string,
 *            replacement?: number, offered?: number}[]}} FeedbackRequest
 *          content → {ok: true}. Counts only: no text, no words, no address. The background adds
 *          the channel as for a check (`sender.url`, or "reply" for a reply box), queues, and
 *          sends batches to POST /v1/feedback.
 * @typedef {{type: "sendFeedback"}} SendFeedbackRequest   extension pages only: send what waits now
 * @typedef {{type: "frameStatus", url: string}} FrameStatusRequest
 *          content → {ok: true, active: boolean}: whether Tonkoll runs in a frame from `url`
 *          (the writer focused a frame the page's own script cannot look into).
 * @typedef {{type: "ignore", rule_id: string, matched: string}} IgnoreRequest
 *          content → background: "ignorera här" for this hint in this tab and site, until the
 *          tab or browser closes (storage.session, as a hash, never as text). Later `check`
 *          answers to that tab leave it out, so a reload does not bring it back.
 * @typedef {{ok: true, [key: string]: any}|{ok: false, error: ErrorInfo}} Response
 */

globalThis.Tonkoll = globalThis.Tonkoll || {};

/** The channels the service knows (tonkoll/channels.py; tests/test_channels.py compares them). */
globalThis.Tonkoll.CHANNELS = Object.freeze(["generic", "facebook", "x", "instagram", "linkedin", "reply"]);

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
  ignore: "ignore",
  frameStatus: "frameStatus",
});

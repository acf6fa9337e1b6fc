// @ts-check
// The editor's text with offsets (UTF-16 code units, like the service's answers) and a map back to
// DOM positions. Block elements and <br> contribute "\n", as the editors' own models count lines.

globalThis.Tonkoll = globalThis.Tonkoll || {};

const BLOCK_TAGS = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "DD", "DIV", "DL", "DT", "FIGCAPTION", "FIGURE",
  "FOOTER", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR", "LI", "MAIN", "NAV", "OL", "P",
  "PRE", "SECTION", "TABLE", "TR", "UL",
]);
const SKIP_TAGS = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"]);

/**
 * @typedef {{node: Text, start: number}} Segment
 * @typedef {{text: string, segments: Segment[]}} TextMap
 */

/**
 * Read a contenteditable root into text plus the text nodes' start offsets.
 * @param {Element} root
 * @returns {TextMap}
 */
globalThis.Tonkoll.readDom = function readDom(root) {
  /** @type {Segment[]} */
  const segments = [];
  let text = "";
  let afterBlock = false;
  const breakLine = () => {
    if (text.length && !text.endsWith("\n")) text += "\n";
  };
  /** @param {Node} node */
  const walk = (node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) {
        const data = /** @type {Text} */ (child).data;
        if (!data) continue;
        if (afterBlock) breakLine();
        afterBlock = false;
        segments.push({ node: /** @type {Text} */ (child), start: text.length });
        text += data;
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        const el = /** @type {Element} */ (child);
        if (SKIP_TAGS.has(el.tagName)) continue;
        if (el.tagName === "BR") {
          if (!isPlaceholderBreak(el)) text += "\n";
          afterBlock = false;
        } else if (BLOCK_TAGS.has(el.tagName)) {
          breakLine();
          const before = text.length;
          walk(el);
          if (text.length === before) text += "\n"; // an empty line still counts
          afterBlock = true;
        } else {
          walk(el);
        }
      }
    }
  };
  walk(root);
  return { text, segments };
};

/**
 * A <br> with nothing after it in its parent only keeps a line open (browsers draw no extra line).
 * @param {Element} br
 */
function isPlaceholderBreak(br) {
  for (let next = br.nextSibling; next; next = next.nextSibling) {
    if (next.nodeType === Node.ELEMENT_NODE) return false;
    if (next.nodeType === Node.TEXT_NODE && /** @type {Text} */ (next).data) return false;
  }
  return true;
}

/**
 * The DOM position of a text offset; `atEnd` prefers the end of the previous text node.
 * @param {TextMap} map
 * @param {number} offset
 * @param {boolean} atEnd
 * @returns {{node: Text, offset: number}|null}
 */
function positionAt(map, offset, atEnd) {
  const segs = map.segments;
  let lo = 0;
  let hi = segs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segs[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found < 0) return segs.length ? { node: segs[0].node, offset: 0 } : null;
  let seg = segs[found];
  if (atEnd && offset === seg.start && found > 0) {
    const prev = segs[found - 1];
    if (prev.start + prev.node.data.length === offset) seg = prev;
  }
  const inside = offset - seg.start;
  if (inside <= seg.node.data.length) return { node: seg.node, offset: inside };
  // The offset is on a line break after this node.
  if (atEnd || found + 1 >= segs.length) return { node: seg.node, offset: seg.node.data.length };
  return { node: segs[found + 1].node, offset: 0 };
}

/**
 * A DOM Range for [offset, offset + length) of the map's text, or null.
 * @param {TextMap} map
 * @param {number} offset
 * @param {number} length
 */
globalThis.Tonkoll.rangeFor = function rangeFor(map, offset, length) {
  if (offset < 0 || length <= 0 || offset + length > map.text.length) return null;
  const start = positionAt(map, offset, false);
  const end = positionAt(map, offset + length, true);
  if (!start || !end) return null;
  const range = document.createRange();
  try {
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset);
  } catch {
    return null;
  }
  return range;
};

/**
 * Shift a report's spans from the text it was made for to the current text. Spans in the changed
 * region are dropped; findings without spans are dropped.
 * @param {import("../lib/messages.js").Report} report
 * @param {string} oldText
 * @param {string} newText
 */
globalThis.Tonkoll.shiftReport = function shiftReport(report, oldText, newText) {
  if (oldText === newText) return report;
  let prefix = 0;
  const max = Math.min(oldText.length, newText.length);
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  const oldEnd = oldText.length - suffix;
  const delta = newText.length - oldText.length;
  /** @param {import("../lib/messages.js").Span} s */
  const move = (s) => {
    if (s.offset + s.length <= prefix) return s;
    if (s.offset >= oldEnd) return { ...s, offset: s.offset + delta };
    return null;
  };
  const findings = [];
  for (const f of report.findings) {
    const spans = (f.spans && f.spans.length ? f.spans : [{ offset: f.offset, length: f.length, text: f.matched }])
      .map(move).filter((s) => s !== null);
    if (!spans.length) continue;
    // The finding's own region is what its replacements replace; when the writer changed it,
    // the replacements no longer fit and are dropped (the hint itself stays).
    const region = move({ offset: f.offset, length: f.length, text: f.matched });
    if (region) findings.push({ ...f, spans, offset: region.offset, length: region.length });
    else findings.push({ ...f, spans, offset: spans[0].offset, length: spans[0].length, replacements: [] });
  }
  return { ...report, findings };
};

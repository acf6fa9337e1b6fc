// @ts-check
// Where the badge and the panel go: geometry only (viewport rectangles in, a position out).
// Neither may cover the text being written or the composer's own buttons when there is room.

globalThis.Tonkoll = globalThis.Tonkoll || {};

/** @typedef {{left: number, top: number, right: number, bottom: number}} Box */

const GAP = 6;
const MARGIN = 4;

/** @param {Box} a @param {Box} b */
function overlap(a, b) {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

/** @param {number} left @param {number} top @param {number} width @param {number} height @returns {Box} */
const box = (left, top, width, height) => ({ left, top, right: left + width, bottom: top + height });

/** @param {Box} b @param {number} vw @param {number} vh */
const inView = (b, vw, vh) => b.left >= 0 && b.top >= 0 && b.right <= vw && b.bottom <= vh;

/**
 * The badge's place: inside the editor's lower right corner unless text is drawn there, else just
 * outside the editor (right, below, above), away from the composer's buttons.
 * @param {Box} editor
 * @param {{width: number, height: number}} size
 * @param {Box[]} text rectangles of the editor's text
 * @param {Box[]} buttons the composer's own controls
 * @param {{width: number, height: number, inset: number}} view inset keeps clear of a resize grip
 * @returns {{left: number, top: number, where: string}}
 */
globalThis.Tonkoll.placeBadge = function placeBadge(editor, size, text, buttons, view) {
  const { width: w, height: h } = size;
  const candidates = [
    { where: "inside", left: editor.right - w - view.inset, top: editor.bottom - h - GAP },
    { where: "inside-top", left: editor.right - w - view.inset, top: editor.top + GAP },
    { where: "right", left: editor.right + GAP, top: editor.bottom - h },
    { where: "below", left: editor.right - w, top: editor.bottom + GAP },
    { where: "above", left: editor.right - w, top: editor.top - h - GAP },
  ];
  for (const c of candidates) {
    const b = box(c.left, c.top, w, h);
    if (!inView(b, view.width, view.height)) continue;
    if (text.some((t) => overlap(b, t) > 0) || buttons.some((t) => overlap(b, t) > 0)) continue;
    return c;
  }
  const first = candidates[0];
  return {
    where: "inside",
    left: Math.max(0, Math.min(first.left, view.width - w - MARGIN)),
    top: Math.max(0, Math.min(first.top, view.height - h - MARGIN)),
  };
};

/**
 * The panel's place: below, above, right of or left of the editor, whichever covers neither the
 * editor nor the composer's buttons and shows the most of the panel; in a window too small for
 * that, the side that covers the least of them.
 * @param {Box} editor
 * @param {Box} badge
 * @param {{width: number, height: number}} want the panel's natural size
 * @param {Box[]} buttons
 * @param {{width: number, height: number}} view
 * @returns {{left: number, top: number, width: number, maxHeight: number, side: string}}
 */
globalThis.Tonkoll.placePanel = function placePanel(editor, badge, want, buttons, view) {
  const width = Math.min(want.width, view.width - 2 * MARGIN);
  const clampX = (/** @type {number} */ x) => Math.max(MARGIN, Math.min(x, view.width - width - MARGIN));
  // The composer as a block: the editor plus its buttons just above or below it.
  const near = buttons.filter((b) => b.right > editor.left - 40 && b.left < editor.right + 40);
  const blockTop = Math.min(editor.top, ...near.map((b) => b.top));
  const blockBottom = Math.max(editor.bottom, ...near.map((b) => b.bottom));
  const x = clampX(editor.right - width);
  /** @type {{side: string, left: number, top: number|null, bottom: number|null}[]} */
  const sides = [
    { side: "below", left: x, top: editor.bottom + GAP, bottom: null },
    { side: "below-buttons", left: x, top: blockBottom + GAP, bottom: null },
    { side: "above", left: x, top: null, bottom: editor.top - GAP },
    { side: "above-buttons", left: x, top: null, bottom: blockTop - GAP },
    { side: "right", left: editor.right + GAP, top: null, bottom: null },
    { side: "left", left: editor.left - GAP - width, top: null, bottom: null },
  ];
  const avoid = [editor, badge, ...buttons];
  let best = null;
  for (const s of sides) {
    if (s.left < 0 || s.left + width > view.width) continue;
    let top;
    let height;
    if (s.top !== null) {
      height = Math.min(want.height, view.height - MARGIN - s.top);
      top = s.top;
    } else if (s.bottom !== null) {
      height = Math.min(want.height, s.bottom - MARGIN);
      top = s.bottom - height;
    } else {
      // Beside the editor, level with it where possible.
      height = Math.min(want.height, view.height - 2 * MARGIN);
      top = Math.max(MARGIN, Math.min(editor.top, view.height - MARGIN - height));
    }
    if (height < 80) continue;
    const b = box(s.left, top, width, height);
    const covered = avoid.reduce((sum, a) => sum + overlap(b, a), 0);
    // Cover nothing first, then show as much of the panel as possible, then the order above.
    const score = covered * 1000 - height;
    if (!best || score < best.score) best = { side: s.side, left: s.left, top, width, maxHeight: height, score };
  }
  if (best) {
    const { score: _score, ...place } = best;
    return place;
  }
  // Nowhere fits: the bottom of the window.
  const height = Math.min(want.height, view.height - 2 * MARGIN);
  return { side: "window", left: clampX(editor.left), top: Math.max(MARGIN, view.height - MARGIN - height), width, maxHeight: height };
};

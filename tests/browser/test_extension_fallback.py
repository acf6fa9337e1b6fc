"""Underlines without the CSS Custom Highlight API: the API is removed from the content script's
own JavaScript world (through CDP), so the extension draws positioned boxes from Range rects.
They sit under the right word in rich editors and follow the page when it scrolls."""

from __future__ import annotations

import time
from typing import Any

import pytest

pytestmark = pytest.mark.browser

DRAFT = "Hej! Du erhåller ett svar från oss inom tre veckor."
STIFF = "erhåller"

GEOMETRY = """(word) => {
  const root = document.getElementById('editor');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let range = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = n.data.indexOf(word);
    if (i >= 0) {
      range = document.createRange();
      range.setStart(n, i);
      range.setEnd(n, i + word.length);
      break;
    }
  }
  const w = range.getBoundingClientRect();
  const root2 = document.querySelector('tonkoll-hints').shadowRoot;
  const boxes = [...root2.querySelectorAll('.box:not(.focus)')].map(b => b.getBoundingClientRect());
  return {word: {left: w.left, right: w.right, bottom: w.bottom},
          boxes: boxes.map(b => ({left: b.left, right: b.right, top: b.top}))};
}"""


def remove_highlight_api(ext: Any, page: Any) -> None:
    """Delete `Highlight` in the extension's content-script world of this page (only there)."""
    cdp = ext.context.new_cdp_session(page)
    contexts: list[dict[str, Any]] = []
    cdp.on("Runtime.executionContextCreated", lambda e: contexts.append(e["context"]))
    cdp.send("Runtime.enable")
    deadline = time.monotonic() + 10
    while True:
        ours = [c for c in contexts if c.get("auxData", {}).get("type") == "isolated"
                and ext.id in c.get("origin", "")]
        if ours:
            break
        assert time.monotonic() < deadline, f"no content script world: {contexts}"
        page.wait_for_timeout(100)
    result = cdp.send("Runtime.evaluate", {
        "expression": "delete globalThis.Highlight; typeof Highlight",
        "contextId": ours[0]["id"], "returnByValue": True,
    })
    assert result["result"]["value"] == "undefined"
    cdp.detach()
    assert page.evaluate("typeof Highlight") == "function"  # the page's own world keeps it


def assert_box_under_word(page: Any) -> None:
    g = page.evaluate(GEOMETRY, STIFF)
    word = g["word"]
    assert any(abs(b["left"] - word["left"]) < 1.5 and abs(b["right"] - word["right"]) < 1.5
               and abs(b["top"] - (word["bottom"] - 1)) < 1.5 for b in g["boxes"]), g


@pytest.mark.parametrize("page_file,selector", [
    ("contenteditable.html", "#editor"),
    ("lexical.html", "#editor"),
    ("draft.html", "#editor [contenteditable]"),
])
def test_boxes_without_highlight_api(ready: Any, page_server: Any, page_file: str,
                                     selector: str) -> None:
    page = ready.context.new_page()
    page.goto(page_server.url(page_file))
    page.wait_for_function("typeof window.editorText === 'function'")
    remove_highlight_api(ready, page)
    page.click(selector)
    page.keyboard.type(DRAFT)
    page.wait_for_function(
        "() => document.querySelector('tonkoll-hints')?.shadowRoot.querySelector('.box')",
        timeout=10_000)
    assert_box_under_word(page)

    # Scroll the page: the box follows the word.
    page.evaluate("document.body.style.minHeight = '3000px'; window.scrollBy(0, 60)")
    page.wait_for_timeout(200)
    assert page.evaluate("window.scrollY") == 60
    assert_box_under_word(page)
    assert page.evaluate("window.editorText()") == DRAFT
    page.close()

"""The extension in real editors: a textarea, a contenteditable, and real Lexical, Draft.js and
Quill editors. Type a draft with a stiff word; the badge counts, the panel shows the hint, the
underline sits on the word, and the editor's own model text is exactly what was typed."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import check_count, wait_badge

pytestmark = pytest.mark.browser

STIFF_RULE = "klarsprak.stela-verb"
DRAFT = "Hej! Du erhåller ett svar från oss inom tre veckor."
STIFF = "erhåller"

EDITORS = {
    # page, the element to click, and how the editor's model text relates to what was typed
    "textarea": ("textarea.html", "#editor", "{typed}"),
    "contenteditable": ("contenteditable.html", "#editor", "{typed}"),
    "lexical": ("lexical.html", "#editor [contenteditable], #editor[contenteditable]", "{typed}"),
    "draft": ("draft.html", "#editor [contenteditable]", "{typed}"),
    "quill": ("quill.html", "#editor .ql-editor", "{typed}\n"),  # Quill's text ends with "\n"
}

BADGE = "tonkoll-hints >> .badge"


def open_editor(ext: Any, page_server: Any, name: str) -> tuple[Any, str]:
    page_file, selector, _ = EDITORS[name]
    page = ext.context.new_page()
    page.goto(page_server.url(page_file))
    page.wait_for_function("typeof window.editorText === 'function'")
    page.click(selector)
    return page, selector


def underlined_texts(page: Any, name: str) -> list[str]:
    """The words under Tonkoll's underline, read from the page's own view of the document."""
    if name == "textarea":
        return page.evaluate(
            """() => {
              const root = document.querySelector('tonkoll-hints').shadowRoot;
              const value = document.getElementById('editor').value;
              return [...root.querySelectorAll('.box:not(.focus)')].map(
                b => value.substr(Number(b.dataset.offset), Number(b.dataset.length)));
            }"""
        )
    return page.evaluate(
        "() => { const h = CSS.highlights.get('tonkoll-hint'); "
        "return h ? [...h].map(r => r.toString()) : []; }"
    )


@pytest.mark.parametrize("name", list(EDITORS))
def test_hints_in_editor(ready: Any, page_server: Any, live_server: Any, tmp_path: Path,
                         name: str) -> None:
    page, _ = open_editor(ready, page_server, name)
    page.keyboard.type(DRAFT)
    badge = page.locator(BADGE)
    badge.wait_for(state="visible", timeout=10_000)
    wait_badge(page, "hints")
    assert int(badge.get_attribute("data-count") or 0) >= 1
    assert badge.get_attribute("data-editor") == name  # the kind of editor was recognised
    assert STIFF in underlined_texts(page, name)

    badge.click()
    hint = page.locator(f"tonkoll-hints >> .hint[data-rule-id='{STIFF_RULE}']")
    hint.wait_for(state="visible")
    assert STIFF in hint.inner_text()
    page.screenshot(path=str(tmp_path / f"{name}.png"))

    expected = EDITORS[name][2].format(typed=DRAFT)
    assert page.evaluate("window.editorText()") == expected
    # The draft never lands in extension storage.
    stored = json.dumps(ready.storage(), ensure_ascii=False)
    assert STIFF not in stored and "veckor" not in stored
    page.close()


EMOJI_DRAFT = "👋 Vi hörs! Du erhåller beskedet från oss i dag."


@pytest.mark.parametrize("name", ["textarea", "contenteditable", "lexical"])
def test_emoji_before_stiff_word(ready: Any, page_server: Any, name: str) -> None:
    """Offsets are UTF-16 code units: the underline after an emoji covers exactly the word."""
    page, _ = open_editor(ready, page_server, name)
    page.keyboard.type(EMOJI_DRAFT)
    wait_badge(page, "hints")
    assert STIFF in underlined_texts(page, name)
    assert page.evaluate("window.editorText()") == EMOJI_DRAFT
    page.close()


def test_textarea_underline_sits_under_the_word(ready: Any, page_server: Any) -> None:
    """The positioned box for a textarea lines up with where the monospace word is drawn."""
    page, _ = open_editor(ready, page_server, "textarea")
    page.keyboard.type(DRAFT)
    page.wait_for_function(
        "() => document.querySelector('tonkoll-hints').shadowRoot.querySelector('.box')",
        timeout=10_000)
    geometry = page.evaluate(
        """(word) => {
          const ta = document.getElementById('editor');
          const cs = getComputedStyle(ta);
          const ctx = document.createElement('canvas').getContext('2d');
          ctx.font = `${cs.fontSize} ${cs.fontFamily}`;
          const r = ta.getBoundingClientRect();
          const left = r.left + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft);
          const before = ta.value.slice(0, ta.value.indexOf(word));
          const box = document.querySelector('tonkoll-hints').shadowRoot.querySelector('.box')
            .getBoundingClientRect();
          return {expectedLeft: left + ctx.measureText(before).width,
                  expectedWidth: ctx.measureText(word).width,
                  left: box.left, width: box.width, top: box.top,
                  lineTop: r.top + parseFloat(cs.borderTopWidth) + parseFloat(cs.paddingTop),
                  lineHeight: parseFloat(cs.lineHeight)};
        }""",
        STIFF,
    )
    assert abs(geometry["left"] - geometry["expectedLeft"]) < 2, geometry
    assert abs(geometry["width"] - geometry["expectedWidth"]) < 2, geometry
    assert geometry["lineTop"] < geometry["top"] <= geometry["lineTop"] + geometry["lineHeight"] + 1
    page.close()


def test_hover_ignore_and_follow_changes(ready: Any, page_server: Any) -> None:
    """Hovering a hint marks its span; typing before it moves the underline along; "ignorera
    här" hides it for this post only."""
    page, _ = open_editor(ready, page_server, "contenteditable")
    page.keyboard.type(DRAFT)
    wait_badge(page, "hints")
    page.locator(BADGE).click()
    hint = page.locator(f"tonkoll-hints >> .hint[data-rule-id='{STIFF_RULE}']")
    hint.hover()
    page.wait_for_function(
        "() => [...(CSS.highlights.get('tonkoll-focus') || [])]"
        ".some(r => r.toString() === 'erhåller')")
    # Type at the start: the underline follows the word at once, before any new answer.
    page.keyboard.press("Control+Home")
    page.keyboard.type("Hallå! ")
    page.wait_for_function(
        "() => [...CSS.highlights.get('tonkoll-hint')].some(r => r.toString() === 'erhåller')")
    before = int(page.locator(BADGE).get_attribute("data-count") or 0)
    hint.locator("button.ignore").click()
    page.wait_for_function(
        f"() => !document.querySelector('tonkoll-hints').shadowRoot"
        f".querySelector(\".hint[data-rule-id='{STIFF_RULE}']\")")
    assert int(page.locator(BADGE).get_attribute("data-count") or 0) == before - 1
    assert "erhåller" not in underlined_texts(page, "contenteditable")
    assert page.evaluate("window.editorText()") == "Hallå! " + DRAFT
    # Still caret in the editor: clicking Tonkoll's UI never took the focus.
    assert page.evaluate("document.activeElement.id") == "editor"
    page.close()


def test_one_request_per_pause(ready: Any, page_server: Any, live_server: Any) -> None:
    """Typing at a normal pace sends one request after the writer pauses, not one per key."""
    page, _ = open_editor(ready, page_server, "textarea")
    before = check_count(live_server.log_text())
    page.keyboard.type("Vi ses på torget i morgon klockan tio!", delay=60)
    page.wait_for_function(
        "() => ['hints', 'clear'].includes(document.querySelector('tonkoll-hints')?.shadowRoot"
        ".querySelector('.badge').dataset.state)", timeout=10_000)
    time.sleep(1.5)
    assert check_count(live_server.log_text()) - before == 1
    page.close()


MULTILINE = "Hej alla!\n\nVi har nyheter. Du erhåller ett svar från oss inom tre veckor."


@pytest.mark.parametrize("name", list(EDITORS))
def test_multiline_draft(ready: Any, page_server: Any, name: str) -> None:
    """Line breaks and paragraphs: the text map counts them as the editor does, so the
    underline after them still sits on the right word."""
    page, _ = open_editor(ready, page_server, name)
    page.keyboard.type(MULTILINE)
    wait_badge(page, "hints")
    assert STIFF in underlined_texts(page, name)
    model = page.evaluate("window.editorText()")
    if name == "contenteditable":
        # A bare contenteditable has no model; innerText counts its empty <div><br></div>
        # lines its own way, so compare the lines that carry text.
        assert [line for line in model.split("\n") if line] == \
            [line for line in MULTILINE.split("\n") if line]
    else:
        assert model == EDITORS[name][2].format(typed=MULTILINE)
    page.close()

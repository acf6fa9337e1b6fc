"""Click to apply: a replacement from the real service is a button in the panel; clicking it puts
the text in place through the editor's own input path, so the editor's own model stays equal to
what is drawn, the editor's undo takes it back, and the post is checked again. Nothing is written
without the click."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from conftest import check_count, wait_badge

pytestmark = pytest.mark.browser

STIFF_RULE = "klarsprak.stela-verb"
DRAFT = "Hej! Du erhåller ett svar från oss inom tre veckor."
APPLIED = "Hej! Du får ett svar från oss inom tre veckor."

EDITORS = {
    # page, the element to click, the editor's element whose DOM text we compare, model suffix
    "textarea": ("textarea.html", "#editor", "#editor", ""),
    "contenteditable": ("contenteditable.html", "#editor", "#editor", ""),
    "lexical": ("lexical.html", "#editor", "#editor", ""),
    "draft": ("draft.html", "#editor [contenteditable]", "#editor [contenteditable]", ""),
    "quill": ("quill.html", "#editor .ql-editor", "#editor .ql-editor", "\n"),
}

HINT = f"tonkoll-hints >> .hint[data-rule-id='{STIFF_RULE}']"


def dom_text(page: Any, selector: str) -> str:
    """What the page draws: a textarea's value, or the editor element's text."""
    return page.evaluate(
        "(s) => { const e = document.querySelector(s); "
        "return e instanceof HTMLTextAreaElement ? e.value : e.textContent; }", selector)


@pytest.mark.parametrize("name", list(EDITORS))
def test_click_to_apply_and_undo(ready: Any, page_server: Any, live_server: Any,
                                 tmp_path: Path, name: str) -> None:
    page_file, click, dom, suffix = EDITORS[name]
    page = ready.context.new_page()
    page.goto(page_server.url(page_file))
    page.wait_for_function("typeof window.editorText === 'function'")
    page.click(click)
    page.keyboard.type(DRAFT)
    wait_badge(page, "hints")
    page.locator("tonkoll-hints >> .badge").click()
    button = page.locator(f"{HINT} >> button.apply")
    button.first.wait_for(state="visible")
    assert button.first.get_attribute("data-value") == "får"  # from the real service
    # Nothing is written before the click.
    time.sleep(0.3)
    assert page.evaluate("window.editorText()") == DRAFT + suffix
    page.screenshot(path=str(tmp_path / f"apply-{name}.png"))

    before = check_count(live_server.log_text())
    button.first.click()
    page.wait_for_function("(t) => window.editorText() === t", arg=APPLIED + suffix, timeout=5000)
    assert dom_text(page, dom) == APPLIED
    # The post is checked again: a new request, and the applied hint is gone.
    deadline = time.monotonic() + 10
    while check_count(live_server.log_text()) == before:
        assert time.monotonic() < deadline, "no new check after applying"
        time.sleep(0.1)
    wait_badge(page, "clear")
    if name == "lexical":
        assert page.evaluate("window.editorErrors") == []

    # The editor's own undo takes it back.
    page.keyboard.press("Control+z")
    page.wait_for_function("(t) => window.editorText() === t", arg=DRAFT + suffix, timeout=5000)
    assert dom_text(page, dom) == DRAFT
    wait_badge(page, "hints")
    page.close()

"""The extension in real editors: a textarea, a contenteditable, and real Lexical, Draft.js and
Quill editors. Type a draft with a stiff word; the badge counts, the panel shows the hint, the
underline sits on the word, and the editor's own model text is exactly what was typed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

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


@pytest.fixture(scope="module")
def ready(extension_browser: Any, live_server: Any) -> Any:
    extension_browser.configure(
        consent=True, serverUrl=live_server.base_url,
        customSites=[{"origin": "http://127.0.0.1", "enabled": True}],
    )
    return extension_browser


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
    page.wait_for_function(
        "() => document.querySelector('tonkoll-hints').shadowRoot"
        ".querySelector('.badge').dataset.state === 'hints'", timeout=10_000)
    assert int(badge.get_attribute("data-count") or 0) >= 1
    assert STIFF in underlined_texts(page, name)

    badge.click()
    hint = page.locator(f"tonkoll-hints >> .hint[data-rule-id='{STIFF_RULE}']")
    hint.wait_for(state="visible")
    assert STIFF in hint.inner_text()
    page.screenshot(path=str(tmp_path / f"{name}.png"))

    expected = EDITORS[name][2].format(typed=DRAFT)
    assert page.evaluate("window.editorText()") == expected
    page.close()

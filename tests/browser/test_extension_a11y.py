"""WCAG 2.1 AA for everyone who writes with Tonkoll: the badge comes right after the editor in
the tab order, a shortcut opens the panel, the panel is a named dialog that Escape closes (the
caret goes back where it was), a polite live region says how many hints there are after the
writer pauses, text contrast is at least 4.5:1, and axe-core (from npm) finds nothing serious or
critical on the consent page, the popup, the options page or the open panel."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from conftest import EDITORS_DIR, wait_badge

pytestmark = pytest.mark.browser

DRAFT = "Hej! Du erhåller ett svar från oss inom tre veckor."
BADGE = "tonkoll-hints >> .badge"
PANEL = "tonkoll-hints >> .panel"
AXE = EDITORS_DIR / "node_modules" / "axe-core" / "axe.min.js"


def axe_source() -> str:
    if not AXE.exists():
        msg = f"{AXE} is missing: run `npm install` in {EDITORS_DIR} (scripts/test does it)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(msg)
        pytest.skip(msg)
    return AXE.read_text(encoding="utf-8")


def serious_violations(page: Any, only_tonkoll: bool = False) -> list[str]:
    """axe-core's serious and critical findings on the page (or only in Tonkoll's shadow root).
    Evaluated rather than injected as a tag, so extension pages' CSP does not stop it."""
    page.evaluate(axe_source() + "\n;0")
    found = page.evaluate(
        """async () => {
          const r = await axe.run(document, {resultTypes: ['violations']});
          return r.violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.map(n => [].concat(n.target).join(' >> '))}));
        }""")
    if only_tonkoll:
        for v in found:
            v["targets"] = [t for t in v["targets"] if t.startswith("tonkoll-hints")]
        found = [v for v in found if v["targets"]]
    return [f"{v['id']} ({v['impact']}): {v['help']} at {v['targets'][:3]}" for v in found]


def focused(page: Any) -> str:
    """What has the keyboard focus: 'badge', 'panel', a control inside the panel, or an id."""
    return page.evaluate(
        """() => {
          const a = document.activeElement;
          if (a && a.tagName === 'TONKOLL-HINTS') {
            const inner = a.shadowRoot.activeElement;
            return inner ? (inner.classList.contains('badge') ? 'badge' :
              inner.classList.contains('panel') ? 'panel' : 'in-panel:' + inner.className) : 'host';
          }
          return a ? (a.id || a.tagName.toLowerCase()) : '';
        }""")


def contrast(page: Any, selector_js: str) -> float:
    """WCAG contrast ratio between an element's text colour and its own background."""
    return page.evaluate(
        """(pick) => {
          const el = eval(pick);
          const cs = getComputedStyle(el);
          const lum = (c) => {
            const [r, g, b] = c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map(v => {
              v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
          };
          const [a, b] = [lum(cs.color), lum(cs.backgroundColor)].sort((x, y) => y - x);
          return (a + 0.05) / (b + 0.05);
        }""", selector_js)


def open_page(ext: Any, page_server: Any, page_file: str, click: str = "#editor") -> Any:
    page = ext.context.new_page()
    page.goto(page_server.url(page_file))
    page.click(click)
    return page


def test_tab_order_enter_escape(ready: Any, page_server: Any) -> None:
    """Tab from the editor reaches the badge; Tab again goes on to the page's next control;
    Enter opens the named dialog with the focus in it; Escape closes it and the caret is back
    where the writer left it."""
    page = open_page(ready, page_server, "textarea.html")
    page.keyboard.type(DRAFT)
    wait_badge(page, "hints")
    badge = page.locator(BADGE)
    assert badge.get_attribute("aria-expanded") == "false"
    assert badge.get_attribute("aria-keyshortcuts") == "Alt+Shift+T"

    page.keyboard.press("Tab")
    assert focused(page) == "badge"
    page.keyboard.press("Shift+Tab")
    assert focused(page) == "editor"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused(page) == "comment"  # the control after the editor on this page

    page.click("#editor")  # back from the comment box, which the extension checks too
    wait_badge(page, "hints")
    page.keyboard.press("End")
    page.keyboard.press("Tab")
    assert focused(page) == "badge"
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Tonkoll")
    dialog.wait_for(state="visible")
    assert badge.get_attribute("aria-expanded") == "true"
    assert focused(page) == "panel"
    page.keyboard.press("Tab")
    assert focused(page).startswith("in-panel:")
    page.keyboard.press("Escape")
    page.locator(PANEL).wait_for(state="hidden")
    assert focused(page) == "editor"
    page.keyboard.type(" Tack!")
    assert page.evaluate("window.editorText()") == DRAFT + " Tack!"
    page.close()


@pytest.mark.parametrize("page_file", ["contenteditable.html", "lexical.html"])
def test_shortcut_opens_panel_and_escape_returns_caret(ready: Any, page_server: Any,
                                                        tmp_path: Path, page_file: str) -> None:
    page = open_page(ready, page_server, page_file)
    page.wait_for_function("typeof window.editorText === 'function'")
    page.keyboard.type(DRAFT)
    wait_badge(page, "hints")
    page.keyboard.press("Control+Home")
    page.keyboard.press("Alt+Shift+T")
    page.get_by_role("dialog", name="Tonkoll").wait_for(state="visible")
    assert focused(page) == "panel"
    assert page.evaluate("window.editorText()") == DRAFT  # the shortcut typed nothing
    page.screenshot(path=str(tmp_path / f"keyboard-panel-{page_file.split('.')[0]}.png"))
    # Tab through the panel reaches the hint's replacement button.
    stops = []
    for _ in range(8):
        page.keyboard.press("Tab")
        stops.append(focused(page))
        if "apply" in stops[-1]:
            break
    assert "apply" in stops[-1], stops
    page.keyboard.press("Escape")
    page.locator(PANEL).wait_for(state="hidden")
    assert focused(page) == "editor"
    page.keyboard.type("Oj! ")
    assert page.evaluate("window.editorText()") == "Oj! " + DRAFT  # caret was at the start
    page.close()


def test_live_region_announces_after_pause(ready: Any, page_server: Any) -> None:
    page = open_page(ready, page_server, "textarea.html")
    live = page.locator("tonkoll-hints >> .live")
    assert live.get_attribute("role") == "status"
    assert live.get_attribute("aria-live") == "polite"
    page.keyboard.type(DRAFT, delay=20)
    wait_badge(page, "hints")
    page.wait_for_function(
        "() => document.querySelector('tonkoll-hints').shadowRoot.querySelector('.live')"
        ".textContent.startsWith('1 tips')")
    page.keyboard.press("Control+a")
    page.keyboard.type("Vi ses på torget i morgon klockan tio, välkommen!")
    wait_badge(page, "clear")
    page.wait_for_function(
        "() => document.querySelector('tonkoll-hints').shadowRoot.querySelector('.live')"
        ".textContent.startsWith('Inga tips')")
    page.close()


def test_contrast_and_axe_on_open_panel(ready: Any, page_server: Any, tmp_path: Path) -> None:
    page = open_page(ready, page_server, "contenteditable.html")
    page.keyboard.type(DRAFT)
    wait_badge(page, "hints")
    badge = "document.querySelector('tonkoll-hints').shadowRoot.querySelector('.badge')"
    assert contrast(page, badge) >= 4.5
    page.locator(BADGE).click()
    page.locator(PANEL).wait_for(state="visible")
    apply = ("document.querySelector('tonkoll-hints').shadowRoot"
             ".querySelector('button.apply')")
    assert contrast(page, apply) >= 4.5
    assert serious_violations(page, only_tonkoll=True) == []
    page.keyboard.press("Control+a")
    page.keyboard.type("Vi ses på torget i morgon klockan tio, välkommen!")
    wait_badge(page, "clear")
    assert contrast(page, badge) >= 4.5
    page.close()


@pytest.mark.parametrize("path", ["consent/consent.html", "popup/popup.html",
                                  "options/options.html"])
def test_axe_on_extension_pages(ready: Any, path: str) -> None:
    page = ready.context.new_page()
    page.goto(ready.url(path))
    if path.startswith("options"):
        page.wait_for_selector("body[data-rules-loaded='true']")
    assert serious_violations(page) == []
    page.close()

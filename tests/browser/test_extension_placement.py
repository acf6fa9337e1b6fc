"""Never in the way: in a small window the panel picks a side that covers neither the text being
written nor the composer's own buttons, fits the window (the folded hints are reachable),
closes on Escape (without closing the composer around it) and on a click outside; the badge
keeps off the text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import wait_badge

pytestmark = pytest.mark.browser

MANY = ("Hej! Du erhåller ett svar inom tre veckor. Ansökan ska inlämnas senast fredag. "
        "Vi beklagar eventuella olägenheter. Man ombeds att kontakta oss. Beslut fattades om "
        "att påbörja arbetet. Det konstateras att vägen stängs.")
PANEL = "tonkoll-hints >> .panel"
BADGE = "tonkoll-hints >> .badge"


def rect(page: Any, js: str) -> dict[str, float]:
    return page.evaluate(f"() => {{ const r = ({js}).getBoundingClientRect(); "
                         "return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; }")


def overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return min(a["right"], b["right"]) > max(a["left"], b["left"]) and \
        min(a["bottom"], b["bottom"]) > max(a["top"], b["top"])


SHADOW = "document.querySelector('tonkoll-hints').shadowRoot"


@pytest.mark.parametrize("size", [(320, 480), (1000, 700)])
def test_panel_keeps_off_text_and_buttons(ready: Any, page_server: Any, tmp_path: Path,
                                          size: tuple[int, int]) -> None:
    page = ready.context.new_page()
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(page_server.url("composer.html"))
    page.click("#editor")
    page.keyboard.type(MANY)
    wait_badge(page, "hints")
    page.locator(BADGE).click()
    page.locator(PANEL).wait_for(state="visible")
    panel = rect(page, f"{SHADOW}.querySelector('.panel')")
    for thing in ("#editor", "#publish", "#photo"):
        assert not overlaps(panel, rect(page, f"document.querySelector('{thing}')")), thing
    assert not overlaps(panel, rect(page, f"{SHADOW}.querySelector('.badge')"))
    assert panel["left"] >= 0 and panel["top"] >= 0
    assert panel["right"] <= size[0] and panel["bottom"] <= size[1]
    # More than three hints: "visa fler" is reachable inside the panel (it scrolls).
    more = page.locator("tonkoll-hints >> .more > summary")
    more.scroll_into_view_if_needed()
    more.click()
    page.locator("tonkoll-hints >> .hints.rest .hint").first.wait_for(state="visible")
    page.screenshot(path=str(tmp_path / f"composer-{size[0]}x{size[1]}.png"))
    # Focus stayed in the editor; Escape closes the panel, not the composer.
    page.keyboard.press("Escape")
    page.locator(PANEL).wait_for(state="hidden")
    assert page.evaluate("document.querySelector('.modal').dataset.escaped") is None
    # A click outside closes it too.
    page.locator(BADGE).click()
    page.locator(PANEL).wait_for(state="visible")
    page.click("#composer-title")
    page.locator(PANEL).wait_for(state="hidden")
    page.close()


@pytest.mark.parametrize("page_file", ["composer.html", "textarea.html"])
def test_badge_keeps_off_the_text(ready: Any, page_server: Any, page_file: str) -> None:
    """A box filled to its last corner: the badge moves off the words."""
    page = ready.context.new_page()
    page.goto(page_server.url(page_file))
    page.click("#editor")
    page.keyboard.type("Du erhåller svar snart. " * 14)
    wait_badge(page, "hints")
    badge = rect(page, f"{SHADOW}.querySelector('.badge')")
    if page_file == "textarea.html":
        # A textarea draws its own text: compare with a copy of it laid out the same way.
        words = page.evaluate(
            """() => {
              const ta = document.getElementById('editor');
              const copy = document.createElement('div');
              const cs = getComputedStyle(ta);
              for (const k of ['boxSizing', 'width', 'height', 'font', 'lineHeight',
                               'padding', 'border', 'letterSpacing', 'overflowWrap',
                               'wordBreak'])
                copy.style[k] = cs[k];
              copy.style.whiteSpace = 'pre-wrap';
              copy.style.overflowY = ta.scrollHeight > ta.clientHeight ? 'scroll' : 'hidden';
              const r = ta.getBoundingClientRect();
              Object.assign(copy.style, {position: 'fixed', left: r.left + 'px', top: r.top + 'px',
                                         visibility: 'hidden'});
              copy.textContent = ta.value;
              document.body.append(copy);
              copy.scrollTop = ta.scrollTop;
              const range = document.createRange();
              range.selectNodeContents(copy);
              const out = [...range.getClientRects()].map(q => ({left: q.left, top: q.top,
                right: q.right, bottom: q.bottom}));
              copy.remove();
              return out;
            }""")
    else:
        words = page.evaluate(
            """() => { const range = document.createRange();
              range.selectNodeContents(document.getElementById('editor'));
              return [...range.getClientRects()].map(q => ({left: q.left, top: q.top,
                right: q.right, bottom: q.bottom})); }""")
    assert words
    where = page.locator(BADGE).get_attribute("data-where")
    assert not any(overlaps(badge, w) for w in words), (badge, where)
    page.close()

"""Editors in iframes: a same-site frame is checked like any box (Tonkoll runs in the frame);
a frame from a site where Tonkoll is not on gets a badge that says plainly it cannot be checked."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

DRAFT = "Hej! Du erhåller ett svar från oss inom tre veckor."


def test_same_site_frame_is_checked(ready: Any, page_server: Any) -> None:
    page = ready.context.new_page()
    page.goto(page_server.url("frames.html"))
    frame = page.frame_locator("#same")
    frame.locator("#editor").click()
    page.keyboard.type(DRAFT)
    inner = page.frame(url=page_server.url("textarea.html"))
    assert inner is not None
    inner.wait_for_function(
        "() => document.querySelector('tonkoll-hints')?.shadowRoot"
        ".querySelector('.badge')?.dataset.state === 'hints'", timeout=10_000)
    frame.locator("tonkoll-hints >> .badge").click()
    frame.locator("tonkoll-hints >> .hint[data-rule-id='klarsprak.stela-verb']").wait_for()
    page.close()


def test_frame_from_another_site_says_it_cannot_be_checked(ready: Any, page_server: Any) -> None:
    page = ready.context.new_page()
    page.goto(page_server.url("frames.html"))
    page.frame_locator("#other").locator("#editor").click()
    page.keyboard.type(DRAFT)
    badge = page.locator("tonkoll-hints >> .badge")
    page.wait_for_function(
        "() => document.querySelector('tonkoll-hints')?.shadowRoot"
        ".querySelector('.badge')?.dataset.state === 'unavailable'", timeout=10_000)
    assert badge.inner_text() == "kan inte granskas"
    assert "annan webbplats" in (badge.get_attribute("aria-label") or "")
    # The badge sits by the frame.
    frame_box = page.locator("#other").bounding_box()
    badge_box = badge.bounding_box()
    assert frame_box and badge_box
    assert abs(badge_box["y"] - (frame_box["y"] + frame_box["height"])) < 40
    # Back in the page: the note goes away.
    page.click("h1")
    page.wait_for_function(
        "() => document.querySelector('tonkoll-hints').shadowRoot"
        ".querySelector('.badge').dataset.state === 'idle'", timeout=5_000)
    page.close()

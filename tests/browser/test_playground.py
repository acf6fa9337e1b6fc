"""The playground at / in a real browser (Debian's Chromium via Playwright).

Set TONKOLL_UPDATE_SCREENSHOT=1 to also copy the screenshot to docs/playground.png.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_RULES = ROOT / "tests" / "web" / "data" / "rules"
DRAFT = (
    "Hej! Malmö stad informerar att alla boende erhåller nya cykelbanor på Amiralsgatan i "
    "höst. Arbetet kommer att genomföras av entreprenören under perioden september till "
    "november, och trafiken kommer att påverkas i viss omfattning. Vad tycker du om de nya "
    "cykelbanorna? Berätta gärna i kommentarerna!"
)


def test_paste_a_draft_and_see_hints(browser: Any, live_server: Any, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 1100}, locale="sv-SE")
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(live_server.base_url + "/")
    assert page.title().startswith("Tonkoll")
    page.fill("#draft", DRAFT)
    page.select_option("#channel", "facebook")
    page.click("#check-button")
    page.wait_for_selector("#marked mark")

    marks = page.locator("#marked mark")
    marked = [marks.nth(i).inner_text() for i in range(marks.count())]
    assert "erhåller" in marked, marked
    # The highlighted view shows exactly the draft, so every UTF-16 offset landed right.
    assert page.locator("#marked").inner_text() == DRAFT
    hints = page.locator("#hints li")
    assert hints.count() >= 2
    assert "erhåller" in page.locator("#hints").inner_text()
    strengths = page.locator("#strengths li.strength")
    assert strengths.count() >= 1
    assert page.locator("#scores .score").count() >= 2
    assert "LIX" in page.locator("#readability").inner_text()

    shot = tmp_path / "playground.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    if os.environ.get("TONKOLL_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(shot, ROOT / "docs" / "playground.png")

    marks.filter(has_text="erhåller").first.click()
    assert "erhåller" in page.locator("#hints li.selected").inner_text()
    assert page.locator("#hints li.selected details[open]").count() == 1

    # Emoji before the hints: UTF-16 offsets from the service slice JavaScript strings exactly.
    emoji_draft = "👋👋 Hej 👋 " + DRAFT
    page.fill("#draft", emoji_draft)
    page.click("#check-button")
    expect(page.locator("#marked")).to_have_text(emoji_draft)
    assert page.locator("#marked").inner_text() == emoji_draft
    assert "erhåller" in [marks.nth(i).inner_text() for i in range(marks.count())]
    assert "Malmö stad informerar" in [marks.nth(i).inner_text() for i in range(marks.count())]

    # After the first check the page follows the writer's typing, without another click.
    page.fill("#draft", "Vi ses i parken! Du erhåller en glass.")
    expect(page.locator("#marked")).to_have_text("Vi ses i parken! Du erhåller en glass.")
    assert "erhåller" in [marks.nth(i).inner_text() for i in range(marks.count())]
    assert problems == []  # no script errors, nothing blocked by the Content-Security-Policy
    page.close()


def test_try_a_rule_in_the_browser(browser: Any, live_server: Any) -> None:
    page = browser.new_page()
    page.goto(live_server.base_url + "/regler")
    assert page.locator("article.reference h3").count() > 10
    page.click("#try-form button[type=submit]")
    page.wait_for_selector("#try-result .try-ok")
    assert "alla dess exempel stämmer" in page.locator("#try-result").inner_text()
    assert page.locator("#try-result mark").first.inner_text() == "tillhandahåller"
    page.fill("#try-yaml", "id: klarsprak.x\nkind: [substitution\n")
    page.click("#try-form button[type=submit]")
    page.wait_for_selector("#try-result .try-error")
    assert "Rad 3: YAML-fel" in page.locator("#try-result").inner_text()
    page.close()


def test_the_token_field_when_keys_are_required(
    browser: Any, start_server: Callable[..., Any]
) -> None:
    server = start_server(
        rules_dirs=[FIXTURE_RULES], env={"TONKOLL_API_TOKENS": "redaktionens-nyckel"}
    )
    page = browser.new_page()
    page.goto(server.base_url + "/")
    page.fill("#draft", "Du erhåller beskedet i morgon.")
    page.click("#check-button")
    page.wait_for_selector("#token-box[open]")
    assert "API-nyckel" in page.locator("#status").inner_text()
    page.fill("#token", "redaktionens-nyckel")
    page.click("#check-button")
    page.wait_for_selector("#marked mark")
    assert page.locator("#status").inner_text() == ""
    page.close()

    # /regler has no key field of its own: the try form offers one when the service asks.
    page = browser.new_page()
    page.goto(server.base_url + "/regler")
    page.click("#try-form button[type=submit]")
    page.wait_for_selector("#try-form #token")
    page.fill("#try-form #token", "redaktionens-nyckel")
    page.click("#try-form button[type=submit]")
    page.wait_for_selector("#try-result .try-ok")
    page.close()


def test_click_a_replacement_puts_it_in_the_text(browser: Any, live_server: Any) -> None:
    """Each replacement is a button; clicking it puts the exact text in place of the
    finding's span (UTF-16 offsets, emoji before it) and checks the new draft."""
    page = browser.new_page(locale="sv-SE")
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(live_server.base_url + "/")
    draft = "👋 Hej! Föreningen erhöll bidrag i fjol."
    page.fill("#draft", draft)
    page.click("#check-button")
    button = page.locator("#hints button.replacement", has_text="fick")
    expect(button).to_have_count(1)
    button.click()
    expect(page.locator("#draft")).to_have_value("👋 Hej! Föreningen fick bidrag i fjol.")
    # checked again: the hint on "erhöll" is gone
    expect(page.locator("#marked")).to_have_text("👋 Hej! Föreningen fick bidrag i fjol.")
    assert "erhöll" not in page.locator("#hints").inner_text()

    # A construction rewrite replaces more words than it underlines.
    page.fill("#draft", "Man måste anmäla sig före fredag.")
    page.click("#check-button")
    page.locator("#hints button.replacement", has_text="Du måste anmäla dig").click()
    expect(page.locator("#draft")).to_have_value("Du måste anmäla dig före fredag.")

    # After more typing the offsets no longer fit: the page says so instead of guessing.
    page.fill("#draft", "Du erhåller svar.")
    page.click("#check-button")
    page.wait_for_selector("#hints button.replacement")
    page.evaluate("document.getElementById('draft').value = 'Nu: Du erhåller svar.'")
    page.locator("#hints button.replacement").first.click()
    expect(page.locator("#status")).to_contain_text("Texten har ändrats")
    assert page.locator("#draft").input_value() == "Nu: Du erhåller svar."
    assert problems == []
    page.close()

"""The smaller things a writer runs into: an ignored hint stays ignored after a reload (for the
browser session), withdrawing consent takes the underlines off the text, the options page asks
the service nothing before consent, and the popup says changes apply at once."""

from __future__ import annotations

import time
from typing import Any

import pytest
from conftest import wait_badge

pytestmark = pytest.mark.browser

STIFF_RULE = "klarsprak.stela-verb"
DRAFT = "Hej! Du erhåller ett svar från oss inom tre veckor."
BADGE = "tonkoll-hints >> .badge"
LOCAL = [{"origin": "http://127.0.0.1", "enabled": True}]
UNDERLINED = ("() => { const h = CSS.highlights.get('tonkoll-hint'); "
              "return h ? [...h].map(r => r.toString()) : []; }")


@pytest.fixture(autouse=True)
def defaults(extension_browser: Any, live_server: Any) -> None:
    extension_browser.configure(consent=True, serverUrl=live_server.base_url, customSites=LOCAL,
                                token="", paused=False, disabledRules=[])


def open_contenteditable(ext: Any, page_server: Any) -> Any:
    page = ext.context.new_page()
    page.goto(page_server.url("contenteditable.html"))
    page.click("#editor")
    return page


def test_ignored_hint_stays_ignored_after_reload(extension_browser: Any, page_server: Any) -> None:
    page = open_contenteditable(extension_browser, page_server)
    page.keyboard.type(DRAFT)
    wait_badge(page, "hints")
    page.locator(BADGE).click()
    page.locator(f"tonkoll-hints >> .hint[data-rule-id='{STIFF_RULE}'] >> button.ignore").click()
    wait_badge(page, "clear")
    page.reload()
    page.click("#editor")
    page.keyboard.type(DRAFT)
    wait_badge(page, "clear")  # the service found it again; the ignore held
    assert "erhåller" not in page.evaluate(UNDERLINED)
    # Nothing of the draft is kept for it, not even in the session's storage.
    stored = extension_browser.control.evaluate("chrome.storage.session.get(null)")
    assert "erhåller" not in str(stored) and len(stored.get("ignored", [])) == 1
    extension_browser.control.evaluate("chrome.storage.session.clear()")
    page.close()


def test_withdrawn_consent_takes_underlines_away(extension_browser: Any, page_server: Any) -> None:
    page = open_contenteditable(extension_browser, page_server)
    page.keyboard.type(DRAFT)
    wait_badge(page, "hints")
    assert "erhåller" in page.evaluate(UNDERLINED)
    consent = extension_browser.context.new_page()
    consent.goto(extension_browser.url("consent/consent.html"))
    consent.click("#decline")
    consent.wait_for_selector("body[data-consent='false']")
    consent.close()
    wait_badge(page, "consent")
    assert page.evaluate(UNDERLINED) == []
    page.close()


def test_options_ask_nothing_before_consent(extension_browser: Any, live_server: Any) -> None:
    extension_browser.configure(consent=False)
    before = live_server.log_text().count("GET /v1/rules")
    options = extension_browser.context.new_page()
    options.goto(extension_browser.url("options/options.html"))
    options.wait_for_function(
        "() => document.getElementById('rules-status').textContent.includes('godkänt')")
    time.sleep(1.0)
    assert live_server.log_text().count("GET /v1/rules") == before
    extension_browser.configure(consent=True)
    options.reload()
    options.wait_for_selector("body[data-rules-loaded='true']")
    assert live_server.log_text().count("GET /v1/rules") > before
    options.close()


def test_popup_says_changes_apply_at_once(extension_browser: Any, page_server: Any) -> None:
    ext = extension_browser
    page = open_contenteditable(ext, page_server)
    page.keyboard.type(DRAFT)
    wait_badge(page, "hints")
    page.bring_to_front()
    with ext.context.expect_page() as opened:
        ext.control.evaluate(
            "url => chrome.windows.create({url, type: 'popup', width: 380, height: 600})",
            ext.url("popup/popup.html"))
    popup = opened.value
    popup.wait_for_selector("#site-enabled[data-origin='http://127.0.0.1']")
    popup.uncheck("#site-enabled")
    popup.wait_for_function(
        "() => document.getElementById('site-note').textContent === 'Ändringen gäller direkt.'")
    wait_badge(page, "idle")  # and it did, without a reload
    popup.close()
    page.close()

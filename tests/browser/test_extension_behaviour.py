"""The extension's behaviour around the editor: consent, enabled sites, opt-outs, the service
going away and coming back, the service worker waking up, options, tokens and the popup."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import check_count, wait_badge

pytestmark = pytest.mark.browser

STIFF_RULE = "klarsprak.stela-verb"
DRAFT = "Hej! Du erhåller ett svar från oss inom tre veckor."
BADGE = "tonkoll-hints >> .badge"
LOCAL = [{"origin": "http://127.0.0.1", "enabled": True}]


@pytest.fixture(autouse=True)
def defaults(extension_browser: Any, live_server: Any) -> None:
    """Every test starts from the same settings, whatever the one before changed."""
    extension_browser.configure(consent=True, serverUrl=live_server.base_url, customSites=LOCAL,
                                token="", paused=False, disabledRules=[])


def badge_state(page: Any) -> str | None:
    return page.evaluate(
        "() => document.querySelector('tonkoll-hints')?.shadowRoot"
        ".querySelector('.badge')?.dataset.state ?? null")


def hint_ids(page: Any) -> list[str]:
    return page.evaluate(
        "() => { const h = document.querySelector('tonkoll-hints'); if (!h) return []; "
        "return [...h.shadowRoot.querySelectorAll('.hint')]"
        ".map(e => e.dataset.ruleId); }")


def open_textarea(ext: Any, page_server: Any, host: str = "127.0.0.1",
                  selector: str = "#editor") -> Any:
    page = ext.context.new_page()
    page.goto(page_server.url("textarea.html", host))
    page.click(selector)
    return page


def wait_until(condition: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def quiet_period() -> None:
    """Longer than the debounce plus a round trip: if anything were sent, it would be by now."""
    time.sleep(2.0)


def test_nothing_is_sent_before_consent(extension_browser: Any, page_server: Any,
                                        live_server: Any) -> None:
    ext = extension_browser
    # Installing opened the page that says what is sent where (the fixture waited for it
    # before this module's first settings were written).
    ext.wait_for_page("consent/consent.html")
    ext.configure(consent=False, serverUrl=live_server.base_url, customSites=LOCAL)
    before = check_count(live_server.log_text())
    page = open_textarea(ext, page_server)
    page.keyboard.type(DRAFT)
    wait_badge(page, "consent")
    quiet_period()
    assert check_count(live_server.log_text()) == before

    consent = ext.context.new_page()
    consent.goto(ext.url("consent/consent.html"))
    consent.click("#agree")
    consent.wait_for_selector("body[data-consent='true']")
    consent.close()
    assert ext.storage()["consent"] is True
    page.keyboard.type(" Vi ses!")
    wait_badge(page, "hints")
    assert check_count(live_server.log_text()) > before
    assert page.evaluate("window.editorText()") == DRAFT + " Vi ses!"
    page.close()


def test_comment_box_is_checked_as_a_reply(extension_browser: Any, page_server: Any,
                                           live_server: Any) -> None:
    """Issue 12: a comment or reply box (its label or placeholder says so) is checked with
    channel "reply"; the post box on the same page keeps the site's channel."""
    page = open_textarea(extension_browser, page_server, selector="#comment")
    page.keyboard.type("Vi har tagit del av dina synpunkter och återkommer.")
    wait_badge(page, "hints")
    page.locator(BADGE).click()
    wait_until(lambda: "dialog.tomt-svar" in hint_ids(page))
    assert "channel=reply" in live_server.log_text()
    page.close()
    before = live_server.log_text().count("channel=generic")
    page = open_textarea(extension_browser, page_server)
    page.keyboard.type(DRAFT)
    wait_badge(page, "hints")
    wait_until(lambda: live_server.log_text().count("channel=generic") > before)
    page.close()


def test_site_not_enabled_sends_nothing(extension_browser: Any, page_server: Any,
                                        live_server: Any) -> None:
    ext = extension_browser
    ext.configure(consent=True, serverUrl=live_server.base_url, customSites=LOCAL)
    before = check_count(live_server.log_text())
    # localhost is a different site from 127.0.0.1 and is not enabled.
    page = open_textarea(ext, page_server, host="localhost")
    page.keyboard.type(DRAFT)
    quiet_period()
    assert check_count(live_server.log_text()) == before
    assert badge_state(page) in (None, "idle")
    assert page.evaluate("window.editorText()") == DRAFT
    page.close()

    # A page of an enabled site, then the site is turned off while the page stays open: the
    # background decides from the sender's URL and refuses; nothing reaches the service.
    page = open_textarea(ext, page_server)
    page.keyboard.type(DRAFT)
    wait_badge(page, "hints")
    ext.configure(customSites=[{"origin": "http://127.0.0.1", "enabled": False}])
    wait_badge(page, "idle")
    before = check_count(live_server.log_text())
    page.keyboard.type(" Mer text som inte ska skickas.")
    quiet_period()
    assert check_count(live_server.log_text()) == before
    page.close()
    ext.configure(customSites=LOCAL)


def test_opt_out_fields_are_left_alone(extension_browser: Any, page_server: Any,
                                       live_server: Any) -> None:
    ext = extension_browser
    ext.configure(consent=True, serverUrl=live_server.base_url, customSites=LOCAL)
    before = check_count(live_server.log_text())
    page = open_textarea(ext, page_server, selector="#opted-out")
    page.keyboard.type(DRAFT)
    page.click("#opted-out-ce")
    page.keyboard.type(DRAFT)
    page.click("#password")
    page.keyboard.type("hemligt lösenord som är långt nog")
    quiet_period()
    assert check_count(live_server.log_text()) == before
    assert badge_state(page) in (None, "idle")
    page.close()


def test_paused_sends_nothing(extension_browser: Any, page_server: Any, live_server: Any) -> None:
    ext = extension_browser
    ext.configure(consent=True, serverUrl=live_server.base_url, customSites=LOCAL, paused=True)
    before = check_count(live_server.log_text())
    page = open_textarea(ext, page_server)
    page.keyboard.type(DRAFT)
    quiet_period()
    assert check_count(live_server.log_text()) == before
    ext.configure(paused=False)
    page.keyboard.type(" Tack!")
    wait_badge(page, "hints")
    page.close()


def test_offline_then_recovers(extension_browser: Any, page_server: Any, start_server: Any) -> None:
    ext = extension_browser
    server = start_server()
    ext.configure(consent=True, serverUrl=server.base_url, customSites=LOCAL)
    page = open_textarea(ext, page_server)
    page.keyboard.type(DRAFT)
    wait_badge(page, "hints")

    server.stop()
    page.keyboard.type(" Vi hörs.")
    wait_badge(page, "offline")
    # Typing goes on as usual while the service is away.
    page.keyboard.type(" Ha det bra!")
    assert page.evaluate("window.editorText()") == DRAFT + " Vi hörs. Ha det bra!"

    server.start()  # same port
    page.keyboard.type(" Hej då.")
    wait_badge(page, "hints")
    assert page.evaluate("window.editorText()") == DRAFT + " Vi hörs. Ha det bra! Hej då."

    # Without typing: the hints come back by themselves once the service answers again, within
    # the 5 s cap on the retry interval even after a longer outage. Meanwhile the earlier hints
    # stay, greyed and marked as not current, and the wording is Swedish.
    server.stop()
    page.keyboard.type(" Puss.")
    wait_badge(page, "offline")
    badge = page.locator(BADGE)
    assert badge.get_attribute("data-stale") == "true"
    assert badge.inner_text() == "ingen kontakt"
    shadow = "document.querySelector('tonkoll-hints').shadowRoot"
    page.wait_for_function(f"() => {shadow}.querySelectorAll('.box.stale').length > 0")
    fresh = f"() => {shadow}.querySelectorAll('.box:not(.stale):not(.focus)').length"
    assert page.evaluate(fresh) == 0
    badge.click()
    panel = page.locator("tonkoll-hints >> .panel.stale")
    panel.wait_for(state="visible")
    assert "försöker igen" in panel.locator(".stale-note").inner_text()
    hint = panel.locator(f".hint[data-rule-id='{STIFF_RULE}']")
    assert hint.get_attribute("aria-description") == "inte aktuellt"
    assert panel.locator("button.apply").count() == 0  # nothing is applied from an old answer
    page.click("#editor")  # back in the box (a click outside the panel closes it)
    time.sleep(12)  # long enough for the interval to reach its cap
    server.start()
    back = time.monotonic()
    wait_badge(page, "hints", timeout=20_000)
    assert time.monotonic() - back < 7.5
    assert badge.get_attribute("data-stale") == "false"
    page.close()


def test_stopped_service_worker_wakes_on_next_message(extension_browser: Any, page_server: Any,
                                                      live_server: Any) -> None:
    ext = extension_browser
    ext.configure(consent=True, serverUrl=live_server.base_url, customSites=LOCAL)
    page = open_textarea(ext, page_server)
    page.keyboard.type("Vi ses i morgon på biblioteket, välkommen!")
    wait_badge(page, "clear")
    later = ext.stop_service_worker()
    before = check_count(live_server.log_text())
    page.keyboard.type(" Du erhåller en present.")
    wait_badge(page, "hints")
    assert check_count(live_server.log_text()) > before
    assert "starting" in later and later[-1] == "running"
    page.close()


def test_options_and_token_persist(extension_browser: Any, page_server: Any,
                                   start_server: Any, tmp_path: Path) -> None:
    ext = extension_browser
    server = start_server(env={"TONKOLL_API_TOKENS": "hemlig-nyckel-1"})
    ext.configure(consent=True, customSites=LOCAL, token="")
    options = ext.context.new_page()
    options.goto(ext.url("options/options.html"))
    options.fill("#server-url", server.base_url)
    options.fill("#token", "fel-nyckel")
    options.click("#test-connection")
    options.wait_for_selector("#server-status[data-ok='false']")
    options.fill("#token", "hemlig-nyckel-1")
    options.click("#test-connection")
    options.wait_for_selector("#server-status[data-ok='true']")
    options.click("#save-server")
    options.wait_for_selector("#server-status[data-saved='true']")
    options.wait_for_selector("body[data-rules-loaded='true']")
    assert options.locator("#rules input[type=checkbox]").count() > 10  # with the token
    options.reload()
    assert options.input_value("#server-url") == server.base_url
    assert options.input_value("#token") == "hemlig-nyckel-1"
    options.wait_for_selector("body[data-rules-loaded='true']")
    options.screenshot(path=str(tmp_path / "options.png"))
    options.close()

    page = open_textarea(ext, page_server)
    page.keyboard.type(DRAFT)
    wait_badge(page, "hints")  # the service only answers with the right Authorization header
    page.close()

    ext.configure(token="fel-nyckel")
    page = open_textarea(ext, page_server)
    page.keyboard.type(DRAFT)
    wait_badge(page, "error")
    assert "401" in server.log_text()
    page.close()
    ext.configure(token="")


def test_rule_turned_off_in_options(extension_browser: Any, page_server: Any,
                                    live_server: Any) -> None:
    ext = extension_browser
    ext.configure(consent=True, serverUrl=live_server.base_url, customSites=LOCAL, token="",
                  disabledRules=[])
    options = ext.context.new_page()
    options.goto(ext.url("options/options.html"))
    options.wait_for_selector("body[data-rules-loaded='true']")
    # Grouped by theme, Swedish first (the UI language), folded until searched.
    groups = options.locator("#rules details.theme-group")
    assert groups.first.get_attribute("data-language") == "sv"
    assert groups.last.get_attribute("data-language") == "en"
    assert options.locator("#rules details.theme-group[open]").count() == 0
    box = options.locator(f"input[data-rule-id='{STIFF_RULE}']")
    assert not box.is_visible()
    options.fill("#rule-search", "erhåll")
    box.wait_for(state="visible")
    assert options.locator("#rules label.rule:visible").count() < 5
    assert box.is_checked()
    box.uncheck()
    wait_until(lambda: STIFF_RULE in ext.storage().get("disabledRules", []))
    options.close()

    page = open_textarea(ext, page_server)
    page.keyboard.type(DRAFT)
    page.wait_for_function(
        "() => ['hints', 'clear'].includes(document.querySelector('tonkoll-hints')?.shadowRoot"
        ".querySelector('.badge')?.dataset.state)", timeout=10_000)
    page.locator(BADGE).click()
    assert STIFF_RULE not in hint_ids(page)
    page.close()
    ext.configure(disabledRules=[])


def test_disable_rule_from_the_panel(extension_browser: Any, page_server: Any,
                                     live_server: Any) -> None:
    ext = extension_browser
    ext.configure(consent=True, serverUrl=live_server.base_url, customSites=LOCAL, token="",
                  disabledRules=[])
    page = open_textarea(ext, page_server)
    page.keyboard.type(DRAFT)
    wait_badge(page, "hints")
    page.locator(BADGE).click()
    page.locator(f"tonkoll-hints >> .hint[data-rule-id='{STIFF_RULE}'] button.disable-rule").click()
    wait_until(lambda: STIFF_RULE in ext.storage().get("disabledRules", []))
    wait_until(lambda: STIFF_RULE not in hint_ids(page))
    page.close()
    ext.configure(disabledRules=[])


def test_add_site_in_options(extension_browser: Any, page_server: Any, live_server: Any) -> None:
    ext = extension_browser
    ext.configure(consent=True, serverUrl=live_server.base_url, customSites=[])
    options = ext.context.new_page()
    options.goto(ext.url("options/options.html"))
    options.fill("#new-site", page_server.url("textarea.html"))
    options.click("#add-site")
    options.wait_for_selector("#custom-sites li[data-origin='http://127.0.0.1']")
    options.close()
    ext.configure()  # waits until the content script is registered for the new site
    page = open_textarea(ext, page_server)
    page.keyboard.type(DRAFT)
    wait_badge(page, "hints")
    page.close()


def test_popup_checks_pasted_text(extension_browser: Any, live_server: Any,
                                  tmp_path: Path) -> None:
    ext = extension_browser
    ext.configure(consent=True, serverUrl=live_server.base_url, customSites=LOCAL, token="",
                  disabledRules=[])
    popup = ext.context.new_page()
    popup.goto(ext.url("popup/popup.html"))
    popup.fill("#paste-text", "👋 " + DRAFT)
    popup.click("#check")
    hint = popup.locator(f"#results .hint[data-rule-id='{STIFF_RULE}']")
    hint.wait_for(state="visible", timeout=10_000)
    assert "erhåller" in hint.inner_text()
    popup.screenshot(path=str(tmp_path / "popup.png"), full_page=True)
    popup.close()


def test_too_long_text_gets_a_calm_error(extension_browser: Any, page_server: Any,
                                         live_server: Any) -> None:
    ext = extension_browser
    ext.configure(consent=True, serverUrl=live_server.base_url, customSites=LOCAL, token="",
                  paused=False)
    page = open_textarea(ext, page_server)
    long_text = "Vi ses på torget. " * 700  # 12,600 characters: over the service's limit
    page.fill("#editor", long_text)
    wait_badge(page, "error")
    assert page.locator(BADGE).get_attribute("data-error") == "too_long"
    assert page.evaluate("window.editorText()") == long_text
    page.close()


def test_popup_switches_for_the_current_site(extension_browser: Any, page_server: Any,
                                             live_server: Any) -> None:
    ext = extension_browser
    ext.configure(consent=True, serverUrl=live_server.base_url, customSites=LOCAL, paused=False)
    page = open_textarea(ext, page_server)
    page.bring_to_front()
    with ext.context.expect_page() as opened:
        ext.control.evaluate(
            "url => chrome.windows.create({url, type: 'popup', width: 380, height: 600})",
            ext.url("popup/popup.html"))
    popup = opened.value
    popup.wait_for_selector("#site-enabled[data-origin='http://127.0.0.1']")
    assert popup.is_checked("#site-enabled")
    assert "127.0.0.1" in popup.inner_text("#site-label")
    popup.uncheck("#site-enabled")
    wait_until(lambda: ext.storage()["customSites"] == [
        {"origin": "http://127.0.0.1", "enabled": False}])
    popup.check("#paused")
    wait_until(lambda: ext.storage()["paused"] is True)
    popup.close()
    page.close()
    ext.configure(customSites=LOCAL, paused=False)


def test_popup_leads_with_three_and_folds_the_rest(extension_browser: Any) -> None:
    """Primary hints first (the service's top three), the rest under "visa fler", strengths last."""
    popup = extension_browser.context.new_page()
    popup.goto(extension_browser.url("popup/popup.html"))
    # Five stiff phrasings from three rules, so there is more than the top three.
    popup.fill("#paste-text", "Hej! Du erhåller beslutet inom kort. Vi tillhandahåller "
                              "information och handhar ärendet. Vänligen beakta att avgiften "
                              "ska erläggas i tid.")
    popup.click("#check")
    popup.wait_for_selector("#results .hint")
    assert popup.locator("#results .hints.primary > .hint").count() == 3
    assert popup.locator("#results details.more .hint").count() >= 1
    assert not popup.locator("#results details.more .hint").first.is_visible()
    popup.click("#results details.more > summary")
    assert popup.locator("#results details.more .hint").first.is_visible()
    assert popup.locator("#results .strength").count() >= 1
    first = popup.locator("#results .hints.primary > .hint").first
    first.locator("details.why > summary").click()
    assert first.locator(".explanation").is_visible()
    assert first.locator(".handbook").inner_text().strip()
    before = popup.locator("#results .hint").count()
    first.locator("button.ignore").click()
    assert popup.locator("#results .hint").count() == before - 1
    popup.close()


class SilentServer:
    """Accepts connections and reads requests but never answers: a hung service."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.requests = 0
        self.conns: list[socket.socket] = []
        threading.Thread(target=self.serve, daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)
            threading.Thread(target=self.read, args=(conn,), daemon=True).start()

    def read(self, conn: socket.socket) -> None:
        while True:
            try:
                data = conn.recv(65536)
            except OSError:
                return
            if not data:
                return
            self.requests += data.count(b"POST /v1/check ")

    def close(self) -> None:
        self.sock.close()
        for conn in self.conns:
            conn.close()


def test_hung_service_times_out_with_one_request_in_flight(extension_browser: Any,
                                                           page_server: Any) -> None:
    silent = SilentServer()
    try:
        extension_browser.configure(serverUrl=silent.base_url)
        page = open_textarea(extension_browser, page_server)
        page.keyboard.type(DRAFT)
        wait_until(lambda: silent.requests == 1)
        # More pauses in typing while the first request hangs: still one request in flight.
        for word in (" Vi", " hörs", " snart."):
            page.keyboard.type(word)
            page.wait_for_timeout(900)
        assert silent.requests == 1
        wait_badge(page, "offline", timeout=15_000)  # the background gave up (timeout)
        assert page.evaluate("window.editorText()") == DRAFT + " Vi hörs snart."
        page.close()
    finally:
        silent.close()

"""The behaviour tests in Firefox too (WebDriver BiDi, real clicks and keys): consent given by a
click, hints, the panel, click to apply with undo, ignore, and the service going away and
coming back."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from firefox_bidi import Bidi, launch_firefox
from servers import free_port

pytestmark = pytest.mark.browser

DRAFT = "Hej! Du erhåller ett svar från oss inom tre veckor."
APPLIED = "Hej! Du får ett svar från oss inom tre veckor."
SHADOW = "document.querySelector('tonkoll-hints')?.shadowRoot"
STATE = f"{SHADOW}?.querySelector('.badge')?.dataset.state"
HINT = f"{SHADOW}.querySelector(\".hint[data-rule-id='klarsprak.stela-verb']\")"


class Firefox:
    def __init__(self, bidi: Bidi, control: str, tab: str) -> None:
        self.bidi, self.control, self.tab = bidi, control, tab

    def set(self, **settings: Any) -> None:
        self.bidi.evaluate(self.control, f"browser.storage.local.set({json.dumps(settings)})")

    def open(self, page_server: Any, page: str) -> None:
        self.bidi.call("browsingContext.activate", context=self.tab)
        self.bidi.call("browsingContext.navigate", context=self.tab, url=page_server.url(page),
                       wait="complete")
        self.bidi.click(self.tab, "document.getElementById('editor')")

    def state(self, want: str, timeout: float = 15.0) -> None:
        self.bidi.wait_for(self.tab, f"{STATE} === {json.dumps(want)}", timeout=timeout)

    def text(self) -> str:
        return str(self.bidi.evaluate(self.tab, "window.editorText()"))


@pytest.fixture(scope="module")
def ff(tmp_path_factory: pytest.TempPathFactory, page_server: Any,
       live_server: Any) -> Iterator[Firefox]:
    with launch_firefox(tmp_path_factory.mktemp("firefox")) as (bidi, addon):
        consent_page = bidi.install(addon)
        fx = Firefox(bidi, consent_page, bidi.call("browsingContext.create", type="tab")["context"])
        fx.set(serverUrl=live_server.base_url,
               customSites=[{"origin": "http://127.0.0.1", "enabled": True}])
        bidi.wait_for(consent_page, "browser.scripting.getRegisteredContentScripts()"
                                    ".then(l => l.some(s => s.matches.includes('http://127.0.0.1/*')))")
        yield fx


def test_consent_by_click(ff: Firefox, page_server: Any, live_server: Any) -> None:
    before = live_server.log_text().count('"POST /v1/check ')
    ff.open(page_server, "textarea.html")
    ff.bidi.type(ff.tab, DRAFT)
    ff.state("consent")
    time.sleep(2.0)
    assert live_server.log_text().count('"POST /v1/check ') == before  # nothing before consent
    ff.bidi.call("browsingContext.activate", context=ff.control)
    ff.bidi.click(ff.control, "document.getElementById('agree')")
    ff.bidi.wait_for(ff.control, "document.body.dataset.consent === 'true'")
    ff.bidi.call("browsingContext.activate", context=ff.tab)
    ff.bidi.click(ff.tab, "document.getElementById('editor')")
    ff.bidi.press(ff.tab, "Control", "\ue010")  # Ctrl+End
    ff.bidi.type(ff.tab, " Vi ses!")
    ff.state("hints")
    assert ff.text() == DRAFT + " Vi ses!"


@pytest.mark.parametrize("page", ["textarea.html", "contenteditable.html"])
def test_panel_apply_and_undo(ff: Firefox, page_server: Any, page: str) -> None:
    ff.open(page_server, page)
    ff.bidi.type(ff.tab, DRAFT)
    ff.state("hints")
    ff.bidi.click(ff.tab, f"{SHADOW}.querySelector('.badge')")
    ff.bidi.wait_for(ff.tab, f"!{SHADOW}.querySelector('.panel').hidden && {HINT} !== null")
    role = f"{SHADOW}.querySelector('.panel').getAttribute('role')"
    assert ff.bidi.evaluate(ff.tab, role) == "dialog"
    assert ff.text() == DRAFT  # nothing written before the click
    ff.bidi.click(ff.tab, f"{HINT}.querySelector('button.apply')")
    ff.bidi.wait_for(ff.tab, f"window.editorText() === {json.dumps(APPLIED)}", timeout=5)
    ff.state("clear")
    ff.bidi.press(ff.tab, "Control", "z")
    ff.bidi.wait_for(ff.tab, f"window.editorText() === {json.dumps(DRAFT)}", timeout=5)
    ff.state("hints")


def test_escape_and_ignore(ff: Firefox, page_server: Any) -> None:
    ff.open(page_server, "contenteditable.html")
    ff.bidi.type(ff.tab, DRAFT)
    ff.state("hints")
    ff.bidi.press(ff.tab, "Alt", "Shift", "T")
    ff.bidi.wait_for(ff.tab, f"!{SHADOW}.querySelector('.panel').hidden")
    ff.bidi.press(ff.tab, "Escape")
    ff.bidi.wait_for(ff.tab, f"{SHADOW}.querySelector('.panel').hidden")
    assert ff.bidi.evaluate(ff.tab, "document.activeElement.id") == "editor"
    ff.bidi.click(ff.tab, f"{SHADOW}.querySelector('.badge')")
    ff.bidi.wait_for(ff.tab, f"{HINT} !== null")
    ff.bidi.click(ff.tab, f"{HINT}.querySelector('button.ignore')")
    ff.state("clear")
    assert ff.text() == DRAFT
    # The worker stores the ignore after the hint is gone from the page: wait for it before
    # clearing, or a late write keeps the hint ignored in the next test (same tab and site).
    ff.bidi.wait_for(ff.control, "browser.storage.session.get('ignored')"
                                 ".then(v => (v.ignored || []).length > 0)")
    ff.bidi.evaluate(ff.control, "browser.storage.session.clear()")


def test_offline_keeps_old_hints_then_recovers(ff: Firefox, page_server: Any,
                                               live_server: Any) -> None:
    ff.open(page_server, "textarea.html")
    ff.bidi.type(ff.tab, DRAFT)
    ff.state("hints")
    ff.set(serverUrl=f"http://127.0.0.1:{free_port()}")  # nothing listens there
    ff.bidi.type(ff.tab, " Vi hörs.")
    ff.state("offline")
    # In the browser's UI language (this Firefox has no Swedish language pack; Chromium's test
    # checks the Swedish wording).
    wording = ff.bidi.evaluate(ff.control, "browser.i18n.getMessage('badgeOffline')")
    assert wording in ("ingen kontakt", "no connection")
    assert ff.bidi.evaluate(ff.tab, f"{SHADOW}.querySelector('.badge').textContent") == wording
    assert ff.bidi.evaluate(ff.tab, f"{SHADOW}.querySelector('.badge').dataset.stale") == "true"
    ff.set(serverUrl=live_server.base_url)
    ff.state("hints", timeout=10)  # back by itself, without typing

"""Firefox smoke test: the Firefox zip installs through WebDriver BiDi (`webExtension.install`),
and typing a stiff word in an enabled page shows Tonkoll's badge with hints from the real
service."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from firefox_bidi import ADDON_ID, ADDON_UUID, Bidi, launch_firefox

pytestmark = pytest.mark.browser

DRAFT = "Hej! Du erhåller ett svar från oss inom tre veckor."


@pytest.fixture(scope="module")
def firefox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Bidi, Path]]:
    with launch_firefox(tmp_path_factory.mktemp("firefox")) as launched:
        yield launched


def test_firefox_installs_and_hints(firefox: tuple[Bidi, Path], page_server: Any,
                                    live_server: Any) -> None:
    bidi, addon = firefox
    assert bidi.call("webExtension.install",
                     extensionData={"type": "path", "path": str(addon)})["extension"] == ADDON_ID
    # The first-run page opens by itself; it is an extension page, so it can set up storage.
    deadline = time.monotonic() + 15
    while True:
        pages = [c for c in bidi.contexts() if c["url"].startswith(f"moz-extension://{ADDON_UUID}/")]
        if pages:
            break
        assert time.monotonic() < deadline, "the consent page did not open on install"
        time.sleep(0.2)
    ext_page = pages[0]["context"]
    assert pages[0]["url"].endswith("/consent/consent.html")
    settings = {"consent": True, "serverUrl": live_server.base_url,
                "customSites": [{"origin": "http://127.0.0.1", "enabled": True}]}
    bidi.evaluate(ext_page, f"browser.storage.local.set({json.dumps(settings)})")
    bidi.wait_for(ext_page, "browser.scripting.getRegisteredContentScripts()"
                            ".then(l => l.some(s => s.matches.includes('http://127.0.0.1/*')))")

    tab = bidi.call("browsingContext.create", type="tab")["context"]
    bidi.call("browsingContext.navigate", context=tab, url=page_server.url("textarea.html"),
              wait="complete")
    bidi.evaluate(tab, "document.getElementById('editor').focus()")
    keys = [a for ch in DRAFT for a in ({"type": "keyDown", "value": ch},
                                        {"type": "keyUp", "value": ch})]
    bidi.call("input.performActions", context=tab,
              actions=[{"type": "key", "id": "keyboard", "actions": keys}])
    state = ("document.querySelector('tonkoll-hints')?.shadowRoot"
             ".querySelector('.badge')?.dataset.state")
    assert bidi.wait_for(tab, f"{state} === 'hints' && {state}") == "hints"
    boxes = bidi.evaluate(tab, "[...document.querySelector('tonkoll-hints').shadowRoot"
                               ".querySelectorAll('.box')].length")
    assert boxes >= 1
    assert bidi.evaluate(tab, "document.getElementById('editor').value") == DRAFT

    # A contenteditable: underlined with the CSS Custom Highlight API in Firefox too.
    bidi.call("browsingContext.navigate", context=tab, url=page_server.url("contenteditable.html"),
              wait="complete")
    bidi.evaluate(tab, "document.getElementById('editor').focus()")
    bidi.call("input.performActions", context=tab,
              actions=[{"type": "key", "id": "keyboard", "actions": keys}])
    assert bidi.wait_for(tab, f"{state} === 'hints' && {state}") == "hints"
    underlined = bidi.evaluate(
        tab, "[...(CSS.highlights.get('tonkoll-hint') || [])].map(r => r.toString()).join('|')")
    assert "erhåller" in underlined.split("|")
    assert bidi.evaluate(tab, "window.editorText()") == DRAFT

    # Field feedback in Firefox's background scripts (storage.session, alarms): the counts of
    # the hints just shown reach POST /v1/feedback.
    sent = bidi.evaluate(ext_page, "browser.runtime.sendMessage({type: 'sendFeedback'})"
                                   ".then(a => a.ok && a.sent)")
    assert sent >= 1
    assert '"POST /v1/feedback HTTP/1.1" 200' in live_server.log_text()

"""Firefox smoke test: the Firefox zip installs through WebDriver BiDi (`webExtension.install`),
and typing a stiff word in an enabled page shows Tonkoll's badge with hints from the real
service."""

from __future__ import annotations

import contextlib
import itertools
import json
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, browser_missing
from servers import free_port, stop
from websockets.sync.client import connect

pytestmark = pytest.mark.browser

ADDON_ID = "tonkoll@malmo.se"
ADDON_UUID = "3f1d8a52-6c1e-4a8e-9a57-2b1f4c7d9e01"
DRAFT = "Hej! Du erhåller ett svar från oss inom tre veckor."


def firefox_path() -> str:
    path = shutil.which("firefox-esr") or shutil.which("firefox")
    if path:
        return path
    browser_missing(
        "Firefox is not installed (apt-get install -y firefox-esr; scripts/test does it)")


class Bidi:
    """A minimal WebDriver BiDi client: one command at a time, events ignored."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.ids = itertools.count(1)

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        command_id = next(self.ids)
        self.ws.send(json.dumps({"id": command_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv(timeout=30))
            if message.get("id") == command_id:
                if message.get("type") == "error":
                    raise AssertionError(f"{method}: {message.get('message')}")
                return dict(message["result"])

    def evaluate(self, context: str, expression: str) -> Any:
        result = self.call("script.evaluate", expression=expression, target={"context": context},
                           awaitPromise=True)
        if result.get("type") == "exception":
            raise AssertionError(result["exceptionDetails"]["text"])
        return result["result"].get("value")

    def wait_for(self, context: str, expression: str, timeout: float = 15.0) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(context, expression)
            if value:
                return value
            assert time.monotonic() < deadline, f"timed out waiting for {expression}"
            time.sleep(0.2)

    def contexts(self) -> list[dict[str, Any]]:
        return list(self.call("browsingContext.getTree")["contexts"])


@pytest.fixture(scope="module")
def firefox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Bidi, Path]]:
    binary = firefox_path()
    work = tmp_path_factory.mktemp("firefox")
    subprocess.run([sys.executable, str(ROOT / "scripts/pack-extension"), "--out", str(work)],
                   check=True, timeout=60)
    addon = work / "addon"
    with zipfile.ZipFile(work / "tonkoll-firefox.zip") as zf:
        zf.extractall(addon)
    profile = work / "profile"
    profile.mkdir()
    uuids = json.dumps({ADDON_ID: ADDON_UUID})
    (profile / "user.js").write_text(
        f'user_pref("extensions.webextensions.uuids", {json.dumps(uuids)});\n'
        'user_pref("intl.locale.requested", "sv");\n', encoding="utf-8")
    port = free_port()
    proc = subprocess.Popen(
        [binary, "--headless", "--no-remote", "--profile", str(profile),
         f"--remote-debugging-port={port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with contextlib.ExitStack() as stack:
            deadline = time.monotonic() + 40
            while True:
                try:
                    ws = stack.enter_context(
                        connect(f"ws://127.0.0.1:{port}/session", max_size=None, open_timeout=5))
                    break
                except OSError:
                    assert proc.poll() is None, "Firefox exited"
                    assert time.monotonic() < deadline, "Firefox's WebDriver BiDi did not answer"
                    time.sleep(0.3)
            bidi = Bidi(ws)
            bidi.call("session.new", capabilities={})
            yield bidi, addon
    finally:
        stop(proc, timeout=15)


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

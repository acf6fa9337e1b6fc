"""Firefox driven through its built-in WebDriver BiDi (no geckodriver): a minimal client, the
browser started with a fresh profile and the add-on's Firefox zip unpacked, and real input
(pointer clicks at an element's centre, typed keys) for the behaviour tests."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from conftest import ROOT, browser_missing
from servers import free_port, stop
from websockets.sync.client import connect

ADDON_ID = "tonkoll@malmo.se"
ADDON_UUID = "3f1d8a52-6c1e-4a8e-9a57-2b1f4c7d9e01"
KEYS = {"Control": "\ue009", "Shift": "\ue008", "Alt": "\ue00a", "Escape": "\ue00c",
        "Tab": "\ue004", "Enter": "\ue007", "Home": "\ue011"}


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

    def click(self, context: str, element: str) -> None:
        """A real mouse click at the centre of the element `element` (a JS expression)."""
        centre = self.evaluate(
            context, f"(() => {{ const r = ({element}).getBoundingClientRect(); "
                     "return `${Math.round(r.left + r.width / 2)} "
                     "${Math.round(r.top + r.height / 2)}`; })()")
        x, y = (int(v) for v in str(centre).split())
        self.call("input.performActions", context=context, actions=[{
            "type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
            "actions": [{"type": "pointerMove", "x": x, "y": y},
                        {"type": "pointerDown", "button": 0},
                        {"type": "pointerUp", "button": 0}]}])

    def type(self, context: str, text: str) -> None:
        keys = [a for ch in text for a in ({"type": "keyDown", "value": ch},
                                           {"type": "keyUp", "value": ch})]
        self.call("input.performActions", context=context,
                  actions=[{"type": "key", "id": "keyboard", "actions": keys}])

    def press(self, context: str, *chord: str) -> None:
        """Press keys together, e.g. press(ctx, "Control", "z")."""
        values = [KEYS.get(k, k) for k in chord]
        actions = [{"type": "keyDown", "value": v} for v in values]
        actions += [{"type": "keyUp", "value": v} for v in reversed(values)]
        self.call("input.performActions", context=context,
                  actions=[{"type": "key", "id": "keyboard", "actions": actions}])

    def install(self, addon: Path) -> str:
        """Install the add-on; return the context of the first-run page it opens."""
        installed = self.call("webExtension.install",
                              extensionData={"type": "path", "path": str(addon)})
        assert installed["extension"] == ADDON_ID
        deadline = time.monotonic() + 15
        while True:
            pages = [c for c in self.contexts()
                     if c["url"].startswith(f"moz-extension://{ADDON_UUID}/")]
            if pages:
                assert pages[0]["url"].endswith("/consent/consent.html")
                return str(pages[0]["context"])
            assert time.monotonic() < deadline, "the consent page did not open on install"
            time.sleep(0.2)


@contextlib.contextmanager
def launch_firefox(work: Path,
                   policies: dict[str, Any] | None = None) -> Iterator[tuple[Bidi, Path]]:
    """Firefox with a fresh profile in `work`; yields the BiDi client and the unpacked add-on.

    `policies` are enterprise policies as IT would write them in policies.json. Firefox reads
    them from the profile's own file (not /etc) only when it runs under automation, which the
    two settings below switch on; non-local connections are then refused, which suits tests."""
    binary = firefox_path()
    env = dict(os.environ)
    prefs = ""
    if policies is not None:
        policy_file = work / "policies.json"
        policy_file.write_text(json.dumps({"policies": policies}), encoding="utf-8")
        env["MOZ_DISABLE_NONLOCAL_CONNECTIONS"] = "1"
        automation = "security.turn_off_all_security_so_that_viruses_can_take_over_this_computer"
        prefs = (f'user_pref("{automation}", true);\n'
                 f'user_pref("browser.policies.alternatePath", {json.dumps(str(policy_file))});\n')
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
        'user_pref("intl.locale.requested", "sv");\n' + prefs, encoding="utf-8")
    port = free_port()
    proc = subprocess.Popen(
        [binary, "--headless", "--no-remote", "--profile", str(profile),
         f"--remote-debugging-port={port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
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



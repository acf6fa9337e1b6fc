"""Pushed by IT: Firefox enterprise policies (`3rdparty` → `Extensions` → the add-on's id) set
the service address, the API key and the sites. The options page shows them locked, and hints
come from the service IT named, for the site IT added."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from firefox_bidi import ADDON_ID, Bidi, launch_firefox

pytestmark = pytest.mark.browser

DRAFT = "Hej! Du erhåller ett svar från oss inom tre veckor."
STATE = ("document.querySelector('tonkoll-hints')?.shadowRoot"
         "?.querySelector('.badge')?.dataset.state")


@pytest.fixture
def managed_firefox(tmp_path_factory: pytest.TempPathFactory, start_server: Any
                    ) -> Iterator[tuple[Bidi, str, Any]]:
    server = start_server(env={"TONKOLL_API_TOKENS": "it-nyckel-1"})
    policies = {"3rdparty": {"Extensions": {ADDON_ID: {
        "serverUrl": server.base_url, "token": "it-nyckel-1",
        "sites": {"x": False}, "customSites": ["http://127.0.0.1"]}}}}
    with launch_firefox(tmp_path_factory.mktemp("firefox"), policies) as (bidi, addon):
        consent_page = bidi.install(addon)
        yield bidi, consent_page, server


def test_it_settings_are_locked_and_used(managed_firefox: tuple[Bidi, str, Any],
                                         page_server: Any) -> None:
    bidi, control, server = managed_firefox
    managed = bidi.evaluate(control, "browser.storage.managed.get(null).then(JSON.stringify)")
    assert json.loads(managed)["serverUrl"] == server.base_url
    # The writer's own storage says nothing of it: the policy is read each time.
    assert bidi.evaluate(control, "browser.storage.local.get('serverUrl')"
                                  ".then(s => s.serverUrl === undefined)") is True

    # (WebDriver may not navigate to extension pages: the add-on opens its options itself.)
    bidi.evaluate(control, "browser.runtime.openOptionsPage().then(() => true)")
    deadline = time.monotonic() + 15
    while not (found := [c for c in bidi.contexts() if c["url"].endswith("/options/options.html")]):
        assert time.monotonic() < deadline, "the options page did not open"
        time.sleep(0.2)
    options = str(found[0]["context"])
    bidi.wait_for(options, "document.getElementById('server-url').value !== ''")
    assert bidi.evaluate(options, "document.getElementById('server-url').value") == server.base_url
    assert bidi.evaluate(options, "document.getElementById('server-url').disabled") is True
    assert bidi.evaluate(options, "document.getElementById('token').disabled") is True
    assert bidi.evaluate(options, "document.getElementById('managed-note').hidden") is False
    assert bidi.evaluate(
        options, "(() => { const b = document.querySelector(\"input[data-site='x']\"); "
                 "return b.disabled && !b.checked; })()") is True
    assert bidi.evaluate(
        options, "document.querySelector(\"#custom-sites li[data-origin='http://127.0.0.1'] "
                 "input\").disabled") is True

    # The writer still agrees by a click; then the IT-named service answers with IT's key.
    bidi.call("browsingContext.activate", context=control)
    bidi.click(control, "document.getElementById('agree')")
    bidi.wait_for(control, "document.body.dataset.consent === 'true'")
    bidi.wait_for(control, "browser.scripting.getRegisteredContentScripts()"
                           ".then(l => l.some(s => s.matches.includes('http://127.0.0.1/*')))")
    tab = bidi.call("browsingContext.create", type="tab")["context"]
    bidi.call("browsingContext.navigate", context=tab, url=page_server.url("textarea.html"),
              wait="complete")
    bidi.click(tab, "document.getElementById('editor')")
    bidi.type(tab, DRAFT)
    assert bidi.wait_for(tab, f"{STATE} === 'hints' && {STATE}") == "hints"
    assert '"POST /v1/check ' in server.log_text()

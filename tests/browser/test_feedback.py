"""Field feedback in a real Chromium: what the extension sends (request bodies inspected: counts,
never text, words or page addresses), consent and the option that turns it off, the playground's
events, and /statistik behind the admin key with a rule's figures and the chart (screenshots in
the test's output folder)."""

from __future__ import annotations

import http.server
import json
import re
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from test_extension_a11y import serious_violations

pytestmark = pytest.mark.browser

ADMIN = "statistiknyckel-for-test-1234"
STIFF_RULE = "klarsprak.stela-verb"
MARKER = "Zyxwvutsson"
DRAFT = f"Hej! Du erhåller ett svar från {MARKER} inom tre veckor. Malmö stad informerar."
SECRET_PAGE = "textarea.html?grupp=hemlig-sida-4711"
ALLOWED_KEYS = {"rule_id", "event", "language", "channel", "rules_version", "count",
                "replacement", "offered"}


@dataclass
class Recorder:
    """A loopback proxy in front of the real service that keeps every request it forwards."""

    target: str
    seen: list[dict[str, Any]] = field(default_factory=list)
    server: http.server.ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self.server
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def feedback_bodies(self) -> list[dict[str, Any]]:
        return [json.loads(r["body"]) for r in self.seen
                if r["method"] == "POST" and r["path"] == "/v1/feedback"]

    def start(self) -> Recorder:
        recorder = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

            def _forward(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                recorder.seen.append({"method": self.command, "path": self.path,
                                      "body": body.decode("utf-8", errors="replace"),
                                      "headers": dict(self.headers)})
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() in ("content-type", "authorization", "origin")}
                request = urllib.request.Request(recorder.target + self.path, data=body or None,
                                                 headers=headers, method=self.command)
                try:
                    with urllib.request.urlopen(request, timeout=10) as resp:
                        status, answer, out = resp.status, resp.read(), resp.headers
                except urllib.error.HTTPError as err:
                    status, answer, out = err.code, err.read(), err.headers
                self.send_response(status)
                for k, v in out.items():
                    if k.lower() in ("content-type", "retry-after") or \
                            k.lower().startswith("access-control-"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            do_GET = do_POST = do_OPTIONS = _forward  # noqa: N815

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()


@pytest.fixture
def service(start_server: Any, tmp_path: Path) -> Any:
    return start_server(env={"TONKOLL_ADMIN_TOKENS": ADMIN,
                             "TONKOLL_DATABASE_URL": f"sqlite:///{tmp_path / 'fb.db'}"})


@pytest.fixture
def recorder(service: Any) -> Iterator[Recorder]:
    rec = Recorder(service.base_url).start()
    yield rec
    rec.stop()


def wait_until(condition: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def shadow(page: Any, selector: str) -> str:
    return f"tonkoll-hints >> {selector}"


def type_draft(ext: Any, page_server: Any) -> Any:
    page = ext.context.new_page()
    page.goto(page_server.url(SECRET_PAGE))
    page.click("#editor")
    page.keyboard.type(DRAFT)
    page.wait_for_function(
        "() => document.querySelector('tonkoll-hints')?.shadowRoot"
        ".querySelector('.badge')?.dataset.state === 'hints'", timeout=15_000)
    return page


def send_now(ext: Any) -> Any:
    return ext.control.evaluate("chrome.runtime.sendMessage({type: 'sendFeedback'})")


def admin_csv(service: Any) -> str:
    request = urllib.request.Request(service.base_url + "/statistik/export.csv",
                                     headers={"Authorization": f"Bearer {ADMIN}"})
    with urllib.request.urlopen(request, timeout=10) as resp:
        return str(resp.read().decode("utf-8-sig"))


def test_extension_sends_counts_and_never_text(extension_browser: Any, page_server: Any,
                                               recorder: Recorder, service: Any) -> None:
    ext = extension_browser
    ext.configure(consent=True, serverUrl=recorder.base_url, feedback=True, paused=False,
                  disabledRules=[], customSites=[{"origin": "http://127.0.0.1",
                                                  "enabled": True}])
    page = type_draft(ext, page_server)
    # Typing on does not count a hint twice: shown is once per draft.
    page.keyboard.type(" Vi hörs!")
    time.sleep(1.5)
    page.locator(shadow(page, ".badge")).click()
    shown_rules = page.evaluate(
        "() => [...document.querySelector('tonkoll-hints').shadowRoot"
        ".querySelectorAll('.hint')].map(e => e.dataset.ruleId)")
    assert STIFF_RULE in shown_rules and len(shown_rules) >= 2
    other = next(r for r in shown_rules if r != STIFF_RULE)
    # Click the replacement: applied, with the index of the replacement (the first, "får").
    page.locator(shadow(page, f".hint[data-rule-id='{STIFF_RULE}'] button.apply")).first.click()
    page.wait_for_function("() => document.getElementById('editor').value.includes('får')")
    page.locator(shadow(page, f".hint[data-rule-id='{STIFF_RULE}']")).wait_for(state="detached")
    page.locator(shadow(page, f".hint[data-rule-id='{other}'] button.disable-rule")).click()
    wait_until(lambda: other in ext.storage().get("disabledRules", []))
    # A second draft: the hint counts as shown again; this time the writer ignores it.
    second = type_draft(ext, page_server)
    second.locator(shadow(second, ".badge")).click()
    second.locator(shadow(second, f".hint[data-rule-id='{STIFF_RULE}'] button.ignore")).click()
    second.locator(shadow(second, f".hint[data-rule-id='{STIFF_RULE}']")).wait_for(
        state="detached")

    alarm = ext.control.evaluate("chrome.alarms.get('tonkoll-feedback')")
    assert alarm and alarm["periodInMinutes"] == 1  # sent at least once a minute by itself
    assert send_now(ext)["ok"] is True
    wait_until(lambda: recorder.feedback_bodies())

    post = next(r for r in recorder.seen if r["path"] == "/v1/feedback")
    raw = post["body"]
    body = json.loads(raw)
    assert set(body) == {"events"}
    health = json.loads(urllib.request.urlopen(service.base_url + "/v1/health").read())
    known = {r["id"] for r in json.loads(urllib.request.urlopen(
        service.base_url + "/v1/rules").read())["rules"]}
    counts = {(e["rule_id"], e["event"]): e["count"] for e in body["events"]}
    for e in body["events"]:
        assert set(e) <= ALLOWED_KEYS, e
        assert e["rule_id"] in known
        assert e["language"] == "sv" and e["channel"] == "generic"
        assert e["rules_version"] == health["rules_version"]
    assert {(r, "shown") for r in shown_rules} <= set(counts)
    assert counts[(other, "shown")] == 1  # once per draft (typed on, checked again)
    assert counts[(STIFF_RULE, "shown")] == 2  # two drafts
    assert counts[(STIFF_RULE, "applied")] == 1 and counts[(STIFF_RULE, "ignored")] == 1
    assert counts[(other, "disabled")] == 1
    applied = next(e for e in body["events"] if e["event"] == "applied")
    assert applied["replacement"] == 0
    shown = next(e for e in body["events"] if (e["rule_id"], e["event"]) == (STIFF_RULE, "shown"))
    assert shown["offered"] == 1

    # Not a word of the draft, of what the hints matched, nor of the page's address.
    without_ids = raw
    for rule_id in known:
        without_ids = without_ids.replace(rule_id, "")
    words = {w.lower() for w in re.findall(r"\w{3,}", DRAFT)}
    leaked = {w for w in words if w in without_ids.lower()}
    assert not leaked, leaked
    for secret in (MARKER, "hemlig-sida", "grupp", "textarea", "127.0.0.1", "http"):
        assert secret not in raw
    assert "cookie" not in {k.lower() for k in post["headers"]}

    # The service stored the counts (the real endpoint behind the recorder).
    assert f"{STIFF_RULE};klarsprak;2;2;1;50,0;1;50,0;0;0,0" in admin_csv(service)
    page.close()
    second.close()
    ext.configure(disabledRules=[])


def test_fifty_waiting_events_go_out_at_once(extension_browser: Any, recorder: Recorder) -> None:
    """The queue's own code (lib/feedback.js) in an extension page: 50 counted events are sent
    without waiting for the minute; the channel is the one the background passes, and the
    counts are folded per rule and event."""
    ext = extension_browser
    ext.configure(consent=True, serverUrl=recorder.base_url, feedback=True)
    page = ext.context.new_page()
    page.goto(ext.url("consent/consent.html?queue"))
    page.add_script_tag(url=ext.url("lib/service.js"))
    page.add_script_tag(url=ext.url("lib/feedback.js"))
    page.evaluate("chrome.storage.session.set({feedbackQueue: {}})")
    waiting = page.evaluate("""async () => {
      const T = globalThis.Tonkoll;
      const settings = await T.loadSettings();
      const e = {rule_id: 'rost.man', event: 'ignored', language: 'sv', rules_version: 'v1'};
      // Only known fields are read: a stray `text` never reaches the queue or the service.
      const some = [...Array(48).fill(e), {...e, text: 'utkast'}];
      const first = await T.countFeedback(some, 'x', settings);
      const bad = [{...e, rule_id: 'Inte ett id'}, {...e, event: 'x'}, {...e, language: 'de'},
                   {...e, event: 'applied', replacement: 99}];
      await T.countFeedback(bad, 'x', settings);  // malformed: dropped
      const applied = {...e, event: 'applied', replacement: 1};
      return [first, await T.countFeedback([applied], 'x', settings)];
    }""")
    assert waiting == [49, 50]
    wait_until(lambda: recorder.feedback_bodies())
    (body,) = recorder.feedback_bodies()
    assert sorted((e["event"], e["count"], e.get("replacement")) for e in body["events"]) == [
        ("applied", 1, 1), ("ignored", 49, None)]
    assert {e["channel"] for e in body["events"]} == {"x"}
    assert "utkast" not in json.dumps(body)
    assert page.evaluate("chrome.storage.session.get('feedbackQueue')") == {"feedbackQueue": {}}
    page.close()


def test_nothing_without_consent_or_with_the_option_off(extension_browser: Any,
                                                        page_server: Any,
                                                        recorder: Recorder) -> None:
    ext = extension_browser
    ext.configure(consent=True, serverUrl=recorder.base_url, feedback=False, paused=False,
                  disabledRules=[], customSites=[{"origin": "http://127.0.0.1",
                                                  "enabled": True}])
    page = type_draft(ext, page_server)
    send_now(ext)
    time.sleep(1.0)
    assert recorder.feedback_bodies() == []
    assert any(r["path"] == "/v1/check" for r in recorder.seen)  # hints work without it
    page.close()

    # The options page shows the switch; turning it on is stored.
    options = ext.context.new_page()
    options.goto(ext.url("options/options.html"))
    box = options.locator("#feedback")
    assert not box.is_checked()
    assert "statistik" in options.locator("label:has(#feedback)").inner_text().lower()
    box.check()
    wait_until(lambda: ext.storage().get("feedback") is True)
    options.close()

    # Withdrawn consent: what waited is dropped, nothing goes out.
    page = type_draft(ext, page_server)
    ext.configure(consent=False)
    send_now(ext)
    time.sleep(1.0)
    assert recorder.feedback_bodies() == []
    consent = ext.context.new_page()
    consent.goto(ext.url("consent/consent.html"))
    said = consent.locator("main").inner_text()
    assert "Aldrig din text" in said and "en gång i minuten" in said
    consent.close()
    page.close()
    ext.configure(consent=True, feedback=True)


def test_playground_reports_applied_and_ignored(browser: Any, service: Any) -> None:
    """The playground sends the same counts from a plain browser page: shown once per draft,
    a clicked replacement as applied with its index, "Ignorera här" as ignored."""
    page = browser.new_page(locale="sv-SE")
    bodies: list[str] = []
    page.on("request", lambda r: bodies.append(r.post_data or "")
            if r.url.endswith("/v1/feedback") else None)
    page.goto(service.base_url + "/")
    page.fill("#draft", DRAFT)
    page.click("#check-button")
    stiff = page.locator(f"#hints li[data-rule-id='{STIFF_RULE}']")
    stiff.locator("button.replacement").first.click()
    page.wait_for_function("() => document.getElementById('draft').value.includes('får')")
    stiff.wait_for(state="detached")
    other = page.locator("#hints li[data-rule-id]").first
    other_rule = other.get_attribute("data-rule-id")
    other.locator("button.ignore").click()
    page.wait_for_selector(f"#hints li[data-rule-id='{other_rule}']", state="detached")
    page.evaluate("window.dispatchEvent(new Event('pagehide'))")
    wait_until(lambda: bodies)
    sent = [e for b in bodies for e in json.loads(b)["events"]]
    seen = {(e["rule_id"], e["event"]): e for e in sent}
    assert seen[(STIFF_RULE, "shown")]["count"] == 1
    assert seen[(STIFF_RULE, "shown")]["offered"] >= 1
    assert seen[(STIFF_RULE, "applied")]["replacement"] == 0
    assert seen[(other_rule, "ignored")]["count"] == 1
    assert seen[(other_rule, "shown")]["count"] == 1  # checked twice, shown once per draft
    assert MARKER not in "".join(bodies) and "erhåller" not in "".join(bodies)
    wait_until(lambda: f"{STIFF_RULE};klarsprak;1;1;1;" in admin_csv(service))
    page.close()


def test_statistik_needs_the_admin_key_and_shows_a_rule(browser: Any, service: Any,
                                                         tmp_path: Path) -> None:
    events = [
        {"rule_id": STIFF_RULE, "event": "shown", "language": "sv", "channel": "facebook",
         "rules_version": "v1", "count": 40, "offered": 1},
        {"rule_id": STIFF_RULE, "event": "applied", "language": "sv", "channel": "facebook",
         "rules_version": "v1", "count": 12, "replacement": 0},
        {"rule_id": STIFF_RULE, "event": "ignored", "language": "sv", "channel": "x",
         "rules_version": "v1", "count": 6},
        {"rule_id": "rost.man", "event": "shown", "language": "sv", "channel": "facebook",
         "rules_version": "v1", "count": 20},
        {"rule_id": "rost.man", "event": "disabled", "language": "sv", "channel": "facebook",
         "rules_version": "v1", "count": 5},
    ]
    request = urllib.request.Request(service.base_url + "/v1/feedback",
                                     data=json.dumps({"events": events}).encode(),
                                     headers={"Content-Type": "application/json"})
    assert json.loads(urllib.request.urlopen(request).read())["stored"] == 83

    page = browser.new_page(viewport={"width": 1200, "height": 1400}, locale="sv-SE")
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text)
            if m.type == "error" and "status of 401" not in m.text else None)
    response = page.goto(service.base_url + "/statistik")
    assert response.status == 401
    assert STIFF_RULE not in page.content()
    assert serious_violations(page) == []  # axe-core on the login form
    page.fill("#token", "fel-nyckel")
    page.click("button[type=submit]")
    assert "Nyckeln stämmer inte" in page.locator("[role=alert]").inner_text()
    page.fill("#token", ADMIN)
    page.click("form.login button[type=submit]")
    page.wait_for_selector("table.rules")
    assert page.evaluate("document.cookie") == ""  # HttpOnly: scripts cannot read it

    row = page.locator(f"tr[data-rule='{STIFF_RULE}']")
    cells = row.locator("td").all_inner_texts()
    assert cells[0] == "40" and cells[1].startswith("30,0 %") and cells[2].startswith("15,0 %")
    assert "rost.man" in page.locator("#avstangda + ol").inner_text()
    assert "Inga sådana regler" in page.locator("#oanvanda + p").inner_text()
    assert page.locator("svg.chart polyline").count() == 4
    page.screenshot(path=str(tmp_path / "statistik.png"), full_page=True)

    # What a keyboard and screen-reader user needs (WCAG 2.1 AA, checked structurally).
    assert page.evaluate("document.documentElement.lang") == "sv"
    assert page.locator("h1").count() == 1
    unlabelled = page.evaluate("[...document.querySelectorAll('input:not([type=hidden]), select')]"
                               ".filter(e => !e.labels.length).map(e => e.id)")
    assert unlabelled == []
    assert page.evaluate("document.getElementById(document.querySelector('svg.chart')"
                         ".getAttribute('aria-labelledby').split(' ')[0]).textContent")
    assert page.locator("table.rules caption").count() == 1
    assert page.locator("table.rules thead th[scope=col]").count() == 5
    assert serious_violations(page) == []  # axe-core (WCAG 2.1 AA rules) on the overview
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.url.endswith("#innehall")

    page.click("a[aria-label^='Sortera efter avstängd']")
    page.wait_for_url("**sortera=avstangd**")
    assert "Avstängd" in page.locator("th[aria-sort]").inner_text()
    assert page.locator("table.rules tbody tr").first.get_attribute("data-rule") == "rost.man"

    page.click(f"tr[data-rule='{STIFF_RULE}'] a")
    page.wait_for_selector("dl.figures")
    assert "Ersättning 1: tillämpad 12 gånger" in page.content()
    assert page.locator("svg.chart").count() == 1
    assert serious_violations(page) == []
    page.screenshot(path=str(tmp_path / "statistik-regel.png"), full_page=True)

    # /regler links each rule to its figures.
    page.goto(service.base_url + "/regler")
    page.click(f"h3[id='{STIFF_RULE}'] + p.stat-link a")
    page.wait_for_selector("dl.figures")
    assert page.url.endswith(f"/statistik/regel/{STIFF_RULE}")
    assert problems == []
    assert (tmp_path / "statistik.png").stat().st_size > 10_000
    page.close()

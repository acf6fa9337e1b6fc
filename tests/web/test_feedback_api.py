"""POST /v1/feedback and /statistik through the app: strict schema (422, nothing stored), the
API key, the rate limit, admin keys separate from API keys, the session cookie, the CSV, and
the link from /regler."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tonkoll.feedback.counters import total_events
from tonkoll.feedback.database import make_engine

ADMIN = "admin-nyckel-som-ar-lang-nog"
STAFF = "personalens-api-nyckel"


def event(**changes: Any) -> dict[str, Any]:
    base = {"rule_id": "klarsprak.erhalla", "event": "shown", "language": "sv",
            "channel": "facebook", "rules_version": "abc123def456"}
    return {**base, **changes}


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'feedback.db'}"


@pytest.fixture
def app(make_client: Callable[..., TestClient], db: str) -> TestClient:
    return make_client(database_url=db, admin_tokens=[ADMIN])


def stored(db: str) -> int:
    engine = make_engine(db)
    try:
        return total_events(engine)
    finally:
        engine.dispose()


def test_counts_are_stored(app: TestClient, db: str) -> None:
    r = app.post("/v1/feedback", json={"events": [
        event(offered=2, count=3), event(event="applied", replacement=1),
        event(event="ignored", rule_id="dialog.fraga", channel="x"),
        event(event="disabled", rule_id="rost.informerar", language="sv", count=2),
    ]})
    assert r.status_code == 200, r.text
    assert r.json() == {"stored": 7, "skipped": 0}
    assert stored(db) == 7


def test_unknown_rule_ids_are_skipped_not_stored(app: TestClient, db: str) -> None:
    r = app.post("/v1/feedback", json={"events": [event(), event(rule_id="finns.inte", count=4)]})
    assert r.json() == {"stored": 1, "skipped": 4}
    assert stored(db) == 1


BAD_BATCHES: list[tuple[str, Any]] = [
    ("text smuggled in", {"events": [event(text="Hej, detta är mitt utkast")]}),
    ("matched words", {"events": [event(matched="erhåller")]}),
    ("page address", {"events": [event(url="https://www.facebook.com/groups/1")]}),
    ("unknown top-level field", {"events": [event()], "page": "x"}),
    ("unknown event", {"events": [event(event="clicked")]}),
    ("applied without replacement", {"events": [event(event="applied")]}),
    ("replacement on shown", {"events": [event(replacement=0)]}),
    ("offered on ignored", {"events": [event(event="ignored", offered=1)]}),
    ("negative count", {"events": [event(count=-1)]}),
    ("huge count", {"events": [event(count=10**9)]}),
    ("bad rule id", {"events": [event(rule_id="Klarspråk erhålla")]}),
    ("bad channel", {"events": [event(channel="tiktok")]}),
    ("bad language", {"events": [event(language="de")]}),
    ("bad version", {"events": [event(rules_version="<script>")]}),
    ("empty batch", {"events": []}),
    ("too many", {"events": [event()] * 501}),
    ("not a list", {"events": "shown"}),
    ("one good one bad", {"events": [event(), event(count=0)]}),
]


@pytest.mark.parametrize(("name", "body"), BAD_BATCHES, ids=[n for n, _ in BAD_BATCHES])
def test_bad_input_is_422_in_swedish_and_nothing_is_stored(
        app: TestClient, db: str, name: str, body: Any) -> None:
    r = app.post("/v1/feedback", json=body)
    assert r.status_code == 422, (name, r.text)
    answer = r.json()
    assert answer["code"] == "invalid_request"
    assert answer["message"] == "Förfrågan har fel eller saknade fält."
    for field in answer["detail"]:  # Swedish, and never the input echoed back
        assert not re.search(r"\b(should|must|Input|String|Value error)\b", field["message"])
        assert "utkast" not in field["message"] and "facebook.com" not in field["message"]
    assert stored(db) == 0


def test_malformed_json_and_wrong_type_store_nothing(app: TestClient, db: str) -> None:
    r = app.post("/v1/feedback", content=b'{"events": [', headers={"content-type":
                                                                  "application/json"})
    assert r.status_code == 422 and r.json()["code"] == "invalid_json"
    r = app.post("/v1/feedback", content=b"events=1",
                 headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 415
    assert stored(db) == 0


def test_needs_the_api_key_like_check(make_client: Callable[..., TestClient], db: str) -> None:
    client = make_client(database_url=db, api_tokens=[STAFF])
    assert client.post("/v1/feedback", json={"events": [event()]}).status_code == 401
    assert client.post("/v1/feedback", json={"events": [event()]},
                       headers={"Authorization": f"Bearer {ADMIN}"}).status_code == 401
    ok = client.post("/v1/feedback", json={"events": [event()]},
                     headers={"Authorization": f"Bearer {STAFF}"})
    assert ok.status_code == 200
    assert stored(db) == 1


def test_rate_limited(make_client: Callable[..., TestClient], db: str) -> None:
    client = make_client(database_url=db, feedback_per_minute=3)
    codes = [client.post("/v1/feedback", json={"events": [event()]}).status_code
             for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    last = client.post("/v1/feedback", json={"events": [event()]})
    assert last.headers["retry-after"] == "60"
    assert "Vänta" in last.json()["message"]
    assert stored(db) == 3


def test_database_down_keeps_check_working(make_client: Callable[..., TestClient],
                                           tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    client = make_client(database_url=f"sqlite:///{blocker}/feedback.db")
    r = client.post("/v1/check", json={"text": "Du erhåller beskedet i dag."})
    assert r.status_code == 200
    r = client.post("/v1/feedback", json={"events": [event()]})
    assert r.status_code == 503
    assert r.json()["code"] == "feedback_unavailable"


# --- /statistik ---------------------------------------------------------------------------

def test_statistik_is_closed_without_admin_keys(make_client: Callable[..., TestClient],
                                                db: str) -> None:
    client = make_client(database_url=db, api_tokens=[STAFF])
    r = client.get("/statistik", headers={"Authorization": f"Bearer {STAFF}"})
    assert r.status_code == 403
    assert "TONKOLL_ADMIN_TOKENS" in r.text


def test_statistik_needs_the_admin_key(app: TestClient) -> None:
    r = app.get("/statistik")
    assert r.status_code == 401
    assert '<form method="post" action="/statistik/logga-in"' in r.text
    assert "klarsprak.erhalla" not in r.text
    assert app.get("/statistik/export.csv").status_code == 401
    assert app.get("/statistik/regel/klarsprak.erhalla").status_code == 401
    wrong = app.post("/statistik/logga-in", data={"token": STAFF}, follow_redirects=False)
    assert wrong.status_code == 401
    assert "Nyckeln stämmer inte" in wrong.text
    assert "set-cookie" not in wrong.headers
    app.cookies.set("tonkoll_admin", "99999999999.abc", path="/statistik")
    assert app.get("/statistik").status_code == 401


def test_login_sets_a_strict_httponly_cookie_without_the_key(app: TestClient) -> None:
    r = app.post("/statistik/logga-in", data={"token": ADMIN}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/statistik"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/statistik" in cookie
    assert ADMIN not in cookie
    assert app.get("/statistik").status_code == 200
    out = app.post("/statistik/logga-ut", follow_redirects=False)
    assert out.status_code == 303
    app.cookies.clear()
    assert app.get("/statistik").status_code == 401


def test_statistik_shows_figures_chart_and_csv(app: TestClient) -> None:
    app.post("/v1/feedback", json={"events": [
        event(offered=1, count=10), event(event="applied", replacement=0, count=4),
        event(event="ignored", count=1),
        event(rule_id="dialog.fraga", offered=1, count=8),
        event(rule_id="rost.informerar", count=5),
        event(rule_id="rost.informerar", event="disabled", count=2),
    ]})
    auth = {"Authorization": f"Bearer {ADMIN}"}
    page = app.get("/statistik", headers=auth)
    assert page.status_code == 200
    html = page.text
    assert page.headers["cache-control"] == "no-store"
    assert "<svg" in html and 'role="img"' in html
    row = re.search(r'<tr data-rule="klarsprak.erhalla">(.*?)</tr>', html, re.S)
    assert row, html
    cells = re.findall(r"<td>(.*?)</td>", row[1])
    assert cells[0] == "10"
    assert cells[1].startswith("40,0 %")  # applied 4 of 10
    assert cells[2].startswith("10,0 %")
    off = html.split('id="avstangda"')[1].split("</section>")[0]
    assert "rost.informerar" in off and "40,0 %" in off
    unused = html.split('id="oanvanda"')[1].split("</section>")[0]
    assert "dialog.fraga" in unused and "klarsprak.erhalla" not in unused

    by_ignored = app.get("/statistik?sortera=ignorerad&ordning=fallande", headers=auth).text
    order = re.findall(r'<tr data-rule="([^"]+)"', by_ignored)
    assert order[0] == "klarsprak.erhalla"
    assert 'aria-sort="descending"' in by_ignored

    rule = app.get("/statistik/regel/klarsprak.erhalla", headers=auth)
    assert rule.status_code == 200
    assert "Ersättning 1: tillämpad 4 gånger" in rule.text and "<svg" in rule.text
    assert app.get("/statistik/regel/finns.inte", headers=auth).status_code == 404

    csv = app.get("/statistik/export.csv", headers=auth)
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("regel;tema;visad;")
    assert "klarsprak.erhalla;klarsprak;10;10;4;40,0;1;10,0;0;0,0" in lines

    bad = app.get("/statistik?veckor=7", headers=auth)
    assert bad.status_code == 422 and "veckor" in bad.json()["message"]
    assert app.get("/statistik?veckor=52&kanal=x&sprak=sv&sortera=regel&ordning=stigande",
                   headers=auth).status_code == 200
    assert app.get("/statistik?kanal=tiktok", headers=auth).status_code == 422


def test_regler_links_each_rule_to_its_figures(app: TestClient) -> None:
    html = app.get("/regler").text
    assert '<h3 id="klarsprak.erhalla">' in html
    assert 'href="/statistik/regel/klarsprak.erhalla"' in html
    headings = len(re.findall(r"<h3 id=", html))
    assert headings == html.count('class="stat-link"') > 0

"""Issue 13 through the HTTP layer: what an attack on the running service found, now refused."""

from __future__ import annotations

import re
import time

import pytest
from fastapi.testclient import TestClient

PADDING_RULE = """id: klarsprak.prov
kind: pattern
level: hint
pattern: 'a+'
message: "{match:>100000000}"
explanation: "Förklaring."
handbook: "trist myndighet"
examples:
  bad: ["[[aaa]] b"]
  good: ["b"]
"""


def test_try_refuses_a_padding_placeholder(client: TestClient) -> None:
    r = client.post("/v1/rules/try", json={"yaml": PADDING_RULE, "sentences": ["aaa"]})
    assert r.status_code == 200 and len(r.content) < 2000
    data = r.json()
    assert data["ok"] is False
    assert data["error"]["line"] == 5 and "utan : eller !" in data["error"]["message"]


def test_try_refuses_a_non_finite_limit(client: TestClient) -> None:
    rule = PADDING_RULE.replace('"{match:>100000000}"', '"För långt."').replace(
        "kind: pattern", "kind: metric\nmetric: chars\nmax: .nan"
    ).replace("pattern: 'a+'\n", "")
    data = client.post("/v1/rules/try", json={"yaml": rule}).json()
    assert data["ok"] is False and data["error"]["line"] == 4
    assert "orimligt" in data["error"]["message"]


GOOD_RULE = PADDING_RULE.replace('"{match:>100000000}"', '"Skriv inte {match}."')


def test_try_bounds_examples(client: TestClient) -> None:
    many = GOOD_RULE.replace('good: ["b"]', "good: [" + ", ".join(['"b"'] * 250) + "]")
    r = client.post("/v1/rules/try", json={"yaml": many})
    assert r.status_code == 413 and r.json()["code"] == "too_many_examples"
    assert "200" in r.json()["message"]


def test_try_bounds_sentences_and_characters(client: TestClient) -> None:
    r = client.post("/v1/rules/try", json={"yaml": GOOD_RULE, "sentences": ["aaa"] * 21})
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "sentences"
    r = client.post("/v1/rules/try", json={"yaml": GOOD_RULE + "#" * 40_001})
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "yaml"
    r = client.post("/v1/rules/try", json={"yaml": GOOD_RULE, "sentences": ["a " * 4_000] * 7})
    assert r.status_code == 413 and "50\u00a0000" in r.json()["message"]
    assert client.post("/v1/rules/try", json={"yaml": GOOD_RULE, "sentences": ["aaa"] * 20}
                       ).json()["ok"] is True


def test_try_answers_within_its_time_limit(client: TestClient,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A try that outlives TRY_MAX_SECONDS is answered 503 at the deadline; the slot frees
    when the thread finishes. (Real tries are bounded far below: see the limits above.)"""
    from api import routes

    monkeypatch.setattr(routes, "TRY_MAX_SECONDS", 0.3)
    real = routes.try_rule
    monkeypatch.setattr(routes, "try_rule", lambda *a: (time.sleep(1.0), real(*a))[1])
    started = time.monotonic()
    r = client.post("/v1/rules/try", json={"yaml": GOOD_RULE})
    assert r.status_code == 503 and r.json()["code"] == "too_slow"
    assert time.monotonic() - started < 0.9
    monkeypatch.setattr(routes, "try_rule", real)
    time.sleep(0.8)  # the abandoned thread finishes and frees the slot
    assert client.post("/v1/rules/try", json={"yaml": GOOD_RULE}).json()["ok"] is True


def test_the_largest_allowed_try_stays_fast(client: TestClient) -> None:
    rule = GOOD_RULE.replace('good: ["b"]', "good: [" + ", ".join(['"b b"'] * 190) + "]")
    body = {"yaml": rule, "sentences": ["a " * 1_000] * 20}
    started = time.monotonic()
    r = client.post("/v1/rules/try", json=body)
    assert r.status_code == 200 and r.json()["ok"] is True
    assert time.monotonic() - started < 2.0


def test_deeply_nested_json_is_422_not_500(client: TestClient,
                                           caplog: pytest.LogCaptureFixture) -> None:
    body = '{"text": ' + "[" * 5_000 + "]" * 5_000 + "}"
    r = client.post("/v1/check", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and r.json()["code"] == "invalid_json"
    r = client.post("/v1/rules/try", content=body.replace("text", "yaml"),
                    headers={"Content-Type": "application/json"})
    assert r.status_code == 422
    assert not [rec for rec in caplog.records if rec.levelname == "ERROR"]


def test_host_header_is_checked(make_client, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("TONKOLL_ALLOWED_HOSTS")  # the defaults: loopback names only
    client: TestClient = make_client()
    for host in ("127.0.0.1:8000", "localhost", "LOCALHOST:1", "[::1]:8000", "::1"):
        assert client.get("/v1/health", headers={"Host": host}).status_code == 200, host
    for host in ("evil.example", "evil.example:8000", "127.0.0.1.evil.example", "[::2]:80",
                 "testserver"):
        r = client.get("/v1/health", headers={"Host": host})
        assert r.status_code == 400, host
        assert r.json()["code"] == "invalid_host" and "TONKOLL_ALLOWED_HOSTS" in r.json()["message"]
    assert client.post("/v1/check", json={"text": "Hej"},
                       headers={"Host": "evil.example"}).status_code == 400
    named: TestClient = make_client(allowed_hosts=["tonkoll.malmo.se"])
    assert named.get("/regler", headers={"Host": "tonkoll.malmo.se"}).status_code == 200
    assert named.get("/regler", headers={"Host": "localhost"}).status_code == 400
    anyone: TestClient = make_client(allowed_hosts=["*"])
    assert anyone.get("/v1/health", headers={"Host": "evil.example"}).status_code == 200


def test_redirects_are_relative(client: TestClient) -> None:
    r = client.get("/v1/health/", follow_redirects=False)
    assert r.status_code in (307, 308) and r.headers["location"] == "/v1/health"
    r = client.get("//evil.example/regler/", follow_redirects=False)
    location = r.headers.get("location", "")
    assert not location.startswith("//") and "://" not in location


def test_docs_load_only_local_assets(client: TestClient) -> None:
    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        sources = re.findall(r'(?:src|href)="([^"]+)"', html) + re.findall(
            r"(?:url): '([^']+)'", html)
        assert sources, page
        assert all(s.startswith("/") for s in sources), sources
        for source in sources:
            assert client.get(source).status_code == 200, source
    assert "swagger-ui-bundle.js" in client.get("/docs").text
    assert client.get("/openapi.json").json()["info"]["title"] == "Tonkoll"

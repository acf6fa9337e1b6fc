"""Issue 13 through the HTTP layer: what an attack on the running service found, now refused."""

from __future__ import annotations

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

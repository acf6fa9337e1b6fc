"""`Tonkoll-Rules-Version`: every answer built from a rule book names that book, and the header
always equals the body's `rules_version` (taken from the same book object), also across a reload.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

HEADER = "Tonkoll-Rules-Version"
DRAFT = {"text": "Du erhåller beskedet i morgon.", "language": "sv"}
RULE = """id: klarsprak.tillhandahalla
kind: substitution
level: hint
message: "Skriv hellre ”{suggestion}” än ”{match}”."
explanation: "Vardagsord går fram snabbare än myndighetsord."
handbook: "Användarna på sociala medier vill inte möta en trist myndighet"
entries:
  - match: [tillhandahåller]
    suggest: [ger]
examples:
  bad: ["Vi [[tillhandahåller]] kaffe."]
  good: ["Vi bjuder på kaffe."]
"""


def versions(client: TestClient) -> dict[str, tuple[str, str | None]]:
    """Per route: (header, the version the body names; None where the body names none)."""
    check = client.post("/v1/check", json=DRAFT)
    rules = client.get("/v1/rules")
    health = client.get("/v1/health")
    tried = client.post("/v1/rules/try", json={"yaml": RULE, "sentences": ["Vi ger."]})
    page = client.get("/regler")
    for r in (check, rules, health, tried, page):
        assert r.status_code == 200, r.text
    return {
        "check": (check.headers[HEADER], check.json()["rules_version"]),
        "rules": (rules.headers[HEADER], rules.json()["rules_version"]),
        "health": (health.headers[HEADER], health.json()["rules_version"]),
        "try": (tried.headers[HEADER], None),
        "regler": (page.headers[HEADER], None),
    }


def test_every_book_answer_names_its_book(client: TestClient) -> None:
    seen = versions(client)
    book = client.app.state.store.current.version  # type: ignore[attr-defined]
    for route, (header, body) in seen.items():
        assert header == book, route
        assert body in (None, header), route
    assert f"version {book}" in client.get("/regler").text


def test_the_header_follows_a_reload(
    client: TestClient, rules_dir: Path, bump: Callable[[Path, str], None]
) -> None:
    before = versions(client)["check"][0]
    target = rules_dir / "sv" / "klarsprak.yml"
    bump(target, target.read_text(encoding="utf-8").replace(
        "Vardagsord går fram snabbare.", "Vardagsord går fram fortare."))
    assert client.app.state.store.reload()  # type: ignore[attr-defined]
    after = versions(client)
    assert {header for header, _ in after.values()} == {after["check"][0]}
    assert after["check"][0] != before


def test_a_browser_client_may_read_the_header(client: TestClient) -> None:
    origin = "chrome-extension://abcdefghijklmnop"
    r = client.post("/v1/check", json=DRAFT, headers={"Origin": origin})
    assert r.headers["access-control-allow-origin"] == origin
    exposed = {h.strip().lower() for h in r.headers["access-control-expose-headers"].split(",")}
    assert HEADER.lower() in exposed


def test_health_says_stopping_with_503_once_draining(client: TestClient) -> None:
    """The state SIGTERM sets (api/shutdown.py); the signal itself: tests/web/test_shutdown.py."""
    client.app.state.drain.stopping = True  # type: ignore[attr-defined]
    r = client.get("/v1/health")
    assert r.status_code == 503
    assert r.json()["status"] == "stopping" and r.headers[HEADER]
    assert client.post("/v1/check", json=DRAFT).status_code == 200  # still answering

"""GET /v1/rules, GET /v1/health, the pages and the OpenAPI document."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from tonkoll.config import Settings

STATIC = Path(__file__).resolve().parents[2] / "api" / "static"


def test_rules_lists_every_rule(client: TestClient) -> None:
    data = client.get("/v1/rules").json()
    ids = {r["id"] for r in data["rules"]}
    assert ids == {"klarsprak.erhalla", "rost.informerar", "dialog.fraga", "klarsprak.en-utilize"}
    rule = next(r for r in data["rules"] if r["id"] == "klarsprak.erhalla")
    assert rule == {
        "id": "klarsprak.erhalla",
        "theme": "klarsprak",
        "language": "sv",
        "kind": "substitution",
        "level": "hint",
        "message": "Skriv hellre ”{suggestion}” än ”{match}”.",
        "explanation": "Vardagsord går fram snabbare.",
        "handbook": "Användarna på sociala medier vill inte möta en trist myndighet",
        "enabled": True,
        "channels": [],
        "examples": {
            "bad": ["Du [[erhåller]] beskedet i dag."],
            "good": ["Du får beskedet i dag."],
            "corrections": [None],  # no `correction:` on that bad example
        },
    }
    assert data["themes"]["klarsprak"] == "Klarspråk"
    assert data["rules_version"]


def test_health_reports_the_book(client: TestClient) -> None:
    data = client.get("/v1/health").json()
    assert data["status"] == "ok"
    assert data["rules"] == 4
    assert data["rules_version"] == client.get("/v1/rules").json()["rules_version"]
    assert data["loaded_at"] and data["last_error"] is None


def test_playground_is_swedish_and_self_contained(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert '<html lang="sv">' in r.text
    assert "Granska texten" in r.text
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert "default-src 'self'" in client.get("/regler").headers["content-security-policy"]
    for asset in re.findall(r'(?:src|href)="([^"#]+)"', r.text):
        assert asset.startswith("/"), f"external asset {asset}"
        assert client.get(asset).status_code == 200, asset


def test_static_assets_load_nothing_from_outside() -> None:
    for path in STATIC.iterdir():
        text = path.read_text(encoding="utf-8").replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert not re.search(r"https?://", text), f"{path.name} refers to the internet"


def test_rule_reference_page(client: TestClient) -> None:
    r = client.get("/regler")
    assert r.status_code == 200
    assert "klarsprak.erhalla" in r.text and "rost.informerar" in r.text
    assert "Du <strong>erhåller</strong> beskedet i dag." in r.text  # the [[…]] span
    assert "Användarna på sociala medier vill inte möta en trist myndighet" in r.text
    assert 'id="prova-regel"' in r.text and "/static/tryrule.js" in r.text
    assert "<td>erhålla, erhåller, erhöll, erhållit</td>" in r.text


def test_rule_reference_escapes_rule_text(rules_dir: Path) -> None:
    (rules_dir / "sv" / "dialog.yml").write_text(
        (rules_dir / "sv" / "dialog.yml")
        .read_text(encoding="utf-8")
        .replace("En fråga visar", "<script>alert(1)</script> En fråga visar"),
        encoding="utf-8",
    )
    with TestClient(create_app(Settings(rules_dirs=[rules_dir], reload_interval=0))) as client:
        page = client.get("/regler").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_openapi_documents_utf16_and_error_bodies(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    finding = schema["components"]["schemas"]["FindingOut"]["properties"]
    assert "UTF-16" in finding["offset"]["description"]
    assert "UTF-16" in finding["length"]["description"]
    check = schema["paths"]["/v1/check"]["post"]
    for status in ("413", "415", "422"):
        ref = check["responses"][status]["content"]["application/json"]["schema"]["$ref"]
        assert ref.endswith("/ErrorOut")
    assert "UTF-16" in check["description"]


def test_the_bundled_rules_load_and_check() -> None:
    with TestClient(create_app(Settings(reload_interval=0))) as client:
        health = client.get("/v1/health").json()
        assert health["status"] == "ok" and health["rules"] > 0
        r = client.post(
            "/v1/check",
            json={
                "text": "Malmö stad informerar: Du erhåller information om vägarbetet på "
                "Storgatan. Vad tycker du? 👋",
                "channel": "facebook",
            },
        )
        assert r.status_code == 200
        assert r.json()["language"] == "sv"
        assert client.get("/regler").status_code == 200

"""POST /v1/rules/try: try a rule from YAML without saving it."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

RULE = """id: klarsprak.tillhandahalla
kind: substitution
level: hint
message: "Skriv hellre ”{suggestion}” än ”{match}”."
explanation: "Vardagsord går fram snabbare än myndighetsord."
handbook: "Användarna på sociala medier vill inte möta en trist myndighet"
entries:
  - match: [tillhandahålla, tillhandahåller]
    suggest: [ge]
examples:
  bad: ["Vi [[tillhandahåller]] kaffe."]
  good: ["Vi bjuder på kaffe."]
"""


def try_(
    client: TestClient, yaml: str, sentences: list[str] | None = None, **extra: object
) -> dict:
    r = client.post("/v1/rules/try", json={"yaml": yaml, "sentences": sentences or [], **extra})
    assert r.status_code == 200, r.text
    return r.json()


def test_a_good_rule_loads_passes_and_finds(client: TestClient, rules_dir: Path) -> None:
    before = sorted(p.name for p in rules_dir.rglob("*"))
    data = try_(client, RULE, ["👋 Vi tillhandahåller parkering.", "Vi ger dig svar."])
    assert data["ok"] is True and data["error"] is None
    assert data["rules"][0]["id"] == "klarsprak.tillhandahalla"
    assert data["rules"][0]["examples_ok"] is True
    assert {e["case_id"] for e in data["rules"][0]["examples"]} == {
        "klarsprak.tillhandahalla-bad-0",
        "klarsprak.tillhandahalla-good-0",
    }
    first, second = data["results"]
    hit = first["findings"][0]
    assert (hit["offset"], hit["length"], hit["matched"]) == (6, 15, "tillhandahåller")
    assert hit["message"] == "Skriv hellre ”ge” än ”tillhandahåller”."
    assert second["findings"] == []
    assert sorted(p.name for p in rules_dir.rglob("*")) == before
    health = client.get("/v1/health").json()
    assert health["rules"] == 4  # the tried rule never joins the served book


def test_a_syntax_error_names_its_line(client: TestClient) -> None:
    broken = RULE.replace("kind: substitution", "kind: [substitution")
    data = try_(client, broken)
    assert data["ok"] is False
    assert data["error"]["line"] in (2, 3)
    assert "YAML" in data["error"]["message"]


def test_an_unknown_key_names_its_line(client: TestClient) -> None:
    data = try_(client, RULE.replace("level: hint", "level: hint\nenabeld: true"))
    assert data["ok"] is False
    assert data["error"]["line"] == 4
    assert "enabeld" in data["error"]["message"]


def test_failing_examples_are_reported(client: TestClient) -> None:
    data = try_(
        client, RULE.replace('good: ["Vi bjuder på kaffe."]', 'good: ["Vi tillhandahåller kaffe."]')
    )
    # Refused as the loader refuses it (its message and line), with every example listed.
    assert data["ok"] is False
    assert data["error"] == {
        "line": 12,
        "message": "exemplet klarsprak.tillhandahalla-good-0 ('Vi tillhandahåller kaffe.'): "
        "regeln ska vara tyst men hittade ”tillhandahåller”",
    }
    rule = data["rules"][0]
    assert rule["examples_ok"] is False
    failing = [e for e in rule["examples"] if not e["ok"]]
    assert [e["case_id"] for e in failing] == ["klarsprak.tillhandahalla-good-0"]
    assert failing[0]["detail"]


def test_a_whole_rule_file_and_a_list(client: TestClient) -> None:
    data = try_(
        client,
        "theme: klarsprak\nrules:\n"
        + "\n".join(
            ("  - " if i == 0 else "    ") + line for i, line in enumerate(RULE.splitlines())
        ),
    )
    assert data["ok"] is True, data
    listed = "\n".join(
        ("- " if i == 0 else "  ") + line for i, line in enumerate(RULE.splitlines())
    )
    assert try_(client, listed)["ok"] is True


def test_a_bad_pattern_is_refused_with_its_line(client: TestClient) -> None:
    rule = """id: dialog.bakat
kind: pattern
level: hint
message: "Hm"
explanation: "Hm."
handbook: "Våga lyssna"
pattern: '(?<=x)y'
examples:
  bad: ["x[[y]]"]
  good: ["z"]
"""
    data = try_(client, rule)
    assert data["ok"] is False
    assert data["error"]["line"] == 7


def test_hostile_yaml_is_refused(client: TestClient) -> None:
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    assert try_(client, bomb)["error"]["line"] == 1
    deep = "a: " + "[" * 200 + "]" * 200
    assert try_(client, deep)["ok"] is False
    for junk in (
        "",
        "42",
        "- 1\n- 2",
        "id: nope.x\nkind: pattern",
        "id: a\n\x07",
        "\x00",
        "x: \ufffe",
    ):
        data = try_(client, junk)
        assert data["ok"] is False and data["error"]["message"]


def test_try_checks_its_input(client: TestClient) -> None:
    assert client.post("/v1/rules/try", json={"sentences": []}).status_code == 422
    r = client.post("/v1/rules/try", content=b"id: x", headers={"Content-Type": "text/yaml"})
    assert r.status_code == 415

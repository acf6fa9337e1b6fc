"""Issue 13 through the HTTP layer: what an attack on the running service found, now refused."""

from __future__ import annotations

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

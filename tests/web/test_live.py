"""Against a real uvicorn process: check, live reload, a broken file, and privacy of drafts."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

DRAFT = {"text": "Du erhåller beskedet i morgon.", "language": "sv"}


def rule_ids(base: str) -> list[str]:
    r = httpx.post(base + "/v1/check", json=DRAFT, timeout=10)
    assert r.status_code == 200, r.text
    return [f["rule_id"] for f in r.json()["findings"]]


def wait_for(predicate: Callable[[], bool], seconds: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if predicate():
            return time.monotonic() - start
        time.sleep(0.05)
    raise AssertionError(f"not within {seconds}s")


def test_live_check_reload_and_broken_file(
    start_server: Callable[..., Any], rules_dir: Path, bump: Callable[[Path, str], None]
) -> None:
    server = start_server(rules_dirs=[rules_dir])
    base = server.base_url
    assert rule_ids(base) == ["klarsprak.erhalla"]
    version = httpx.get(base + "/v1/health").json()["rules_version"]

    target = rules_dir / "sv" / "klarsprak.yml"
    good = target.read_text(encoding="utf-8")
    changed = good.replace("Vardagsord går fram snabbare.", "Enkla ord når fler läsare.")
    bump(target, changed)

    def explained() -> bool:
        r = httpx.post(base + "/v1/check", json=DRAFT, timeout=10).json()
        return r["findings"][0]["explanation"] == "Enkla ord når fler läsare."

    assert wait_for(explained, 2.0) < 2.0
    new_version = httpx.get(base + "/v1/health").json()["rules_version"]
    assert new_version != version

    bump(target, changed.replace("    kind: substitution", "    kind: substitution\n    bogus: 1"))
    time.sleep(1.2)
    health = wait_for_health(base, lambda h: h["status"] == "degraded")
    assert health["rules_version"] == new_version
    assert "klarsprak.yml:6:" in health["last_error"]
    assert explained()  # the last good rules still serve
    assert "klarsprak.yml:6:" in server.log_text()

    bump(target, good)
    health = wait_for_health(base, lambda h: h["status"] == "ok")
    assert health["last_error"] is None and health["rules_version"] == version


def wait_for_health(base: str, ok: Callable[[dict], bool]) -> dict:
    holder: dict[str, Any] = {}

    def probe() -> bool:
        holder["h"] = httpx.get(base + "/v1/health", timeout=10).json()
        return ok(holder["h"])

    wait_for(probe, 3.0)
    return holder["h"]


MARKERS = ["Zebrakaktus", "Fjällkvarg", "Plommonsirap", "Hemlighusbåt", "Stjärnfiol"]


def test_drafts_never_reach_the_log(start_server: Callable[..., Any], rules_dir: Path) -> None:
    server = start_server(
        rules_dirs=[rules_dir], env={"TONKOLL_MAX_CHARS": "200", "TONKOLL_LOG_LEVEL": "DEBUG"}
    )
    base = server.base_url
    words = " ".join(MARKERS)
    draft = f"Du erhåller {words} i morgon. Malmö stad informerar om {words}?"
    post = lambda path, **kw: httpx.post(base + path, timeout=10, **kw)  # noqa: E731
    assert post("/v1/check", json={"text": draft}).status_code == 200
    assert post("/v1/check", json={"text": draft * 10}).status_code == 413
    assert post("/v1/check", json={"text": draft * 1000}).status_code == 413
    assert post("/v1/check", json={"text": draft, "channel": words}).status_code == 422
    assert post("/v1/check", json={"text": [draft], "language": 7}).status_code == 422
    assert (
        post(
            "/v1/check",
            content=f'{{"text": "{draft}'.encode(),
            headers={"Content-Type": "application/json"},
        ).status_code
        == 422
    )
    assert (
        post(
            "/v1/check",
            content=json.dumps({"text": draft}).encode(),
            headers={"Content-Type": "text/plain"},
        ).status_code
        == 415
    )
    assert (
        post(
            "/v1/check", json={"text": draft}, headers={"Content-Type": "application/json"}
        ).status_code
        == 200
    )
    tried = post(
        "/v1/rules/try", json={"yaml": f"id: dialog.x\nkind: [{words}", "sentences": [draft]}
    )
    assert tried.status_code == 200
    tried = post(
        "/v1/rules/try",
        json={
            "yaml": "id: klarsprak.x\nkind: existence\nlevel: hint\nmessage: m\nexplanation: e\n"
            "handbook: h\nphrases: [erhåller]\nexamples: {bad: ['[[erhåller]]'], good: [x]}",
            "sentences": [draft],
        },
    )
    assert tried.status_code == 200 and tried.json()["results"][0]["findings"]
    time.sleep(0.3)
    log = server.log_text()
    assert "check chars=" in log and "klarsprak.erhalla" in log  # the log does work
    assert "POST /v1/check" in log
    for marker in MARKERS:
        assert marker not in log, f"{marker} leaked into the log"

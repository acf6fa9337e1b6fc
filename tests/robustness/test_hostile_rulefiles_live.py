"""Hostile rule files against a live service: refused, reported on /v1/health, and the last
good rules keep serving; a catastrophic pattern cannot slow a request down."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from robust_helpers import pattern_rule, rule_file, wait_for
from test_hostile_rulefiles import HOSTILE_FILES

DRAFT = "Hej! Vi erhåller många frågor om parken. Vad tycker du?"


def health(base: str) -> dict[str, Any]:
    return httpx.get(base + "/v1/health", timeout=10).json()


def post_check(base: str, text: str, timeout: float = 10.0) -> httpx.Response:
    return httpx.post(base + "/v1/check", json={"text": text}, timeout=timeout)


@pytest.mark.slow
def test_broken_files_keep_the_last_good_rules(rules_copy: Path,
                                               start_server: Callable[..., Any]) -> None:
    server = start_server(rules_dirs=[rules_copy], env={"TONKOLL_RELOAD_INTERVAL": "0.2"})
    base = server.base_url
    good = health(base)
    assert good["last_error"] in (None, "")
    baseline = post_check(base, DRAFT)
    assert baseline.status_code == 200
    victim = sorted((rules_copy / "sv").glob("*.yml"))[0]
    original = victim.read_bytes()
    for kind, make in sorted(HOSTILE_FILES.items()):
        victim.write_bytes(make())
        broken = wait_for(lambda: (h := health(base))["last_error"] and h, timeout=10)
        error = broken["last_error"]
        assert victim.name in error and "\n" not in error, f"{kind}: {error!r}"
        assert broken["rules_version"] == good["rules_version"], kind
        assert broken["rules"] == good["rules"], kind
        answer = post_check(base, DRAFT)
        assert answer.status_code == 200, kind
        assert answer.json() == baseline.json(), f"{kind}: the answer changed"
        victim.write_bytes(original)
        wait_for(lambda: not health(base)["last_error"], timeout=10)
        assert health(base)["rules_version"] == good["rules_version"]
    assert server.proc.poll() is None, "the service died"


@pytest.mark.slow
def test_catastrophic_pattern_in_live_service(rules_copy: Path, tmp_path: Path,
                                              start_server: Callable[..., Any]) -> None:
    extra = tmp_path / "extra"
    (extra / "sv").mkdir(parents=True)
    target = extra / "sv" / "klarsprak.yml"
    target.write_text(rule_file("klarsprak", pattern_rule(
        "klarsprak.test-harmless", "zzqq", "En [[zzqq]] här.", "Inget här.")), "utf-8")
    server = start_server(rules_dirs=[rules_copy, extra],
                          env={"TONKOLL_MAX_CHARS": "60000", "TONKOLL_RELOAD_INTERVAL": "0.2"})
    base = server.base_url
    before = health(base)["rules_version"]
    target.write_text(rule_file("klarsprak", pattern_rule(
        "klarsprak.test-redos", "(a+)+$", "Det slutar med [[aaa]]", "Inget här.")), "utf-8")
    wait_for(lambda: health(base)["rules_version"] != before, timeout=10)
    for text, fires in (("a" * 50_000 + "b", False), ("a" * 50_000, True)):
        start = time.perf_counter()
        answer = post_check(base, text)
        elapsed = time.perf_counter() - start
        assert answer.status_code == 200
        assert elapsed < 2.0, f"a 50,000-character request took {elapsed:.2f}s"
        ids = {f["rule_id"] for f in answer.json()["findings"]}
        assert ("klarsprak.test-redos" in ids) is fires

"""A bounded soak: concurrent checks while rule files are rewritten, broken and fixed.

Zero failed requests; every answer comes from one complete rule book (its rules_version was
seen on /v1/health and all answers of one version agree, each with exactly one marker rule);
and the server's resident memory grows by less than 10 %.
"""

from __future__ import annotations

import os
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from robust_helpers import existence_rule, rule_file, wait_for

SOAK_SECONDS = float(os.environ.get("TONKOLL_SOAK_SECONDS", "60"))
THREADS = 8
MARKER_WORD = "soakmarkör"
DRAFT = f"Hej! Här är en {MARKER_WORD}. Vi erhåller många frågor. Vad tycker du?"


def marker_file(version: int) -> str:
    return rule_file("dialog", existence_rule(
        f"dialog.soak-v{version}", MARKER_WORD, f"En [[{MARKER_WORD}]] här.", "Inget här."))


BROKEN_FILES: list[bytes] = [
    b"theme: dialog\nrules:\n  - id: dialog.soak-broken\n    kind: [unclosed\n",
    marker_file(999).replace("level: hint", "level: hint\n    colour: red").encode(),
    marker_file(998).replace("Inget här.", f"Inget {MARKER_WORD} här.").encode(),
    marker_file(997).encode().replace("här".encode(), b"h\xe4r"),  # ä in Latin-1
    b"",
]


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


class Soak:
    def __init__(self, base: str, pid: int) -> None:
        self.base = base
        self.pid = pid
        self.rss_samples: list[int] = []
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.answers: list[tuple[str, frozenset[str]]] = []
        self.failures: list[str] = []
        self.health_versions: set[str] = set()
        self.errors_seen: list[str] = []

    def hammer(self) -> None:
        with httpx.Client(base_url=self.base, timeout=10) as client:
            while not self.stop.is_set():
                try:
                    response = client.post("/v1/check", json={"text": DRAFT, "language": "sv"})
                except httpx.HTTPError as exc:
                    with self.lock:
                        self.failures.append(f"{type(exc).__name__}: {exc}")
                    continue
                if response.status_code != 200:
                    with self.lock:
                        self.failures.append(f"{response.status_code}: {response.text[:200]}")
                    continue
                body = response.json()
                ids = frozenset(f["rule_id"] for f in [*body["findings"], *body["strengths"]])
                with self.lock:
                    self.answers.append((body["rules_version"], ids))

    def watch_health(self) -> None:
        with httpx.Client(base_url=self.base, timeout=10) as client:
            while not self.stop.is_set():
                health = client.get("/v1/health").json()
                with self.lock:
                    self.rss_samples.append(rss_kb(self.pid))
                    self.health_versions.add(health["rules_version"])
                    if health.get("last_error"):
                        self.errors_seen.append(health["last_error"])
                time.sleep(0.05)

    def run(self, mutate: Callable[[], None], seconds: float) -> None:
        threads = [threading.Thread(target=self.hammer) for _ in range(THREADS)]
        threads.append(threading.Thread(target=self.watch_health))
        for t in threads:
            t.start()
        try:
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                mutate()
        finally:
            self.stop.set()
            for t in threads:
                t.join(timeout=30)


@pytest.mark.slow
def test_soak_with_rule_changes(rules_copy: Path, tmp_path: Path,
                                start_server: Callable[..., Any]) -> None:
    extra = tmp_path / "extra"
    (extra / "sv").mkdir(parents=True)
    target = extra / "sv" / "dialog.yml"
    target.write_text(marker_file(0), "utf-8")
    server = start_server(rules_dirs=[rules_copy, extra],
                          # eight threads from one address for a minute: limiter off
                          env={"TONKOLL_RELOAD_INTERVAL": "0.2",
                               "TONKOLL_RATE_LIMIT_PER_MINUTE": "0"})
    assert server.proc is not None
    pid = server.proc.pid

    # Warm up: the same concurrency and one full cycle (rewrite, break, fix), so first-time
    # allocations (the error path, the allocator's arenas) are made before we measure.
    # Measured: RSS steps up once in the first cycle, then stays flat for minutes.
    warm = Soak(server.base_url, pid)
    steps = iter([lambda: target.write_text(marker_file(1), "utf-8"),
                  lambda: target.write_bytes(BROKEN_FILES[0]),
                  lambda: target.write_text(marker_file(1), "utf-8")])

    def warm_step() -> None:
        next(steps, lambda: None)()
        time.sleep(2.0)

    warm.run(warm_step, 6)
    assert not warm.failures, warm.failures[:5]
    rss_start = rss_kb(pid)

    soak = Soak(server.base_url, pid)
    version = 1
    cycle = 0

    def step() -> None:
        nonlocal version, cycle
        broken = BROKEN_FILES[cycle % len(BROKEN_FILES)]
        cycle += 1
        version += 1
        target.write_text(marker_file(version), "utf-8")       # rewrite: a new marker rule
        time.sleep(2.5)
        target.write_bytes(broken)                              # break it
        time.sleep(2.0)
        target.write_text(marker_file(version), "utf-8")       # fix it (same content)
        time.sleep(1.0)

    soak.run(step, SOAK_SECONDS)
    rss_end = rss_kb(pid)

    assert not soak.failures, f"{len(soak.failures)} failed requests: {soak.failures[:5]}"
    assert len(soak.answers) > 100
    versions: dict[str, set[frozenset[str]]] = defaultdict(set)
    for rules_version, ids in soak.answers:
        assert rules_version in soak.health_versions, f"{rules_version} never on /v1/health"
        markers = {i for i in ids if i.startswith("dialog.soak-")}
        assert len(markers) == 1, f"answer with markers {markers} (incomplete rule book?)"
        versions[rules_version].add(ids)
    for rules_version, id_sets in versions.items():
        assert len(id_sets) == 1, f"answers of {rules_version} disagree: {id_sets}"
    assert len(versions) >= 3, f"only {len(versions)} rule versions served"
    assert soak.errors_seen, "no broken file was ever reported on /v1/health"
    assert all("dialog.yml" in e for e in soak.errors_seen)
    wait_for(lambda: not httpx.get(server.base_url + "/v1/health").json()["last_error"])
    growth = (rss_end - rss_start) / rss_start
    samples = soak.rss_samples[:: max(1, len(soak.rss_samples) // 12)]
    print(f"soak: {len(soak.answers)} answers, {len(versions)} rule versions, "
          f"{len(soak.errors_seen)} health polls with an error, RSS {rss_start} -> {rss_end} kB, "
          f"samples {samples}")
    assert growth < 0.10, f"RSS grew {growth:.1%} ({rss_start} kB -> {rss_end} kB)"

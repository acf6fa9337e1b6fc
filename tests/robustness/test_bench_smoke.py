"""The benchmark harness still runs (tiny settings; the figures themselves are not tested)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from robust_helpers import ROOT

EVAL = ROOT / "bench" / "data" / "dev.jsonl"


@pytest.mark.slow
def test_bench_runs_and_writes_its_json(tmp_path: Path) -> None:
    assert EVAL.is_file(), f"the benchmark needs the evaluation texts at {EVAL}"
    out = tmp_path / "result.json"
    run = subprocess.run(
        [sys.executable, "-m", "bench", "--iterations", "20", "--seconds", "0.5",
         "--connections", "1,4", "--service-chars", "280", "--no-wrk", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["machine"]["cores"] >= 1
    assert set(result["engine"]["check"]) == {"280", "1000", "5000"}
    service = result["service"]
    for name in ("tonkoll", "minimal"):
        runs = service[name]["runs"]["280"]
        assert [r["connections"] for r in runs] == [1, 4]
        assert all(r["requests"] > 0 and r["errors"] == 0 for r in runs), runs
    assert set(result["targets"]) == {"engine_median_1000_ms", "throughput_ratio_16",
                                      "memory_per_worker_mb"} | (
        {"p99_16_ms"} if any(r["connections"] == 16 for r in runs) else set())
    assert "Targets:" in run.stdout

    table = subprocess.run([sys.executable, "-m", "bench.markdown", str(out)], cwd=ROOT,
                           capture_output=True, text=True, timeout=60, check=True).stdout
    assert "| 280 chars | tonkoll | 4 |" in table


def test_golden_reports_are_reproducible(tmp_path: Path) -> None:
    """`python -m bench.golden` (the before/after check for engine speed-ups) finds no
    difference between two runs of the same code: the engine is deterministic."""
    out = tmp_path / "golden.json"
    for mode in ("write", "compare"):
        run = subprocess.run([sys.executable, "-m", "bench.golden", mode, str(out)], cwd=ROOT,
                             capture_output=True, text=True, timeout=240)
        assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert ", 0 differ" in run.stdout
    assert len(json.loads(out.read_text(encoding="utf-8"))) > 2000

"""Render bench/results/latest.json as the Markdown tables for bench/README.md.

    .venv/bin/python -m bench.markdown [path/to/result.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from bench.report import service_rows

DEFAULT = Path(__file__).resolve().parent / "results" / "latest.json"


def render(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [
        f"Run {result['when']} on {m['cores']} cores ({m['cpu_model']}), {m['memory_mb']:,} MB "
        f"RAM, Python {m['python']}; load average at start "
        f"{', '.join(map(str, m['load_average_start']))}.",
        "",
    ]
    engine = result.get("engine")
    if engine:
        lines += [
            f"**Engine** ({engine['rules']} rules; rule-book load "
            f"{engine['load']['median_ms']:.0f} ms, including every rule's examples):",
            "",
            "| post | median | p99 | findings (mean) |",
            "|---:|---:|---:|---:|",
        ]
        for s in engine["check"].values():
            lines.append(f"| {s['chars']:,} chars | {s['median_ms']:.3f} ms | "
                         f"{s['p99_ms']:.3f} ms | {s['findings_mean']} |")
        mem = engine["memory"]
        lines += ["", f"Memory: process peak RSS {mem['max_rss_mb']} MB; the rule book holds "
                      f"{mem['book_retained_mb']} MB (tracemalloc); loading peaks at "
                      f"{mem['load_peak_mb']} MB.", ""]
    service = result.get("service")
    if service:
        lines += [
            f"**Service** ({service['generator']}, {service['seconds_per_run']:g} s per run, "
            f"{service['workers']} uvicorn worker, "
            f"`{service.get('uvicorn_flags', '')}`, {service['bodies_per_size']} different real "
            "posts per size):",
            "",
            "| post | app | connections | requests/s | p50 | p99 | errors | server CPU/request "
            "| ratio (rps) | ratio (CPU) |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for row in service_rows(service):
            r = row.run
            lines.append(
                f"| {row.size} chars | {row.app} | {row.connections} | {r['rps']:,.0f} | "
                f"{r['p50_ms']:.1f} ms | {r['p99_ms']:.1f} ms | {r['errors']} | "
                f"{r['server_cpu_ms_per_request']:.2f} ms | {row.ratio} | {row.cpu_ratio} |")
        peak = max(service["tonkoll"]["peak_rss_mb"].values())
        lines += ["", f"Server peak RSS: Tonkoll {peak} MB per worker, minimal app "
                      f"{max(service['minimal']['peak_rss_mb'].values())} MB.", ""]
    lines += ["| target | measured | met? |", "|---|---:|---|"]
    names = {
        "engine_median_1000_ms": "engine median, 1,000 characters (ms)",
        "throughput_ratio_16": "throughput vs minimal at 16 connections",
        "p99_16_ms": "p99 at 16 connections (ms)",
        "memory_per_worker_mb": "memory per worker (MB)",
    }
    for key, v in result["targets"].items():
        met = {True: "yes", False: "**no**", None: "n/a"}[v["met"]]
        lines.append(f"| {names.get(key, key)} {v['target']} | {v['value']} | {met} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    print(render(json.loads(path.read_text(encoding="utf-8"))), end="")


if __name__ == "__main__":
    main()

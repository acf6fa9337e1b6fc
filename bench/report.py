"""The benchmark's printed table and its verdicts against the targets of issue 5."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

TARGETS = {
    "engine_median_1000_ms": 0.5,
    "throughput_ratio_16": 0.60,
    "p99_16_ms": 50.0,
    "memory_per_worker_mb": 150.0,
}


def verdicts(result: dict[str, Any]) -> dict[str, Any]:
    """Each target with its measured value and whether it is met (None if not measured)."""
    out: dict[str, Any] = {}
    engine = result.get("engine")
    if engine:
        value = engine["check"]["1000"]["median_ms"]
        out["engine_median_1000_ms"] = verdict(value, TARGETS["engine_median_1000_ms"])
    service = result.get("service")
    if service:
        size = next(iter(service["throughput_ratio"]))
        ratio = service["throughput_ratio"][size].get("16")
        out["throughput_ratio_16"] = verdict(ratio, TARGETS["throughput_ratio_16"], low=True)
        runs = service["tonkoll"]["runs"][size]
        run16 = next((r for r in runs if r["connections"] == 16), None)
        if run16:
            out["p99_16_ms"] = verdict(run16["p99_ms"], TARGETS["p99_16_ms"])
        peak = max(service["tonkoll"]["peak_rss_mb"].values())
        out["memory_per_worker_mb"] = verdict(peak, TARGETS["memory_per_worker_mb"])
    return out


def verdict(value: float | None, target: float, low: bool = False) -> dict[str, Any]:
    met = None if value is None else (value >= target if low else value <= target)
    return {"value": value, "target": (">= " if low else "<= ") + f"{target:g}", "met": met}


class ServiceRow(NamedTuple):
    """One load run of the service benchmark, as both tables show it."""

    size: str  # post size in characters
    app: str  # "tonkoll" or "minimal"
    connections: str
    run: dict[str, Any]  # rps, p50_ms, p99_ms, errors, server_cpu_ms_per_request, …
    ratio: str  # Tonkoll's requests/s over the minimal app's ("" on the minimal app's rows)
    cpu_ratio: str  # the minimal app's CPU per request over Tonkoll's ("" likewise)


def service_rows(service: dict[str, Any]) -> Iterator[ServiceRow]:
    """Every load run, per post size Tonkoll's runs then the minimal app's."""
    for size, ratios in service["throughput_ratio"].items():
        cpu_ratios = service["cpu_ratio"][size]
        for app in ("tonkoll", "minimal"):
            ours = app == "tonkoll"
            for run in service[app]["runs"][size]:
                conns = str(run["connections"])
                yield ServiceRow(size, app, conns, run,
                                 f"{ratios[conns]:.0%}" if ours else "",
                                 f"{cpu_ratios[conns]:.0%}" if ours else "")


def print_tables(result: dict[str, Any]) -> None:
    m = result["machine"]
    print(f"\nMachine: {m['cores']} cores, {m['memory_mb']} MB, {m['cpu_model']}, "
          f"Python {m['python']}; load average at start {m['load_average_start']}")
    engine = result.get("engine")
    if engine:
        print(f"\nEngine ({engine['rules']} rules, version {engine['rules_version']}): "
              f"rule-book load median {engine['load']['median_ms']:.1f} ms")
        print(f"{'post':>12} {'median ms':>10} {'p99 ms':>8} {'findings':>9}")
        for s in engine["check"].values():
            print(f"{s['chars']:>7} chr {s['median_ms']:>10.3f} {s['p99_ms']:>8.3f} "
                  f"{s['findings_mean']:>9}")
        mem = engine["memory"]
        print(f"memory: max RSS {mem['max_rss_mb']} MB; rule book retained "
              f"{mem['book_retained_mb']} MB; load peak {mem['load_peak_mb']} MB (tracemalloc)")
    service = result.get("service")
    if service:
        print(f"\nService ({service['generator']}, {service['seconds_per_run']:g} s per run, "
              f"{service['workers']} worker)")
        print(f"{'post':>6} {'app':>8} {'conns':>5} {'rps':>9} {'p50 ms':>8} {'p99 ms':>8} "
              f"{'errors':>6} {'ratio':>6} {'cpu ms/req':>10} {'cpu ratio':>9}")
        for row in service_rows(service):
            r = row.run
            print(f"{row.size:>6} {row.app:>8} {row.connections:>5} {r['rps']:>9.1f} "
                  f"{r['p50_ms']:>8.2f} {r['p99_ms']:>8.2f} {r['errors']:>6} {row.ratio:>6} "
                  f"{r['server_cpu_ms_per_request']:>10.3f} {row.cpu_ratio:>9}")
        print(f"server peak RSS (MB): tonkoll {service['tonkoll']['peak_rss_mb']}, "
              f"minimal {service['minimal']['peak_rss_mb']}")
    print("\nTargets:")
    for name, v in result["targets"].items():
        mark = {True: "met", False: "MISSED", None: "n/a"}[v["met"]]
        print(f"  {name:<24} {v['value']!s:>10}  (target {v['target']})  {mark}")

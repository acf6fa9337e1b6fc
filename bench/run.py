"""Run the whole benchmark, print a table and write bench/results/latest.json.

Usage: .venv/bin/python -m bench [--seconds 10] [--connections 1,16,64] [--workers 1]
       [--engine-only | --service-only] [--no-wrk] [--out bench/results/latest.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from bench.engine import bench_engine
from bench.loadgen import ensure_wrk
from bench.report import print_tables, verdicts
from bench.service import measure, post_once, uvicorn_server
from bench.stats import machine
from bench.texts import DEFAULT_EVAL, build_posts, read_swedish_texts
from tonkoll.cli import EVENT_LOOP

ROOT = Path(__file__).resolve().parent.parent
BODIES_PER_SIZE = 40


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=10.0, help="load time per run (s)")
    p.add_argument("--connections", default="1,16,64", help="comma-separated counts")
    p.add_argument("--workers", type=int, default=1, help="uvicorn workers for the service")
    p.add_argument("--loop", default=EVENT_LOOP, choices=("asyncio", "uvloop"),
                   help="uvicorn's event loop for both apps (default: what `tonkoll serve` uses)")
    p.add_argument("--service-chars", default="280,1000",
                   help="comma-separated post sizes for the service benchmark; the first "
                        "one is judged against the targets")
    p.add_argument("--iterations", type=int, default=2000, help="engine checks per size")
    p.add_argument("--rules", type=Path, default=ROOT / "rules")
    p.add_argument("--eval-file", type=Path, default=DEFAULT_EVAL)
    p.add_argument("--engine-only", action="store_true")
    p.add_argument("--service-only", action="store_true")
    p.add_argument("--no-wrk", action="store_true", help="use the Python load generator")
    p.add_argument("--no-install", action="store_true", help="never apt-get install wrk")
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "latest.json")
    return p.parse_args(argv)


def cpu_plan(workers: int) -> tuple[str | None, str | None]:
    """Pin a single-worker server to CPU 0 and the load generator to CPU 1 (when >= 2 cores)."""
    if workers == 1 and (os.cpu_count() or 1) >= 2:
        return "0", "1"
    return None, None


def bench_service(args: argparse.Namespace, texts: list[str]) -> dict[str, Any]:
    wrk = None if args.no_wrk else ensure_wrk(install=not args.no_install)
    sizes = [int(c) for c in args.service_chars.split(",") if c.strip()]
    bodies: dict[str, list[bytes]] = {
        str(size): [json.dumps({"text": post, "language": "auto", "channel": "generic"},
                               ensure_ascii=False).encode()
                    for post in build_posts(texts, size, BODIES_PER_SIZE)]
        for size in sizes}
    conns = [int(c) for c in args.connections.split(",") if c.strip()]
    server_cpu, load_cpu = cpu_plan(args.workers)
    out: dict[str, Any] = {
        "generator": "wrk" if wrk else "python-httpx",
        "seconds_per_run": args.seconds,
        "workers": args.workers,
        "bodies_per_size": BODIES_PER_SIZE,
        "body_bytes_mean": {size: round(sum(map(len, b)) / len(b)) for size, b in bodies.items()},
        "pinning": {"server_cpu": server_cpu, "load_cpu": load_cpu},
        "uvicorn_flags": f"--factory --log-level warning --loop {args.loop}",
    }
    apps = {"tonkoll": "api.app:create_app", "minimal": "bench.minimal_app:create_app"}
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "server.log"
        # Serve a snapshot of the rules: an edit during the run would trigger a reload.
        rules = Path(tmp) / "rules"
        shutil.copytree(args.rules, rules)
        for name, app in apps.items():
            print(f"bench: loading {name} ({app}) …", flush=True)
            with uvicorn_server(app, rules, args.workers, server_cpu, log, args.loop) as server:
                for size, some in bodies.items():
                    answers = [post_once(server.url + "/v1/check", body) for body in some]
                    if name == "tonkoll":
                        out.setdefault("rules_version", answers[0].get("rules_version"))
                        out.setdefault("findings_mean", {})[size] = round(
                            sum(len(a.get("findings", [])) for a in answers) / len(answers), 1)
                out[name] = measure(server, bodies, conns, args.seconds, wrk, load_cpu)
    out["cpu_ratio"] = {  # minimal's server CPU per request / ours: immune to other load
        size: {str(mine["connections"]): round(
            ceiling["server_cpu_ms_per_request"] / mine["server_cpu_ms_per_request"], 3)
            for mine, ceiling in zip(out["tonkoll"]["runs"][size],
                                     out["minimal"]["runs"][size], strict=True)
            if mine["server_cpu_ms_per_request"]}
        for size in bodies}
    out["throughput_ratio"] = {
        size: {str(mine["connections"]): round(mine["rps"] / ceiling["rps"], 3)
               for mine, ceiling in zip(out["tonkoll"]["runs"][size],
                                        out["minimal"]["runs"][size], strict=True)
               if ceiling["rps"]}
        for size in bodies}
    return out


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    texts = read_swedish_texts(args.eval_file)
    result: dict[str, Any] = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
    }
    if not args.service_only:
        print("bench: engine …", flush=True)
        result["engine"] = bench_engine(args.rules, texts, args.iterations)
    if not args.engine_only:
        result["service"] = bench_service(args, texts)
    result["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    result["targets"] = verdicts(result)
    print_tables(result)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"bench: wrote {args.out}")
    return 0

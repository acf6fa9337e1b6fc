"""`python -m bench.feedback`: POST /v1/feedback throughput and p99 on SQLite and PostgreSQL.

A real uvicorn process (1 worker unless --workers) stores the counters in an SQLite file, then
in a throwaway PostgreSQL cluster (tests/pg.py: initdb + pg_ctl in a temporary folder) or the
database given by --postgres-url. The load is `wrk` (else the Python fallback) at 1 and 16
connections, each request a batch of 10 counts over the real rule ids, as the extension sends
them. After each run the stored total is compared with what the load sent (exactness under
load). Feedback never touches /v1/check: it is a separate request, so the check path's
latency is unchanged (see bench/README.md).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from bench.loadgen import ensure_wrk, run_python, run_wrk
from bench.service import ROOT, Server, cpu_seconds, server_pids, uvicorn_server
from tonkoll.feedback.counters import total_events
from tonkoll.feedback.database import make_engine
from tonkoll.rulebook.loader import load_rulebook

EVENTS_PER_BATCH = 10


def bodies(count: int = 200, seed: int = 7) -> list[bytes]:
    book = load_rulebook([ROOT / "rules"], run_examples=False)
    version = book.version
    rules = [(r.id, r.language) for r in book.rules if r.level != "praise"]
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        events = []
        for rule_id, language in rng.sample(rules, EVENTS_PER_BATCH):
            kind = rng.choice(["shown", "shown", "shown", "applied", "ignored", "disabled"])
            e: dict[str, Any] = {"rule_id": rule_id, "event": kind, "language": language,
                                 "channel": rng.choice(["facebook", "x", "linkedin"]),
                                 "rules_version": version, "count": 1}
            if kind == "applied":
                e["replacement"] = rng.randrange(2)
            if kind == "shown":
                e["offered"] = rng.randrange(3)
            events.append(e)
        out.append(json.dumps({"events": events}).encode())
    return out


def service(database_url: str, workers: int, log_path: Path) -> AbstractContextManager[Server]:
    """The Tonkoll service on `database_url`, with every limit off (bench.service starts it)."""
    return uvicorn_server("api.app:create_app", ROOT / "rules", workers, None, log_path,
                          settings={"TONKOLL_DATABASE_URL": database_url,
                                    "TONKOLL_FEEDBACK_PER_MINUTE": "0",
                                    "TONKOLL_RELOAD_INTERVAL": "0",
                                    "TONKOLL_LOG_LEVEL": "warning"})

def measure(name: str, database_url: str, args: argparse.Namespace, wrk: str | None,
            log_path: Path) -> list[dict[str, Any]]:
    load = bodies()
    results = []
    with service(database_url, args.workers, log_path) as server:
        url = server.url + "/v1/feedback"
        for conns in args.connections:
            engine = make_engine(database_url)
            before = total_events(engine)
            pids = server_pids(server)
            cpu = cpu_seconds(pids)
            run = (run_wrk(wrk, url, load, conns, args.seconds, None) if wrk
                   else run_python(url, load, conns, args.seconds))
            run["server_cpu_ms_per_request"] = round(
                1000 * (cpu_seconds(pids) - cpu) / max(1, run["requests"]), 3)
            time.sleep(0.5)
            stored = total_events(engine) - before
            engine.dispose()
            # Every answered request stored exactly EVENTS_PER_BATCH events. wrk counts the
            # requests answered within the time; up to one per connection was still in flight.
            done = run["requests"] - run["non_2xx"]
            run["stored_events"] = stored
            run["exact"] = (run["errors"] == 0 and stored % EVENTS_PER_BATCH == 0 and
                            done * EVENTS_PER_BATCH <= stored <= (done + conns) * EVENTS_PER_BATCH)
            run["database"] = name
            results.append(run)
            print(f"{name:10} {conns:>3} conn  {run['rps']:>8.1f} req/s  "
                  f"p50 {run['p50_ms']:>6.2f} ms  p99 {run['p99_ms']:>7.2f} ms  "
                  f"errors {run['errors']}  cpu/req {run['server_cpu_ms_per_request']} ms  "
                  f"stored exact: {run['exact']}", flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.feedback")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--connections", type=lambda s: [int(x) for x in s.split(",")],
                        default=[1, 16])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--postgres-url", default=None,
                        help="an empty PostgreSQL database (default: a throwaway cluster)")
    parser.add_argument("--no-wrk", action="store_true")
    args = parser.parse_args(argv)
    wrk = None if args.no_wrk else ensure_wrk(install=os.geteuid() == 0)
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "server.log"
        results += measure("sqlite", f"sqlite:///{tmp}/feedback.db", args, wrk, log)
        if args.postgres_url:
            results += measure("postgresql", args.postgres_url, args, wrk, log)
        else:
            sys.path.insert(0, str(ROOT / "tests"))  # the tests' throwaway-cluster helper
            from pg import PgCluster, pg_bindir

            bindir = pg_bindir()
            if bindir is None:
                print("bench.feedback: PostgreSQL is not installed; skipped it", flush=True)
            else:
                cluster = PgCluster(bindir).start()
                try:
                    results += measure("postgresql", cluster.create_database(), args, wrk, log)
                finally:
                    cluster.stop()
    out = ROOT / "bench" / "results" / "feedback.json"
    out.write_text(json.dumps({"when": time.strftime("%Y-%m-%d %H:%M"),
                               "load": [round(x, 2) for x in os.getloadavg()],
                               "cores": os.cpu_count(), "workers": args.workers,
                               "runs": results}, indent=2) + "\n")
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

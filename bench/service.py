"""Service benchmark: real uvicorn processes on loopback, measured by a load generator."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.loadgen import run_python, run_wrk
from bench.stats import proc_status_kb

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Server:
    proc: subprocess.Popen[bytes]
    url: str


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def uvicorn_server(app: str, rules_dir: Path, workers: int, cpu: str | None,
                   log_path: Path, loop: str = "asyncio",
                   settings: dict[str, str] | None = None) -> Iterator[Server]:
    """Start `uvicorn APP --factory` on a free loopback port; stop it afterwards. `settings`:
    more TONKOLL_ variables for the service."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONKOLL_")}
    env["TONKOLL_RULES_DIRS"] = str(rules_dir)
    # The benchmark measures capacity from one loopback client, so the default rate limit
    # (300 a minute per client) is turned off here; a real deployment keeps it on.
    env["TONKOLL_RATE_LIMIT_PER_MINUTE"] = "0"
    env.update(settings or {})
    cmd = [sys.executable, "-m", "uvicorn", app, "--factory", "--host", "127.0.0.1",
           "--port", str(port), "--workers", str(workers), "--log-level", "warning",
           "--loop", loop]
    if cpu is not None and shutil.which("taskset"):
        cmd = ["taskset", "-c", cpu, *cmd]
    with log_path.open("ab") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = Server(proc, f"http://127.0.0.1:{port}")
    try:
        wait_ready(server, log_path)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_ready(server: Server, log_path: Path, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"server exited early; see {log_path}")
        try:
            with urllib.request.urlopen(server.url + "/v1/health", timeout=1) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise RuntimeError(f"server did not answer in {timeout}s; see {log_path}")


def post_once(url: str, body: bytes) -> dict[str, Any]:
    """POST one body and return the parsed JSON answer (raises on an HTTP error)."""
    req = urllib.request.Request(url, data=body, method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read() or b"{}")


def server_pids(server: Server) -> list[int]:
    """The uvicorn process and its children (the workers when --workers > 1)."""
    pids = [server.proc.pid]
    children = Path(f"/proc/{server.proc.pid}/task/{server.proc.pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    return pids


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time consumed so far by these processes (from /proc/PID/stat)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def measure(server: Server, bodies: dict[str, list[bytes]], connections: list[int],
            seconds: float, wrk: str | None, load_cpu: str | None) -> dict[str, Any]:
    """Warm up, then one bounded load run per body and connection count; plus server memory."""
    url = server.url + "/v1/check"
    runs: dict[str, list[dict[str, Any]]] = {}
    for size, some in bodies.items():
        warm = min(2.0, seconds)
        if wrk:
            run_wrk(wrk, url, some, 4, warm, load_cpu)
        else:
            run_python(url, some, 4, warm)
        runs[size] = []
        for conns in connections:
            pids = server_pids(server)
            cpu_before = cpu_seconds(pids)
            run = (run_wrk(wrk, url, some, conns, seconds, load_cpu) if wrk
                   else run_python(url, some, conns, seconds))
            cpu = cpu_seconds(pids) - cpu_before
            # Server CPU per request: robust to other load on the machine (a shared CI box).
            run["server_cpu_ms_per_request"] = round(1000 * cpu / max(1, run["requests"]), 4)
            runs[size].append(run)
    pids = server_pids(server)
    rss = {str(pid): round(proc_status_kb(pid, "VmRSS") / 1024, 1) for pid in pids}
    hwm = {str(pid): round(proc_status_kb(pid, "VmHWM") / 1024, 1) for pid in pids}
    return {"runs": runs, "rss_mb": rss, "peak_rss_mb": hwm}

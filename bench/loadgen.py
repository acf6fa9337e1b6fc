"""Load generators: Debian's `wrk` (preferred) and a Python asyncio + httpx fallback.

Both POST the same JSON body over keep-alive connections for a fixed time and report
requests per second, latency median and p99 (ms) and the number of failed requests.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.stats import percentile

WRK_SCRIPT = """
-- One JSON body per line; each request takes the next one, so no two requests in a row
-- carry the same draft (as in real use, and so no cache could flatter the figures).
local bodies = {}
for line in io.lines("@BODY@") do bodies[#bodies + 1] = line end
local headers = {["Content-Type"] = "application/json"}
local n = 0

request = function()
  n = n % #bodies + 1
  return wrk.format("POST", nil, headers, bodies[n])
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d, "p50_us": %.1f, "p99_us": %.1f, ' ..
    '"max_us": %.1f}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
"""


def ensure_wrk(install: bool) -> str | None:
    """Path of `wrk`; installs Debian's package when allowed and possible, else None."""
    found = shutil.which("wrk")
    if found or not install:
        return found
    print("bench: wrk not found, trying `apt-get install -y wrk` …", flush=True)
    try:
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True,
                       capture_output=True, timeout=300)
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"bench: could not install wrk ({exc}); falling back to the Python load "
              "generator (asyncio + httpx), whose own CPU use lowers the figures.", flush=True)
        return None
    return shutil.which("wrk")


def run_wrk(wrk: str, url: str, bodies: list[bytes], connections: int, seconds: float,
            cpu: str | None) -> dict[str, Any]:
    """One wrk run cycling through `bodies`; returns rps, p50/p99 latency (ms) and errors."""
    with tempfile.TemporaryDirectory() as tmp:
        body_path = Path(tmp) / "bodies.jsonl"
        body_path.write_bytes(b"\n".join(bodies) + b"\n")
        script = Path(tmp) / "post.lua"
        script.write_text(WRK_SCRIPT.replace("@BODY@", str(body_path)))
        threads = max(1, min(2, connections))
        cmd = [wrk, "-t", str(threads), "-c", str(connections), "-d", f"{seconds:g}s",
               "--timeout", "10s", "-s", str(script), url]
        if cpu is not None and shutil.which("taskset"):
            cmd = ["taskset", "-c", cpu, *cmd]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no summary: {out.stdout[-500:]} {out.stderr[-500:]}")
    raw = json.loads(line.removeprefix("WRKJSON "))
    errors = raw["connect"] + raw["read"] + raw["write"] + raw["status"] + raw["timeout"]
    return {
        "connections": connections,
        "requests": raw["requests"],
        "rps": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "p50_ms": round(raw["p50_us"] / 1000, 3),
        "p99_ms": round(raw["p99_us"] / 1000, 3),
        "max_ms": round(raw["max_us"] / 1000, 3),
        "errors": errors,
        "non_2xx": raw["status"],
        "generator": "wrk",
    }


async def _python_load(url: str, bodies: list[bytes], connections: int,
                       seconds: float) -> dict[str, Any]:
    import httpx

    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    headers = {"Content-Type": "application/json"}
    async with httpx.AsyncClient(limits=limits, timeout=10.0) as client:
        async def worker(first: int) -> None:
            nonlocal errors
            n = first
            while time.perf_counter() < deadline:
                n = (n + 1) % len(bodies)
                start = time.perf_counter()
                try:
                    resp = await client.post(url, content=bodies[n], headers=headers)
                    ok = 200 <= resp.status_code < 300
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - start)
                errors += 0 if ok else 1
        started = time.perf_counter()
        await asyncio.gather(*(worker(i) for i in range(connections)))
        elapsed = time.perf_counter() - started
    ms = [v * 1000 for v in latencies] or [0.0]
    return {
        "connections": connections,
        "requests": len(latencies),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(ms, 50), 3),
        "p99_ms": round(percentile(ms, 99), 3),
        "max_ms": round(max(ms), 3),
        "errors": errors,
        "non_2xx": errors,
        "generator": "python-httpx",
    }


def run_python(url: str, bodies: list[bytes], connections: int,
               seconds: float) -> dict[str, Any]:
    """The fallback generator: `connections` asyncio workers sharing one httpx client."""
    return asyncio.run(_python_load(url, bodies, connections, seconds))

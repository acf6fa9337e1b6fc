"""Small statistics helpers shared by the engine and service benchmarks."""

from __future__ import annotations

import math
import os
import statistics
from pathlib import Path


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (pct in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def summarise_ms(samples_ns: list[int]) -> dict[str, float]:
    """Median, p99, mean and max of nanosecond samples, in milliseconds."""
    ms = [s / 1e6 for s in samples_ns]
    return {
        "median_ms": round(statistics.median(ms), 4),
        "p99_ms": round(percentile(ms, 99), 4),
        "mean_ms": round(statistics.fmean(ms), 4),
        "max_ms": round(max(ms), 4),
        "samples": len(ms),
    }


def proc_status_kb(pid: int | str = "self", field: str = "VmRSS") -> int:
    """A memory field (VmRSS, VmHWM, …) of /proc/PID/status in kB, or 0 if unavailable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0


def machine() -> dict[str, object]:
    """Cores, memory, CPU model and Python version of this machine."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_kb = proc_meminfo_kb("MemTotal")
    import platform

    return {
        "cores": os.cpu_count() or 0,
        "cpu_model": model,
        "memory_mb": round(mem_kb / 1024),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_start": [round(x, 2) for x in os.getloadavg()],
    }


def proc_meminfo_kb(field: str) -> int:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0

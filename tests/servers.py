"""Service processes in tests: a free loopback port, waiting for /v1/health, a clean stop.

Shared by the `live_server` fixtures (conftest.py) and the tests that start the service the way
a person would (`scripts/serve`, `tonkoll serve`)."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(base_url: str, proc: subprocess.Popen[bytes], log_path: Path,
                 timeout: float) -> dict[str, Any]:
    """The /v1/health answer once the service gives one; RuntimeError naming the log when the
    process exits first or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early, see {log_path}:\n{_tail(log_path)}")
        try:
            with urllib.request.urlopen(base_url + "/v1/health", timeout=1) as resp:
                if resp.status == 200:
                    return dict(json.loads(resp.read()))
        except OSError:  # URLError and refused connections while it starts
            time.sleep(0.1)
    raise RuntimeError(f"server did not answer within {timeout}s, see {log_path}:\n"
                       f"{_tail(log_path)}")


def stop(proc: subprocess.Popen[Any], timeout: float = 10.0,
         sig: signal.Signals = signal.SIGTERM) -> None:
    """Ask the process to stop (SIGTERM unless told otherwise); kill it after `timeout`."""
    if proc.poll() is not None:
        return
    proc.send_signal(sig)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _tail(log_path: Path, chars: int = 2000) -> str:
    try:
        return log_path.read_text(encoding="utf-8", errors="replace")[-chars:]
    except OSError:
        return ""

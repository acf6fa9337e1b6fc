"""Real parts for the multi-instance tests, on loopback only: `tonkoll serve` instances, Debian's
HAProxy in front of them, and a steady load of client threads that records every answer.

HAProxy runs the configuration the repository ships (deploy/haproxy/haproxy.cfg, explained in
docs/deploy.md): health checks on /v1/health (200 for `ok` and `degraded`, 503 while
`stopping`), retries on another instance for /v1/check when the connection fails or the instance
dies before answering (a check has no side effects, so a replay is harmless), but for
/v1/feedback only when the request never reached an instance (a replay could count a batch
twice). The instance header the test reads is set there too.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from servers import free_port, wait_healthy

HEADER = "Tonkoll-Rules-Version"
INSTANCE_HEADER = "X-Tonkoll-Instance"  # set by HAProxy: which server answered
LOG_TIME = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} ")  # tonkoll's log lines


def haproxy_binary() -> str:
    """Debian's haproxy (scripts/test installs it); a failure under CI=true, else a skip."""
    found = shutil.which("haproxy") or next(
        (p for p in ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy") if os.access(p, os.X_OK)),
        None,
    )
    if found:
        return found
    message = "haproxy is missing: ./scripts/test installs it (apt-get install haproxy)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def tonkoll_command() -> list[str]:
    exe = Path(sys.executable).parent / "tonkoll"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "tonkoll.cli"]


@dataclass
class Instance:
    """One `tonkoll serve --workers 2` in its own process group (killed as a whole, as a
    container or pod dies)."""

    name: str
    rules: Path
    logs: Path
    env: dict[str, str] = field(default_factory=dict)
    workers: int = 2
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None
    _starts_before: int = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _starts(self) -> int:
        if not self.log_path.exists():
            return 0
        return self.log_path.read_text(errors="replace").count("Application startup complete")

    @property
    def log_path(self) -> Path:
        return self.logs / f"{self.name}.log"

    def launch(self) -> Instance:
        self._starts_before = self._starts()
        env = {k: v for k, v in os.environ.items() if not k.startswith("TONKOLL_")}
        env |= {"TONKOLL_RULES_DIRS": str(self.rules), "TONKOLL_DATA_DIR": str(self.logs),
                **self.env}
        self.proc = subprocess.Popen(
            [*tonkoll_command(), "serve", "--host", "127.0.0.1", "--port", str(self.port),
             "--workers", str(self.workers)],
            stdout=self.log_path.open("ab"), stderr=subprocess.STDOUT, env=env,
            start_new_session=True,
        )
        return self

    def wait_ready(self, timeout: float = 60) -> dict[str, Any]:
        """/v1/health once every worker has started (the first answers before the second)."""
        assert self.proc is not None
        started = time.monotonic()
        health = wait_healthy(self.base_url, self.proc, self.log_path, timeout)
        while self._starts() < self._starts_before + self.workers:
            assert time.monotonic() - started < timeout, f"workers not up, see {self.log_path}"
            time.sleep(0.05)
        return health

    def health(self) -> dict[str, Any]:
        """/v1/health on a new connection (http.client: a new httpx client costs ~0.1 s)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            conn.request("GET", "/v1/health")
            answer: dict[str, Any] = json.loads(conn.getresponse().read())
        finally:
            conn.close()
        return answer

    def logged(self, message: str) -> list[float]:
        """When (epoch seconds) each worker logged a line containing `message`: every worker
        logs its own reloads, so this sees each worker, which HTTP cannot address."""
        times = []
        for line in self.log_path.read_text(encoding="utf-8", errors="replace").splitlines():
            if message in line and LOG_TIME.match(line):
                stamp = datetime.strptime(line[:23], "%Y-%m-%d %H:%M:%S,%f")
                times.append(stamp.timestamp())
        return times

    def signal_group(self, sig: signal.Signals) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)

    def kill(self) -> None:
        """SIGKILL to the supervisor and both workers at once."""
        self.signal_group(signal.SIGKILL)
        if self.proc is not None:
            self.proc.wait(timeout=10)

    def finish(self, timeout: float = 15) -> None:
        if self.proc is None:
            return
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.signal_group(signal.SIGKILL)
            self.proc.wait()


HAPROXY_CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "haproxy" / "haproxy.cfg"
SERVERS = ("t1", "t2", "t3")  # the server names in HAPROXY_CONFIG


@dataclass
class HAProxy:
    binary: str
    workdir: Path
    servers: list[tuple[str, int]]
    port: int = field(default_factory=free_port)
    stats_port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.workdir / "haproxy.log"

    def env(self) -> dict[str, str]:
        """The shipped configuration's addresses: loopback ports for this test."""
        assert [name for name, _ in self.servers] == list(SERVERS), self.servers
        return {**os.environ, "TONKOLL_LB_BIND": f"127.0.0.1:{self.port}",
                "TONKOLL_LB_STATS": f"127.0.0.1:{self.stats_port}",
                **{f"TONKOLL_{name.upper()}": f"127.0.0.1:{port}" for name, port in self.servers}}

    def start(self) -> HAProxy:
        cfg = str(HAPROXY_CONFIG)
        checked = subprocess.run([self.binary, "-c", "-f", cfg], capture_output=True,
                                 text=True, timeout=30, env=self.env())
        assert checked.returncode == 0, checked.stdout + checked.stderr
        self.proc = subprocess.Popen([self.binary, "-db", "-f", cfg], env=self.env(),
                                     stdout=self.log_path.open("ab"), stderr=subprocess.STDOUT)
        return self

    def status(self, backend: str = "checks") -> dict[str, str]:
        """Server name -> UP / DOWN / ... as HAProxy sees it now."""
        text = httpx.get(f"http://127.0.0.1:{self.stats_port}/stats;csv", timeout=5).text
        rows = csv.DictReader(io.StringIO(text.lstrip("# ")))
        return {r["svname"]: r["status"] for r in rows
                if r["pxname"] == backend and r["svname"] not in ("FRONTEND", "BACKEND")}

    def wait_status(self, want: Callable[[dict[str, str]], bool], timeout: float) -> float:
        """Seconds until the status table satisfies `want`; AssertionError after `timeout`."""
        started = time.monotonic()
        seen: dict[str, str] = {}
        while time.monotonic() - started < timeout:
            try:
                seen = self.status()
            except httpx.TransportError:
                seen = {}
            if seen and want(seen):
                return time.monotonic() - started
            time.sleep(0.05)
        raise AssertionError(f"HAProxy status not as wanted within {timeout}s: {seen}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@dataclass(frozen=True)
class Answer:
    """One request of the load as the client saw it."""

    request_id: int  # what the load's `request` was called with
    started: float
    ended: float
    status: int | None  # None: no HTTP answer at all (the error says what)
    instance: str | None
    header: str | None
    body: dict[str, Any] | None
    error: str | None = None
    resent: bool = False  # the kept-alive connection closed with no answer; sent again once


class Load:
    """`threads` clients, each sending `request` through the load balancer back to back (with
    keep-alive, as the extension's background worker does) until stopped.

    With `resend`, a request whose kept-alive connection closes before any byte of an answer
    is sent once more on a new connection, as browsers do (Chromium and Firefox resend on a
    reused connection that closes without a response). HAProxy relies on that: when an
    instance dies with the request unread in its socket (the kernel answers with a reset), it
    closes the client's kept-alive connection without an answer rather than replaying the
    request itself. Only for requests that are safe to replay (/v1/check)."""

    def __init__(self, url: str, request: Callable[[httpx.Client, int], httpx.Response],
                 threads: int = 4, pause: float = 0.005, resend: bool = False) -> None:
        self.url = url
        self.request = request
        self.pause = pause
        self.resend = resend
        self.answers: list[Answer] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(n,), daemon=True)
                         for n in range(threads)]

    def __enter__(self) -> Load:
        for t in self._threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout=30)

    def _send(self, client: httpx.Client, request_id: int) -> tuple[httpx.Response, bool]:
        try:
            return self.request(client, request_id), False
        except httpx.RemoteProtocolError as exc:
            if not self.resend or "without sending a response" not in str(exc):
                raise
        return self.request(client, request_id), True

    def _run(self, n: int) -> None:
        with httpx.Client(base_url=self.url, timeout=15) as client:
            i = 0
            while not self._stop.is_set():
                started = time.monotonic()
                request_id = n * 1_000_000 + i
                try:
                    r, resent = self._send(client, request_id)
                    body = r.json() if r.headers.get("content-type", "").startswith(
                        "application/json") else None
                    answer = Answer(request_id, started, time.monotonic(), r.status_code,
                                    r.headers.get(INSTANCE_HEADER), r.headers.get(HEADER), body,
                                    resent=resent)
                except (httpx.HTTPError, ValueError) as exc:
                    answer = Answer(request_id, started, time.monotonic(), None, None, None,
                                    None, f"{type(exc).__name__}: {exc}")
                with self._lock:
                    self.answers.append(answer)
                i += 1
                time.sleep(self.pause)

    def snapshot(self) -> list[Answer]:
        with self._lock:
            return list(self.answers)

    def wait_for(self, predicate: Callable[[Answer], bool], timeout: float) -> Answer:
        """The first answer from now on that satisfies `predicate`."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            for a in reversed(self.snapshot()):
                if a.started < start:
                    break
                if predicate(a):
                    return a
            time.sleep(0.05)
        raise AssertionError(f"no such answer within {timeout}s")


def within(answers: Iterable[Answer], start: float, end: float = float("inf")) -> list[Answer]:
    return [a for a in answers if start <= a.started and a.ended <= end]

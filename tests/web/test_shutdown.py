"""Graceful shutdown of a real `tonkoll serve` (api/shutdown.py): after SIGTERM readiness fails
first (/v1/health 503 `stopping`) while requests are still answered; then no new request is
taken, a request in flight still gets its answer, and one that never finishes is cut at the
grace period, so the process always ends."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from servers import free_port, stop, wait_healthy

FIXTURES = Path(__file__).parent / "data" / "rules"
DRAFT = {"text": "Du erhåller beskedet i morgon.", "language": "sv"}
HEADER = "Tonkoll-Rules-Version"
DELAY = 3.0  # TONKOLL_SHUTDOWN_DELAY
GRACE = 4  # TONKOLL_SHUTDOWN_GRACE (whole seconds)
SIGNAL_HOP = 0.6  # uvicorn's supervisor looks at its signals every 0.5 s (--workers > 1)


def serve(port: int, workers: int, log: Path, data: Path) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).parent / "tonkoll"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "tonkoll.cli"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONKOLL_")}
    env |= {"TONKOLL_SHUTDOWN_DELAY": str(DELAY), "TONKOLL_SHUTDOWN_GRACE": str(GRACE),
            "TONKOLL_RATE_LIMIT_PER_MINUTE": "0", "TONKOLL_DATA_DIR": str(data)}
    return subprocess.Popen(
        [*cmd, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
         "--rules", str(FIXTURES)],
        stdout=log.open("wb"), stderr=subprocess.STDOUT, env=env,
    )


def half_sent_check(port: int) -> tuple[socket.socket, bytes]:
    """A /v1/check whose headers and first bytes of body are sent: in flight on the server.
    Returns the socket and the rest of the body."""
    body = json.dumps(DRAFT).encode()
    sock = socket.create_connection(("127.0.0.1", port), timeout=15)
    sock.sendall(
        b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode() + body[:10]
    )
    return sock, body[10:]


def answer(base: str, method: str, path: str, timeout: float = 0.5) -> int | None:
    """The status of a request on a new connection; None when nobody answers it."""
    try:
        with httpx.Client(timeout=timeout) as client:
            r = client.request(method, base + path, json=DRAFT if method == "POST" else None)
            return r.status_code
    except httpx.TransportError:  # refused, reset, or accepted by the kernel and never served
        return None


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_sigterm_fails_readiness_then_drains(tmp_path: Path, workers: int) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    proc = serve(port, workers, log, tmp_path)
    try:
        wait_healthy(base, proc, log, 30)
        started = time.monotonic()  # every worker, not just the first that answers
        while log.read_text(errors="replace").count("Application startup complete") < workers:
            assert time.monotonic() - started < 30, log.read_text(errors="replace")
            time.sleep(0.1)
        in_flight, rest = half_sent_check(port)
        stalled, _ = half_sent_check(port)  # never finishes: cut at the grace period
        time.sleep(0.3)  # both requests reach a worker

        proc.send_signal(signal.SIGTERM)  # what Kubernetes and `docker stop` send
        signalled = time.monotonic()

        # 1. Readiness fails first, while every other request is still answered. (Timing is
        # measured from the first 503: a worker's drain began before it and lasts DELAY.)
        while answer(base, "GET", "/v1/health", timeout=1.0) != 503:
            assert time.monotonic() - signalled < SIGNAL_HOP + 1.5, "health never said 503"
            time.sleep(0.05)
        first_503 = time.monotonic()
        health = httpx.get(base + "/v1/health", timeout=2)
        assert health.status_code == 503 and health.json()["status"] == "stopping"
        checks = 0
        while time.monotonic() - first_503 < 1.0:
            r = httpx.post(base + "/v1/check", json=DRAFT, timeout=2)
            assert r.status_code == 200 and r.headers[HEADER] == r.json()["rules_version"]
            checks += 1
        assert checks > 0 and proc.poll() is None

        # 2. After the delay the request in flight is still answered, its connection closed
        # after it ...
        time.sleep(max(0.0, first_503 + DELAY + 0.5 - time.monotonic()))
        in_flight.sendall(rest)
        response = http.client.HTTPResponse(in_flight)
        response.begin()
        body = json.loads(response.read())
        assert response.status == 200, body
        assert response.getheader(HEADER) == body["rules_version"]
        assert [f["rule_id"] for f in body["findings"]] == ["klarsprak.erhalla"]
        assert response.getheader("connection") == "close"

        # ... and no new request is taken.
        assert answer(base, "POST", "/v1/check") is None
        assert answer(base, "GET", "/v1/health") is None

        # 3. The stalled request is cut at the grace period: the process ends by itself.
        proc.wait(timeout=SIGNAL_HOP + DELAY + GRACE + 5)
        took = time.monotonic() - signalled
        assert DELAY <= took < SIGNAL_HOP + DELAY + GRACE + 3, took
        in_flight.close()
        stalled.close()
    finally:
        stop(proc, sig=signal.SIGKILL, timeout=5)
    text = log.read_text(encoding="utf-8", errors="replace")
    assert text.count("SIGTERM: /v1/health answers 503") == workers, text[-3000:]
    assert "timeout graceful shutdown exceeded" in text  # the stalled one, cut

"""Issue 13, items 7 and 8 on a real `tonkoll serve`: header and body read timeouts, and no
open service on a non-loopback address unless asked for."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from servers import free_port, stop, wait_healthy

from tonkoll.cli import is_loopback

FIXTURES = Path(__file__).parent / "data" / "rules"
EXE = Path(sys.executable).parent / "tonkoll"
CMD = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "tonkoll.cli"]


def serve_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONKOLL_")}
    return {**env, **extra}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[int]:
    """`tonkoll serve` on 127.0.0.1 with 1-second header and body timeouts."""
    port = free_port()
    log_path = tmp_path / "serve.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [*CMD, "serve", "--host", "127.0.0.1", "--port", str(port), "--rules", str(FIXTURES)],
            stdout=log, stderr=subprocess.STDOUT,
            env=serve_env(TONKOLL_HEADER_TIMEOUT="1", TONKOLL_BODY_TIMEOUT="1",
                          TONKOLL_RELOAD_INTERVAL="0"),
        )
    try:
        wait_healthy(f"http://127.0.0.1:{port}", proc, log_path, 30)
        yield port
    finally:
        stop(proc, sig=signal.SIGINT)


def closed_within(sock: socket.socket, seconds: float) -> tuple[bool, bytes]:
    """(closed by the server within `seconds`, what it sent before closing)."""
    sock.settimeout(seconds)
    got = b""
    try:
        while chunk := sock.recv(4096):
            got += chunk
    except TimeoutError:
        return False, got
    except ConnectionResetError:
        pass
    return True, got


def test_slow_or_missing_headers_are_cut_off(server: int) -> None:
    with socket.create_connection(("127.0.0.1", server)) as idle:
        started = time.monotonic()
        closed, _ = closed_within(idle, 5)
        assert closed and time.monotonic() - started < 3  # sent nothing: closed after ~1 s
    with socket.create_connection(("127.0.0.1", server)) as slow:
        slow.sendall(b"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        time.sleep(0.5)
        slow.sendall(b"X-Slow: 1\r\n")  # still no blank line ending the headers
        closed, got = closed_within(slow, 5)
        assert closed and got == b""
    with socket.create_connection(("127.0.0.1", server)) as quick:  # normal clients go on
        quick.sendall(b"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        closed, got = closed_within(quick, 5)
        assert got.startswith(b"HTTP/1.1 200")


def test_a_slow_body_gets_408(server: int) -> None:
    with socket.create_connection(("127.0.0.1", server)) as sock:
        sock.sendall(b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 40\r\n\r\n{\"text\":")
        started = time.monotonic()
        closed, got = closed_within(sock, 5)
    assert got.startswith(b"HTTP/1.1 408"), got[:200]
    assert "långsamt".encode() in got and time.monotonic() - started < 3


def test_loopback_addresses() -> None:
    assert all(map(is_loopback, ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"]))
    assert not any(map(is_loopback, ["0.0.0.0", "::", "192.168.1.10", "tonkoll.malmo.se"]))


def test_serve_refuses_an_open_service_on_the_network(tmp_path: Path) -> None:
    run = subprocess.run([*CMD, "serve", "--host", "0.0.0.0", "--port", str(free_port()),
                          "--rules", str(FIXTURES)],
                         capture_output=True, text=True, timeout=60, env=serve_env())
    assert run.returncode == 2
    assert "utan API-nyckel" in run.stderr and "--open" in run.stderr


@pytest.mark.parametrize("how", ["token", "open"])
def test_serve_on_the_network_with_a_key_or_open(tmp_path: Path, how: str) -> None:
    port = free_port()
    env = serve_env(TONKOLL_RELOAD_INTERVAL="0")
    extra = ["--open"] if how == "open" else []
    if how == "token":
        env["TONKOLL_API_TOKENS"] = "hemlig"
    log_path = tmp_path / "serve.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen([*CMD, "serve", "--host", "0.0.0.0", "--port", str(port),
                                 "--rules", str(FIXTURES), *extra],
                                stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        assert wait_healthy(f"http://127.0.0.1:{port}", proc, log_path, 30)["status"] == "ok"
    finally:
        stop(proc, sig=signal.SIGINT)


def test_compose_requires_a_token_and_keeps_the_defaults() -> None:
    root = Path(__file__).resolve().parents[2]
    service = yaml.safe_load((root / "docker-compose.yml").read_text(encoding="utf-8"))[
        "services"]["tonkoll"]
    env = service["environment"]
    assert re.fullmatch(r"\$\{TONKOLL_API_TOKENS:\?.+\}", env["TONKOLL_API_TOKENS"])
    assert env["TONKOLL_RATE_LIMIT_PER_MINUTE"] == "${TONKOLL_RATE_LIMIT_PER_MINUTE:-300}"
    hosts = env["TONKOLL_ALLOWED_HOSTS"].split(":-", 1)[1].rstrip("}").split(",")
    probe = re.search(r"https?://([^/:]+)", service["healthcheck"]["test"][3])
    assert probe and probe.group(1) in hosts  # the health check passes the Host check

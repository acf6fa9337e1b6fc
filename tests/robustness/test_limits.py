"""Limits on a live service: a 50 MB body is refused quickly, without the server reading it
all; rate limiting is off by default and, when configured, answers 429 with a clear message."""

from __future__ import annotations

import select
import socket
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

FIFTY_MB = 50 * 1024 * 1024


def send_huge_body(base_url: str, chunked: bool, budget: float = 5.0) -> tuple[bytes, float, int]:
    """POST a 50 MB body to /v1/check over a raw socket, as fast as the server takes it.

    Returns (the start of the response, seconds until it began, body bytes sent by then).
    """
    url = urlsplit(base_url)
    sock = socket.create_connection((url.hostname, url.port), timeout=budget)
    head = (f"POST /v1/check HTTP/1.1\r\nHost: {url.netloc}\r\n"
            "Content-Type: application/json\r\n")
    head += "Transfer-Encoding: chunked\r\n" if chunked else f"Content-Length: {FIFTY_MB}\r\n"
    chunk = b'{"text": "' + b"a" * (64 * 1024 - 10)
    start = time.perf_counter()
    sent = 0
    try:
        sock.sendall((head + "\r\n").encode())
        sock.setblocking(False)
        while time.perf_counter() - start < budget:
            readable, writable, _ = select.select([sock], [sock] if sent < FIFTY_MB else [],
                                                  [], 0.05)
            if readable:
                break
            if writable:
                piece = chunk if not chunked else (
                    f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                try:
                    sock.send(piece)
                except (BrokenPipeError, ConnectionResetError, BlockingIOError):
                    continue
                sent += len(chunk)
        elapsed = time.perf_counter() - start
        return read_answer(sock), elapsed, sent
    finally:
        sock.close()


def read_answer(sock: socket.socket, timeout: float = 2.0) -> bytes:
    """Everything the server sends until it closes the connection (or `timeout` passes)."""
    sock.setblocking(True)
    sock.settimeout(timeout)
    answer = b""
    try:
        while chunk := sock.recv(65536):
            answer += chunk
            head, _, body = answer.partition(b"\r\n\r\n")
            length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                           if line.lower().startswith(b"content-length:")), None)
            if length is not None and len(body) >= length:
                break
    except (TimeoutError, ConnectionResetError):
        pass
    return answer


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_fifty_megabyte_body_is_refused_quickly(live_server: Any, chunked: bool) -> None:
    answer, elapsed, sent = send_huge_body(live_server.base_url, chunked)
    status_line = answer.split(b"\r\n", 1)[0]
    assert b" 413 " in status_line + b" ", f"got {status_line!r} after {elapsed:.2f}s"
    assert elapsed < 2.0, f"refusal took {elapsed:.2f}s"
    assert sent < FIFTY_MB // 2, f"the server read {sent} bytes before refusing"
    assert b'"code"' in answer and b'"message"' in answer
    # and it still serves
    ok = httpx.post(live_server.base_url + "/v1/check", json={"text": "Hej!"}, timeout=10)
    assert ok.status_code == 200


def test_text_over_the_limit_names_the_limit(live_server: Any) -> None:
    response = httpx.post(live_server.base_url + "/v1/check",
                          json={"text": "a " * 6_000}, timeout=10)
    assert response.status_code == 413
    body = response.json()
    assert body["code"] and "10" in body["message"]


def test_a_rate_limit_by_default(start_server: Callable[..., Any]) -> None:
    server = start_server()  # TONKOLL_RATE_LIMIT_PER_MINUTE unset: 300 a minute per client
    with httpx.Client(base_url=server.base_url, timeout=10) as client:
        codes = [client.post("/v1/check", json={"text": "Hej!"}).status_code
                 for _ in range(301)]
    assert codes == [200] * 300 + [429]


def test_rate_limit_when_configured(start_server: Callable[..., Any]) -> None:
    server = start_server(env={"TONKOLL_RATE_LIMIT_PER_MINUTE": "5",
                               "TONKOLL_API_TOKENS": "token-one,token-two"})
    one = {"Authorization": "Bearer token-one"}
    two = {"Authorization": "Bearer token-two"}
    with httpx.Client(base_url=server.base_url, timeout=10) as client:
        codes = [client.post("/v1/check", json={"text": "Hej!"}, headers=one).status_code
                 for _ in range(5)]
        assert codes == [200] * 5
        limited = client.post("/v1/check", json={"text": "Hej!"}, headers=one)
        assert limited.status_code == 429
        body = limited.json()
        assert body["code"] and body["message"]
        assert limited.headers.get("retry-after")
        assert client.get("/v1/health").status_code == 200  # health stays open
        # the limit is per token: another writer is not held back
        assert client.post("/v1/check", json={"text": "Hej!"}, headers=two).status_code == 200


def test_rate_limit_per_client_address_without_tokens(start_server: Callable[..., Any]) -> None:
    server = start_server(env={"TONKOLL_RATE_LIMIT_PER_MINUTE": "3"})
    with httpx.Client(base_url=server.base_url, timeout=10) as client:
        codes = [client.post("/v1/check", json={"text": "Hej!"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]

"""Pure ASGI middleware: a Host check with relative redirects, a body limit and read timeout
enforced before parsing, rate limiting, and a last-resort shield that turns an unexpected
exception into a calm 500.

Pure ASGI (not BaseHTTPMiddleware) so a body far over the limit is refused after reading at
most `max_bytes + 1` bytes, and so nothing here ever buffers or logs the draft.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

import anyio
from limits import RateLimitItemPerMinute
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import INTERNAL_MESSAGE, error_response, log_unexpected

BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def thousands(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


def host_name(scope: Scope) -> str | None:
    """The Host header's name, lower case, without port or IPv6 brackets (None if absent)."""
    raw: bytes | None = dict(scope["headers"]).get(b"host")
    if raw is None:
        return None
    host: str = raw.decode("latin-1").strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class HostGuard:
    """Answer 400 to a Host header that is not one of `allowed` (a DNS-rebinding page reaches
    127.0.0.1 under its own name), and make every redirect's Location a path on this host.

    Starlette's TrustedHostMiddleware would do the first, but it cuts "[::1]:8000" at the
    first colon and answers in plain English; the second it does not do."""

    def __init__(self, app: ASGIApp, allowed: list[str]) -> None:
        self.app = app
        self.any = "*" in allowed
        self.allowed = frozenset(h.strip().lower().strip("[]") for h in allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = host_name(scope)
        if not self.any and host is not None and host not in self.allowed:
            message = ("Tjänsten svarar inte under det här namnet. "
                       "IT kan lägga till det i TONKOLL_ALLOWED_HOSTS.")
            await error_response(400, "invalid_host", message)(scope, receive, send)
            return
        await self.app(scope, receive, _relative_redirects(send))


def _relative_redirects(send: Send) -> Send:
    async def relative(message: Message) -> None:
        if message["type"] == "http.response.start" and 300 <= message["status"] < 400:
            headers = []
            for name, value in message.get("headers", []):
                if name.lower() == b"location":
                    url = urlsplit(value.decode("latin-1"))
                    path = "/" + url.path.lstrip("/")  # never "//host": protocol-relative
                    value = (path + (f"?{url.query}" if url.query else "")).encode("latin-1")
                headers.append((name, value))
            message = {**message, "headers": headers}
        await send(message)

    return relative


class BodyLimit:
    """Refuse request bodies larger than `max_bytes` with 413, before the app parses them,
    and bodies that take longer than `timeout` seconds to arrive with 408."""

    def __init__(self, app: ASGIApp, max_bytes: int, max_chars: int,
                 timeout: float = 20.0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_chars = max_chars
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(scope, receive, send)
            return
        chunks: list[bytes] = []
        total = 0
        with anyio.move_on_after(self.timeout) as waited:
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                body = message.get("body", b"")
                total += len(body)
                if total > self.max_bytes:
                    await self._refuse(scope, receive, send)
                    return
                chunks.append(body)
                if not message.get("more_body", False):
                    break
        if waited.cancelled_caught:
            response = error_response(408, "request_timeout",
                                      "Förfrågan kom för långsamt. Försök igen.")
            response.headers["Connection"] = "close"
            await response(scope, receive, send)
            return
        await self.app(scope, _replay(b"".join(chunks), receive), send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        message = (
            f"Förfrågan är för stor. Texten får vara högst {thousands(self.max_chars)} tecken."
        )
        response = error_response(413, "body_too_large", message)
        response.headers["Connection"] = "close"
        await response(scope, receive, send)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


class RateLimit:
    """At most `per_minute` requests per client (address and token) to the guarded paths.

    Counts live in this worker's memory: with N workers a client can get up to N times the
    limit. For a strict global limit, limit at the load balancer.
    """

    def __init__(
        self,
        app: ASGIApp,
        per_minute: int,
        prefix: str = "/v1/",
        open_paths: frozenset[str] = frozenset({"/v1/health"}),
    ) -> None:
        self.app = app
        self.item = RateLimitItemPerMinute(per_minute)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())
        self.prefix = prefix
        self.open_paths = open_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] != "OPTIONS"
            and scope["path"].startswith(self.prefix)
            and scope["path"] not in self.open_paths
            and not self.limiter.hit(self.item, client_key(scope))
        ):
            response = error_response(
                429, "rate_limited", "För många förfrågningar. Vänta en stund och försök igen."
            )
            response.headers["Retry-After"] = "60"
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def client_key(scope: Scope) -> str:
    """The client's address and its bearer token (hashed, never kept in clear): a token that
    IT shares among all staff must not become one budget for everyone."""
    client = scope.get("client")
    key = "addr:" + (client[0] if client else "unknown")
    auth = dict(scope["headers"]).get(b"authorization", b"")
    scheme, _, token = auth.partition(b" ")
    if scheme.lower() == b"bearer" and token.strip():
        key += " token:" + hashlib.sha256(token.strip()).hexdigest()[:24]
    return key


class ErrorShield:
    """Catch what escaped every handler: log its type and frames (never its message, which
    could quote a draft) and answer 500 with a calm Swedish message."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            log_unexpected(exc, f"{scope['method']} {scope['path']}")
            if not started:
                await error_response(500, "internal_error", INTERNAL_MESSAGE)(scope, receive, send)

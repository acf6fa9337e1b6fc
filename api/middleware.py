"""Pure ASGI middleware: a body limit enforced before parsing, optional rate limiting,
and a last-resort shield that turns an unexpected exception into a calm 500.

Pure ASGI (not BaseHTTPMiddleware) so a body far over the limit is refused after reading at
most `max_bytes + 1` bytes, and so nothing here ever buffers or logs the draft.
"""

from __future__ import annotations

import hashlib

from limits import RateLimitItemPerMinute
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import INTERNAL_MESSAGE, error_response, log_unexpected

BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def thousands(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


class BodyLimit:
    """Refuse request bodies larger than `max_bytes` with 413, before the app parses them."""

    def __init__(self, app: ASGIApp, max_bytes: int, max_chars: int) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_chars = max_chars

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

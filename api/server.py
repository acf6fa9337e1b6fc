"""The HTTP protocol `tonkoll serve` gives uvicorn: its own httptools protocol plus a header
read timeout, which uvicorn lacks (issue 13).

uvicorn closes an idle kept-alive connection after `timeout_keep_alive`, but a connection that
sends nothing, or trickles its request headers a byte at a time (slowloris), stays open for
ever. Here the headers of every request must be complete within TONKOLL_HEADER_TIMEOUT
seconds of the connection opening or of the request's first byte; otherwise the connection is
closed. The body has its own timeout in api.middleware.BodyLimit.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from tonkoll.config import get_settings

PROTOCOL = "api.server:HeaderTimeoutProtocol"  # what `tonkoll serve` passes as uvicorn's http


class HeaderTimeoutProtocol(HttpToolsProtocol):
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm()  # every request on a kept-alive connection gets the same time

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(get_settings().header_timeout, self._expire)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _expire(self) -> None:
        self._header_timer = None
        if not self.transport.is_closing():
            self.transport.close()

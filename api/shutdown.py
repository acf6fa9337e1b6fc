"""Graceful shutdown: on SIGTERM readiness fails first, then uvicorn stops taking connections
and lets the requests in flight finish.

Told to stop, uvicorn closes its listening socket at once. A load balancer (HAProxy, a
Kubernetes Service) learns that an instance is leaving from its health checks, or on Kubernetes
from an endpoint update that takes a moment to reach every node; until then it keeps sending
requests, which would meet a closed port. So the first SIGTERM only marks the worker
`stopping`: `/v1/health` answers 503 while every other route keeps answering, for
TONKOLL_SHUTDOWN_DELAY seconds. Then the signal goes on to uvicorn, which stops accepting,
finishes the requests in flight within TONKOLL_SHUTDOWN_GRACE seconds (its
`timeout_graceful_shutdown`, set by `tonkoll serve`) and exits. SIGINT (Ctrl-C) goes straight
on; a second SIGTERM changes nothing.

Every worker process does this for itself: with `--workers N` uvicorn's supervisor passes
SIGTERM on to each worker and waits for them.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

log = logging.getLogger("tonkoll.web")

Handler = Callable[[int, FrameType | None], Any] | int | None


class Drain:
    """The worker's shutdown state: `stopping` turns true at the first SIGTERM."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.stopping = False
        self._previous: Handler = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def install(self) -> bool:
        """Take SIGTERM over from whoever holds it (uvicorn's server). Call from the event loop;
        False where signals cannot be caught (not the main thread, as under TestClient)."""
        if threading.current_thread() is not threading.main_thread():
            return False
        self._loop = asyncio.get_running_loop()
        self._previous = signal.signal(signal.SIGTERM, self._on_sigterm)
        return True

    def uninstall(self) -> None:
        """Give SIGTERM back, if it is still ours."""
        if self._loop is None or threading.current_thread() is not threading.main_thread():
            return
        if signal.getsignal(signal.SIGTERM) == self._on_sigterm:
            signal.signal(signal.SIGTERM, self._previous)
        self._loop = None

    def _on_sigterm(self, signum: int, frame: FrameType | None) -> None:
        if self.stopping:
            # Already draining. A second SIGTERM is common, not a hurry: a process-group kill
            # (systemd's default KillMode, `kill -- -PGID`) reaches the worker directly and
            # again through uvicorn's supervisor. SIGINT or SIGKILL cut the drain short.
            return
        if self.delay <= 0 or self._loop is None:
            self._pass_on(signum)
            return
        self.stopping = True
        log.info("SIGTERM: /v1/health answers 503 for %.1f s, then no new requests are taken "
                 "and those in flight finish", self.delay)
        # A signal handler runs between two bytecodes of the loop's thread: hand over safely.
        self._loop.call_soon_threadsafe(self._loop.call_later, self.delay, self._pass_on, signum)

    def _pass_on(self, signum: int) -> None:
        self.stopping = True
        previous = self._previous
        if callable(previous):
            previous(signum, None)  # uvicorn: stop accepting, finish in flight, exit
        elif previous != signal.SIG_IGN:  # the default action: end the process
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)

"""FeedbackStore: the service's handle on the feedback database.

It migrates on start, but a database that is down never stops the service: /v1/check keeps
working, feedback is refused with a clear error, and the store tries again (at most every
RETRY_SECONDS) on the next request. Days past the retention are deleted once a day.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from datetime import date

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from tonkoll.feedback.counters import cleanup, record, today
from tonkoll.feedback.database import DatabaseError, make_engine, safe_url, upgrade
from tonkoll.feedback.events import CounterKey

log = logging.getLogger("tonkoll.feedback")

RETRY_SECONDS = 30.0


class FeedbackStore:
    def __init__(self, url: str, keep_days: int) -> None:
        self.url = url
        self.keep_days = keep_days
        self.error: str | None = None
        self._engine: Engine | None = None
        self._tried = 0.0
        self._cleaned: date | None = None
        self._lock = threading.Lock()
        # SQLite has one writer at a time; threads of this worker queue here, in order, rather
        # than in SQLite's busy handler, which retries with growing sleeps (a long p99 tail).
        self._write_lock = threading.Lock() if url.startswith("sqlite") else None

    def open(self) -> bool:
        """Migrate to the newest schema and connect; False (and logged) when it cannot."""
        with self._lock:
            self._tried = time.monotonic()
            try:
                upgrade(self.url)
                self._engine = make_engine(self.url)
                self.error = None
            except DatabaseError as exc:
                self.error = str(exc)
                log.error("feedback database unavailable: %s", exc)
                return False
        log.info("feedback database ready: %s", safe_url(self.url))
        self._maybe_cleanup()
        return True

    @property
    def engine(self) -> Engine:
        """The engine, reopening a database that was down (at most every RETRY_SECONDS)."""
        if self._engine is None and time.monotonic() - self._tried >= RETRY_SECONDS:
            self.open()
        if self._engine is None:
            raise DatabaseError(self.error or "databasen är inte öppen")
        return self._engine

    def add(self, totals: Counter[CounterKey]) -> int:
        try:
            if self._write_lock is not None:
                with self._write_lock:
                    added = record(self.engine, totals)
            else:
                added = record(self.engine, totals)
        except SQLAlchemyError as exc:
            raise DatabaseError(f"kunde inte spara i {safe_url(self.url)} "
                                f"({type(exc).__name__})") from exc
        self._maybe_cleanup()
        return added

    def _maybe_cleanup(self) -> None:
        day = today()
        if self._cleaned == day or self._engine is None:
            return
        self._cleaned = day
        try:
            removed = cleanup(self._engine, self.keep_days)
        except SQLAlchemyError as exc:
            log.error("feedback cleanup failed: %s", type(exc).__name__)
            return
        if removed:
            log.info("feedback cleanup: %d rows older than %d days deleted", removed,
                     self.keep_days)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

"""RuleStore: the current rule book, swapped atomically; a failed reload keeps the last good one.

File watching belongs to the service; it calls ``reload()``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from tonkoll.rulebook.errors import RuleError
from tonkoll.rulebook.loader import load_rulebook
from tonkoll.rulebook.model import Rulebook

log = logging.getLogger("tonkoll.rules")


class RuleStore:
    """Thread-safe holder of the current Rulebook.

    The constructor loads the rules and raises RuleError when they are broken (there is no
    last good book yet). Readers take ``store.current`` once per request and use that object.
    """

    def __init__(self, dirs: Iterable[Path | str]) -> None:
        self.dirs: tuple[Path, ...] = tuple(Path(d) for d in dirs)
        self._lock = threading.Lock()
        self.last_error: str | None = None
        self._current: Rulebook = load_rulebook(self.dirs)
        self.loaded_at: datetime = datetime.now(UTC)
        log.info("rules loaded: %d rules, version %s", len(self._current),
                 self._current.version)

    @property
    def current(self) -> Rulebook:
        return self._current  # a single reference read: atomic under the GIL

    def reload(self) -> bool:
        """Load again; True when the new book is in use, False when the last good one stays."""
        with self._lock:
            try:
                book = load_rulebook(self.dirs)
            except RuleError as exc:
                self.last_error = str(exc)
                log.warning("rules not reloaded, keeping version %s: %s",
                            self._current.version, self.last_error)
                return False
            except Exception as exc:  # noqa: BLE001 - never lose the last good book
                self.last_error = f"oväntat fel vid laddning: {type(exc).__name__}: {exc}"
                log.exception("rules not reloaded, keeping version %s", self._current.version)
                return False
            self._current = book
            self.loaded_at = datetime.now(UTC)
            self.last_error = None
            log.info("rules reloaded: %d rules, version %s", len(book), book.version)
            return True

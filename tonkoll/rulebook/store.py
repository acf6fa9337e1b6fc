"""RuleStore: the current rule book, swapped atomically; a failed reload keeps the last good one.

File watching belongs to the service; it calls ``reload()``. Besides the loader's own checks
the store refuses (issue 13) a rule directory it cannot read, a `.yaml` file (rule files end
in `.yml`; one saved as `.yaml` would otherwise be silently ignored) and, on reload, a book
that lost a language folder it had or that has no rules at all: health turns "degraded" with
the reason and the last good book keeps serving.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from tonkoll.rulebook.errors import RuleError
from tonkoll.rulebook.loader import LANGUAGES, load_rulebook
from tonkoll.rulebook.model import Rulebook

log = logging.getLogger("tonkoll.rules")


def _readable(folder: Path) -> bool:
    try:
        os.listdir(folder)
    except OSError:
        return False
    return os.access(folder, os.R_OK | os.X_OK)


def language_folders(dirs: Iterable[Path]) -> frozenset[Path]:
    """The language folders (`<dir>/sv`, `<dir>/en`, or a dir named sv/en) present now."""
    found: set[Path] = set()
    for root in dirs:
        if root.name in LANGUAGES and root.is_dir():
            found.add(root)
        found.update(root / lang for lang in LANGUAGES if (root / lang).is_dir())
    return frozenset(found)


def check_folders(dirs: Iterable[Path], expected: frozenset[Path] = frozenset()) -> None:
    """RuleError for an unreadable rule directory or language folder, a language folder in
    `expected` that is gone, or a `.yaml` file where rule files are read."""
    dirs = tuple(dirs)
    for folder in sorted(expected):
        if not folder.is_dir():
            raise RuleError(folder, 1, f"mappen {folder.name}/ finns inte längre; den hade "
                                       "regler (starta om tjänsten om den togs bort med flit)")
    for folder in (*dirs, *sorted(language_folders(dirs))):
        if folder.is_dir() and not _readable(folder):
            raise RuleError(folder, 1, "mappen går inte att läsa (kontrollera behörigheterna)")
        for wrong in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
            raise RuleError(wrong, 1, f"regelfiler ska sluta på .yml: byt namn till "
                                      f"{wrong.stem}.yml (filen läses inte annars)")


class RuleStore:
    """Thread-safe holder of the current Rulebook.

    The constructor loads the rules and raises RuleError when they are broken (there is no
    last good book yet). Readers take ``store.current`` once per request and use that object.
    """

    def __init__(self, dirs: Iterable[Path | str]) -> None:
        self.dirs: tuple[Path, ...] = tuple(Path(d) for d in dirs)
        self._lock = threading.Lock()
        self.last_error: str | None = None
        check_folders(self.dirs)
        self._folders = language_folders(self.dirs)
        self._current: Rulebook = load_rulebook(self.dirs)
        self.loaded_at: datetime = datetime.now(UTC)
        log.info("rules loaded: %d rules, version %s", len(self._current),
                 self._current.version)

    @property
    def current(self) -> Rulebook:
        return self._current  # a single reference read: atomic under the GIL

    def _load(self) -> tuple[Rulebook, frozenset[Path]]:
        check_folders(self.dirs, self._folders)
        folders = language_folders(self.dirs)
        book = load_rulebook(self.dirs)
        if not book.rules:
            raise RuleError(self.dirs[0], 1, "inga regler hittades i regelkatalogerna")
        return book, folders

    def reload(self) -> bool:
        """Load again; True when the new book is in use, False when the last good one stays."""
        with self._lock:
            try:
                book, folders = self._load()
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
            self._folders = folders
            self.loaded_at = datetime.now(UTC)
            self.last_error = None
            log.info("rules reloaded: %d rules, version %s", len(book), book.version)
            return True

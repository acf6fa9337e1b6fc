"""Watch the rule directories and reload the rule book when a file changes.

A stat poll every `interval` seconds (0.5 s by default), not inotify: polling also sees
changes on bind-mounted volumes and network shares, where file events often never arrive,
and it costs a few dozen `stat` calls per tick. Each worker process runs its own watcher;
`RuleStore.reload()` swaps one reference, so a request sees the old book or the new one,
never half of one. A refused reload keeps the last good book.
"""

from __future__ import annotations

import logging
import stat
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

log = logging.getLogger("tonkoll.rules")

RULE_SUFFIXES = (".yml", ".yaml")

Fingerprint = tuple[tuple[str, int, int, int], ...]


class Reloadable(Protocol):
    @property
    def last_error(self) -> object: ...

    def reload(self) -> bool: ...


def fingerprint(dirs: Iterable[Path]) -> Fingerprint:
    """Every rule file under `dirs` with its modification time, size and mode, and every
    folder with its mode: a file or folder made unreadable (chmod changes neither mtime nor
    size) is noticed at the next poll, not at the next edit (issue 13)."""
    seen: list[tuple[str, int, int, int]] = []
    for root in dirs:
        if not root.is_dir():
            continue
        for path in (root, *root.rglob("*")):
            try:
                st = path.stat()
            except OSError:
                continue
            if stat.S_ISDIR(st.st_mode):
                seen.append((str(path) + "/", 0, 0, st.st_mode))
            elif path.suffix in RULE_SUFFIXES:
                seen.append((str(path), st.st_mtime_ns, st.st_size, st.st_mode))
    return tuple(sorted(seen))


class RuleWatcher:
    """A daemon thread that reloads `store` whenever the files under `dirs` change."""

    def __init__(
        self,
        store: Reloadable,
        dirs: list[Path],
        interval: float = 0.5,
        seen: Fingerprint | None = None,
    ) -> None:
        self.store = store
        self.dirs = dirs
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._seen = fingerprint(dirs) if seen is None else seen

    def start(self) -> None:
        if self.interval <= 0 or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="tonkoll-rule-watcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def poll(self) -> bool | None:
        """Reload if anything changed since the last poll. None when nothing changed."""
        now = fingerprint(self.dirs)
        if now == self._seen:
            return None
        self._seen = now
        ok = self.store.reload()  # the store logs `file:line: what` when it refuses
        log.debug("rule files changed; reload %s", "used" if ok else "refused")
        return ok

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.poll()
            except Exception:  # noqa: BLE001 - the watcher must outlive any surprise
                log.exception("rule watcher failed; trying again on the next tick")

"""RuleError: one clear line, ``file:line: what is wrong``."""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: Path | str) -> str:
    """A path as people see it: relative to the working directory when it lies below it."""
    p = Path(path)
    try:
        rel = os.path.relpath(p)
    except ValueError:
        return str(p)
    return str(p) if rel.startswith("..") else rel


class RuleError(Exception):
    """A broken rule file. ``str(err) == "rules/sv/x.yml:14: message"`` (one line)."""

    def __init__(self, file: Path | str, line: int, message: str) -> None:
        self.file = display_path(file)
        self.line = max(1, int(line))
        self.message = " ".join(str(message).split())  # always exactly one line
        super().__init__(f"{self.file}:{self.line}: {self.message}")

"""Shared helpers for the CLI: where the rules are, reading input, one-line errors."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from tonkoll.rulebook.errors import RuleError, display_path
from tonkoll.rulebook.loader import load_rulebook
from tonkoll.rulebook.model import Rulebook

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2


class CliError(Exception):
    """A user-facing error: printed as one line, exit code 2."""


def default_rules_dirs() -> list[Path]:
    """TONKOLL_RULES_DIRS (':'-separated), else the repo's bundled rules/, else ./rules."""
    env = os.environ.get("TONKOLL_RULES_DIRS", "")
    dirs = [Path(p.strip()) for p in env.split(":") if p.strip()]
    if dirs:
        return dirs
    bundled = Path(__file__).resolve().parent.parent.parent / "rules"
    if bundled.is_dir():
        return [bundled]
    return [Path.cwd() / "rules"]


def rules_dirs(given: Sequence[str] | None) -> list[Path]:
    return [Path(d) for d in given] if given else default_rules_dirs()


def load(given: Sequence[str] | None, run_examples: bool = True) -> Rulebook:
    """Load the rule book or raise CliError with the rule error's one line."""
    try:
        return load_rulebook(rules_dirs(given), run_examples=run_examples)
    except RuleError as exc:
        raise CliError(str(exc)) from None


def read_text(source: str) -> str:
    """The contents of FILE, or of stdin for '-'; CliError when unreadable or not UTF-8."""
    try:
        if source == "-":
            data = sys.stdin.buffer.read()
        else:
            data = Path(source).read_bytes()
    except OSError as exc:
        raise CliError(f"{display_path(source)}: kan inte läsa filen ({exc.strerror or exc})") \
            from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        name = "stdin" if source == "-" else display_path(source)
        raise CliError(f"{name}:{line}: texten är inte UTF-8") from None


def open_lines(source: str) -> list[str]:
    """All lines of FILE or stdin (for --jsonl and eval)."""
    return read_text(source).splitlines()


def jsonl_records(lines: Iterable[str], name: str | None = None,
                  ) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; a bad line is one CliError naming it (and
    the file, when `name` is given)."""
    where = f"{display_path(name)}: " if name else ""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CliError(f"{where}rad {number}: ogiltig JSON ({exc.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise CliError(f"{where}rad {number}: objektet saknar fältet \"text\" (en sträng)")
        yield number, record

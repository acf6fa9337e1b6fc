"""tonkoll rules docs: write (or check) the Markdown rule reference (tonkoll.rulebook.reference)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from tonkoll.commands.common import EXIT_FAIL, EXIT_OK, CliError, load
from tonkoll.rulebook.reference import generate


def run_docs(rules: list[str] | None, out_path: str, check_only: bool,
             out: TextIO | None = None) -> int:
    """Write (or with --check, compare) the reference."""
    out = out or sys.stdout
    text = generate(load(rules, run_examples=False))
    target = Path(out_path)
    if check_only:
        try:
            current = target.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != text:
            out.write(f"{target} är inaktuell: kör `tonkoll rules docs --out {target}`\n")
            return EXIT_FAIL
        out.write(f"{target} är aktuell\n")
        return EXIT_OK
    if out_path == "-":
        out.write(text)
        return EXIT_OK
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CliError(f"{target}: kan inte skriva filen ({exc.strerror or exc})") from None
    out.write(f"Skrev {target}\n")
    return EXIT_OK

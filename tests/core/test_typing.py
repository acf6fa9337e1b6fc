"""The core (engine, rule book, text, CLI) passes `mypy --strict`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ["tonkoll/text", "tonkoll/engine", "tonkoll/rulebook", "tonkoll/commands", "tonkoll/cli.py",
        "tonkoll/feedback",
        "tonkoll/findings.py"]


def test_core_is_strictly_typed() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--ignore-missing-imports",
         "--no-error-summary", *CORE],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr

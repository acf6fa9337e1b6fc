"""docs/architecture.md's module table lists exactly the Python modules of tonkoll/ and api/."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROW = re.compile(r"^\| `((?:tonkoll|api)/[\w/]+\.py)` \| .+ \|$", re.MULTILINE)


def test_module_table_matches_the_tree() -> None:
    documented = set(ROW.findall((ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")))
    actual = {
        path.relative_to(ROOT).as_posix()
        for package in ("tonkoll", "api")
        for path in (ROOT / package).rglob("*.py")
        if path.name != "__init__.py"
    }
    missing, stale = sorted(actual - documented), sorted(documented - actual)
    assert not missing, f"modules missing from docs/architecture.md: {missing}"
    assert not stale, f"docs/architecture.md names modules that do not exist: {stale}"

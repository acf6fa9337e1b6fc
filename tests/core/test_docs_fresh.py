"""docs/rules.md must equal what `tonkoll rules docs` generates from the bundled rules now."""

from __future__ import annotations

from pathlib import Path

from tonkoll.rulebook.loader import load_rulebook
from tonkoll.rulebook.reference import generate

ROOT = Path(__file__).resolve().parents[2]


def test_rule_reference_is_fresh() -> None:
    expected = generate(load_rulebook([ROOT / "rules"], run_examples=False))
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == expected, "docs/rules.md is stale: run `tonkoll rules docs`"

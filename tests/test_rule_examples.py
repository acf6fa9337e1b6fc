"""One pytest case per example of the bundled rules (ids like ``klarsprak.erhalla-bad-0``).

Collects cleanly (zero cases) while rules/ holds no rule files yet.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from tonkoll.rulebook.examples import run_example
from tonkoll.rulebook.loader import load_rulebook, rule_files
from tonkoll.rulebook.model import Rulebook

RULES = Path(__file__).resolve().parent.parent / "rules"


@cache
def bundled() -> Rulebook:
    # Examples run one by one below, so a single failure shows as a single failed case.
    return load_rulebook([RULES], run_examples=False)


def cases() -> list[tuple[str, str, int]]:
    if not RULES.is_dir() or not rule_files(RULES):
        return []
    return [
        (rule.id, kind, index)
        for rule in bundled().rules
        if rule.enabled
        for kind in ("bad", "good")
        for index in range(len(getattr(rule.spec.examples, kind)))
    ]


@pytest.mark.parametrize(("rule_id", "kind", "index"), cases(),
                         ids=[f"{r}-{k}-{i}" for r, k, i in cases()])
def test_example(rule_id: str, kind: str, index: int) -> None:
    book = bundled()
    rule = book.by_id(rule_id)
    assert rule is not None
    result = run_example(book, rule, kind, index)
    assert result.ok, f"{rule.file}:{result.line}: {result.case_id}: {result.detail}"

"""Helpers for issue 12 (advice quality): the bundled rules on real sentences quoted in the
issue."""

from __future__ import annotations

from pathlib import Path

from tonkoll.engine import check
from tonkoll.findings import Report
from tonkoll.rulebook.model import Rulebook

RULES = Path(__file__).resolve().parent.parent.parent / "rules"


def spans_of(report: Report, rule_id: str) -> list[str]:
    return [s.text for f in report.findings if f.rule_id == rule_id for s in f.spans]


def run(book: Rulebook, text: str, language: str = "sv", channel: str = "generic") -> Report:
    return check(text, book, language=language, channel=channel)

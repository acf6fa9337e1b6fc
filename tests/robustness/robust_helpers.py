"""Helpers for the robustness tests: rule files written on the fly, UTF-16 span checks."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
RULES_DIR = ROOT / "rules"
# An exact quote from docs/handbook (rules must quote the handbook).
HANDBOOK_QUOTE = "Användarna på sociala medier vill inte möta en trist myndighet"


def rule_file(theme: str, rules_yaml: str) -> str:
    """A rule file for `theme` whose `rules:` list is the given (already indented) YAML."""
    return f"theme: {theme}\nrules:\n{rules_yaml}"


def pattern_rule(rule_id: str, pattern: str, bad: str, good: str) -> str:
    """One pattern rule as YAML list item (two-space indent). `pattern` is single-quoted."""
    quoted = pattern.replace("'", "''")
    return (
        f"  - id: {rule_id}\n"
        f"    kind: pattern\n"
        f"    level: hint\n"
        f"    message: \"Titta på ”{{match}}”.\"\n"
        f"    explanation: \"En regel som bara finns i ett test.\"\n"
        f"    handbook: \"{HANDBOOK_QUOTE}\"\n"
        f"    pattern: '{quoted}'\n"
        f"    examples:\n"
        f"      bad: [\"{bad}\"]\n"
        f"      good: [\"{good}\"]\n"
    )


def existence_rule(rule_id: str, phrase: str, bad: str, good: str) -> str:
    """One existence rule as a YAML list item (two-space indent)."""
    return (
        f"  - id: {rule_id}\n"
        f"    kind: existence\n"
        f"    level: hint\n"
        f"    message: \"Testregel: ”{{match}}”.\"\n"
        f"    explanation: \"En regel som bara finns i ett test.\"\n"
        f"    handbook: \"{HANDBOOK_QUOTE}\"\n"
        f"    phrases: [\"{phrase}\"]\n"
        f"    examples:\n"
        f"      bad: [\"{bad}\"]\n"
        f"      good: [\"{good}\"]\n"
    )


def assert_spans_in_text(text: str, item: dict[str, Any] | Any) -> None:
    """Code-point spans (engine findings, as objects) lie inside `text` and equal their text."""
    assert 0 <= item.offset <= item.offset + item.length <= len(text)
    assert text[item.offset:item.offset + item.length] == item.matched
    for span in item.spans:
        assert 0 <= span.offset <= span.offset + span.length <= len(text)
        assert text[span.offset:span.offset + span.length] == span.text


def utf16_slice(text: str, offset: int, length: int) -> str:
    """`text.substring(offset, offset + length)` as JavaScript counts (UTF-16 code units)."""
    units = text.encode("utf-16-le", "surrogatepass")
    assert 0 <= offset and offset + length <= len(units) // 2, "span outside the text"
    return units[2 * offset:2 * (offset + length)].decode("utf-16-le", "surrogatepass")


def assert_utf16_spans(text: str, report: dict[str, Any]) -> None:
    """Every finding and strength of an HTTP report has valid UTF-16 spans."""
    for item in [*report["findings"], *report["strengths"]]:
        assert utf16_slice(text, item["offset"], item["length"]) == item["matched"]
        for span in item["spans"]:
            assert utf16_slice(text, span["offset"], span["length"]) == span["text"]


def wait_for(predicate: Callable[[], Any], timeout: float = 10.0, step: float = 0.1) -> Any:
    """Poll `predicate` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(step)
    raise AssertionError(f"condition not met within {timeout}s (last value: {last!r})")

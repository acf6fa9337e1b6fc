"""selftest: run every rule's examples. ``bad`` must fire (on the [[…]] span), ``good`` not.

Used by the loader (a failing example refuses the book), the test suite (one pytest case per
example) and `tonkoll rules test`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tonkoll.engine.check import check
from tonkoll.engine.kinds.registry import kind_named
from tonkoll.rulebook.errors import RuleError
from tonkoll.rulebook.marked import parse_marked
from tonkoll.rulebook.model import LoadedRule, Rulebook

__all__ = ["ExampleResult", "first_failure", "parse_marked", "run_example", "selftest"]


@dataclass(frozen=True, slots=True)
class ExampleResult:
    rule_id: str
    case_id: str  # e.g. "klarsprak.erhalla-bad-0"
    ok: bool
    detail: str  # Swedish, one line; empty when ok
    file: Path | None = None
    line: int = 0
    text: str = ""


def _channel(rule: LoadedRule) -> str:
    return rule.spec.channels[0] if rule.spec.channels else "generic"


def run_example(book: Rulebook, rule: LoadedRule, kind: str, index: int) -> ExampleResult:
    """Run one example of one rule."""
    examples = rule.spec.examples.bad if kind == "bad" else rule.spec.examples.good
    raw = examples[index]
    case_id = f"{rule.id}-{kind}-{index}"
    line = rule.example_lines.get((kind, index), rule.line)

    def result(ok: bool, detail: str = "", text: str = raw) -> ExampleResult:
        return ExampleResult(rule.id, case_id, ok, detail, rule.file, line, text)

    try:
        text, marked = parse_marked(raw)
    except ValueError as exc:
        return result(False, str(exc))
    # Kinds that find words must be told which; metrics and absences are about sentences or the
    # whole post and may leave the marker out ("fires somewhere").
    if kind == "bad" and not marked and kind_named(rule.kind).finds_words:
        return result(False, "markera med [[…]] exakt vad regeln ska hitta", text)
    others = frozenset(r.id for r in book.rules if r.id != rule.id)  # the rule on its own
    report = check(text, book, language=rule.language, channel=_channel(rule), disabled=others)
    mine = [f for f in (*report.findings, *report.strengths) if f.rule_id == rule.id]
    found = sorted({(s.offset, s.offset + s.length) for f in mine for s in f.spans})
    shown = ", ".join(f"”{text[a:b]}”" for a, b in found) or "ingenting"
    if kind == "good":
        if mine:
            return result(False, f"regeln ska vara tyst men hittade {shown}", text)
        return result(True, "", text)
    if not mine:
        return result(False, "regeln hittade ingenting", text)
    missing = [(a, b) for a, b in marked if (a, b) not in found]
    if missing:
        want = ", ".join(f"”{text[a:b]}”" for a, b in missing)
        return result(False, f"regeln skulle hitta {want} men hittade {shown}", text)
    return result(True, "", text)


def selftest(book: Rulebook, rule_ids: set[str] | None = None) -> list[ExampleResult]:
    """Run every example of every enabled rule (or of ``rule_ids``)."""
    results: list[ExampleResult] = []
    for rule in book.rules:
        if not rule.enabled or (rule_ids is not None and rule.id not in rule_ids):
            continue
        for kind in ("bad", "good"):
            count = len(rule.spec.examples.bad if kind == "bad" else rule.spec.examples.good)
            for index in range(count):
                results.append(run_example(book, rule, kind, index))
    return results


def first_failure(results: list[ExampleResult]) -> RuleError | None:
    """The error that refuses a book (or a tried rule) whose examples fail: the first failure."""
    for result in results:
        if not result.ok:
            return RuleError(result.file or "?", result.line,
                             f"exemplet {result.case_id} ({result.text!r}): {result.detail}")
    return None

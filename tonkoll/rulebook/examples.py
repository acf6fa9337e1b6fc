"""selftest: run every rule's examples. ``bad`` must fire (on the [[…]] span), ``good`` not.

Used by the loader (a failing example refuses the book), the test suite (one pytest case per
example) and `tonkoll rules test`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tonkoll.engine.check import check
from tonkoll.engine.kinds.registry import kind_named
from tonkoll.findings import Finding
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
    correction = rule.spec.examples.correction(index)
    if correction is not None:
        fixed = corrected(text, mine, marked)
        if fixed is None:
            return result(False, "exemplet har correction: men regeln ger ingen ersättning",
                          text)
        if fixed != correction:
            return result(False, f"med ersättningen blir det ”{fixed}”, inte ”{correction}”",
                          text)
    return result(True, "", text)


def corrected(text: str, mine: list[Finding], marked: list[tuple[int, int]]) -> str | None:
    """The text after the first replacement of the first finding on the first marked span is
    put in place; None when that finding has no replacement."""
    first = marked[0] if marked else None
    for f in mine:
        if first is None or any((s.offset, s.offset + s.length) == first for s in f.spans):
            if not f.replacements:
                return None
            return text[:f.offset] + f.replacements[0] + text[f.offset + f.length:]
    return None


def offers_replacements(book: Rulebook, rule: LoadedRule) -> bool:
    """Whether a rule can give replacements (it then needs two examples with correction:)."""
    from tonkoll.engine.replace import rewrite

    if rewrite is not None and rule.id in rewrite.RULE_IDS:
        return True
    plan = book.plans.get(rule.language)
    texts = plan.texts.get(rule.index) if plan is not None else None
    return bool(texts and any(any(values for _tag, values in readings)
                              for table in texts.replace_by_entry
                              for readings in table.values()))


MIN_CORRECTIONS = 2


def corrections_result(book: Rulebook, rule: LoadedRule) -> ExampleResult | None:
    """A failing result when a rule that offers replacements has too few corrected examples."""
    if not offers_replacements(book, rule):
        return None
    have = sum(c is not None for c in rule.spec.examples.corrections)
    if have >= MIN_CORRECTIONS:
        return None
    return ExampleResult(
        rule.id, f"{rule.id}-correction", False,
        f"regeln ger ersättningar: ge minst {MIN_CORRECTIONS} dåliga exempel med correction: "
        f"(har {have}), t.ex. - {{text: \"Du [[erhåller]] svar.\", correction: \"Du får svar.\"}}",
        rule.file, rule.line, "")


def selftest(book: Rulebook, rule_ids: set[str] | None = None,
             require_corrections: bool = False) -> list[ExampleResult]:
    """Run every example of every enabled rule (or of ``rule_ids``). With
    ``require_corrections`` (`tonkoll rules test`), a rule that offers replacements also needs
    MIN_CORRECTIONS bad examples with correction: (the loader does not refuse a book for it)."""
    results: list[ExampleResult] = []
    for rule in book.rules:
        if not rule.enabled or (rule_ids is not None and rule.id not in rule_ids):
            continue
        for kind in ("bad", "good"):
            count = len(rule.spec.examples.bad if kind == "bad" else rule.spec.examples.good)
            for index in range(count):
                results.append(run_example(book, rule, kind, index))
        missing = corrections_result(book, rule) if require_corrections else None
        if missing is not None:
            results.append(missing)
    return results


def first_failure(results: list[ExampleResult]) -> RuleError | None:
    """The error that refuses a book (or a tried rule) whose examples fail: the first failure."""
    for result in results:
        if not result.ok:
            return RuleError(result.file or "?", result.line,
                             f"exemplet {result.case_id} ({result.text!r}): {result.detail}")
    return None

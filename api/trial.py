"""POST /v1/rules/try: load a rule written in YAML from the request, run its own examples and
check some sentences with it. Everything happens in memory; nothing is written to disk.

Loading is the loader's own path (tonkoll.rulebook.loader.load_rules_text: safe YAML, schema,
compile, language, ids) and a failing example is refused with the loader's own message, so a
rule tried here and the same rule in the rule directory can never disagree.
"""

from __future__ import annotations

from api.convert import Utf16Offsets, finding_out
from api.schemas import ExampleOut, SentenceOut, TriedRuleOut, TryErrorOut, TryResponse
from tonkoll.engine import check
from tonkoll.rulebook.errors import RuleError
from tonkoll.rulebook.examples import first_failure, selftest
from tonkoll.rulebook.loader import load_rules_text


def try_rule(text: str, sentences: list[str], language: str) -> TryResponse:
    """Does the rule load, do its examples pass, and what does it find in `sentences`?"""
    try:
        book = load_rules_text(text, language, run_examples=False)
    except RuleError as exc:
        return TryResponse(
            ok=False, error=TryErrorOut(line=exc.line, message=exc.message), rules=[], results=[]
        )
    examples = selftest(book)  # every example, for the list; the loader stops at the first
    failure = first_failure(examples)
    tried = [
        TriedRuleOut(
            id=rule.id,
            examples_ok=all(e.ok for e in examples if e.rule_id == rule.id),
            examples=[
                ExampleOut(case_id=e.case_id, ok=e.ok, detail=e.detail)
                for e in examples
                if e.rule_id == rule.id
            ],
        )
        for rule in book.rules
    ]
    channel = next((c for r in book.rules for c in r.spec.channels), "generic")
    results = []
    for sentence in sentences:
        report = check(sentence, book, language=language, channel=channel)
        units = Utf16Offsets(sentence)
        found = [finding_out(f, units) for f in (*report.findings, *report.strengths)]
        results.append(SentenceOut(sentence=sentence, findings=found))
    return TryResponse(
        ok=failure is None,
        error=None if failure is None else TryErrorOut(line=failure.line, message=failure.message),
        rules=tried,
        results=results,
    )

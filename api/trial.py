"""POST /v1/rules/try: load a rule written in YAML from the request, run its own examples and
check some sentences with it. Everything happens in memory; nothing is written to disk.

Reuses the core's safe YAML reader (no aliases, bounded depth, line numbers), its schema and
error wording, its compiler and its selftest, so a rule that passes here loads the same way
from the rule directory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from api.convert import Utf16Offsets, finding_out
from api.schemas import (
    ExampleOut,
    SentenceOut,
    TriedRuleOut,
    TryErrorOut,
    TryResponse,
)
from tonkoll.engine import check
from tonkoll.engine.plan import PlanError, build_plan
from tonkoll.rulebook.errormap import to_rule_error
from tonkoll.rulebook.errors import RuleError
from tonkoll.rulebook.examples import selftest
from tonkoll.rulebook.model import LoadedRule, Rulebook
from tonkoll.rulebook.schema import THEMES, RuleFile
from tonkoll.rulebook.yamlsource import PathKey, YamlDocument, parse_yaml_text

TRY_FILE = Path("prova.yml")


def parse_text(text: str) -> YamlDocument:
    """YAML text -> document with line numbers, with the same safety as rule files."""
    return parse_yaml_text(text, TRY_FILE)


def as_rule_file(doc: YamlDocument) -> YamlDocument:
    """One rule or a list of rules becomes a rule file whose theme is the ids' theme."""
    data: Any = doc.data
    if isinstance(data, dict) and ("rules" in data or "theme" in data):
        return doc
    prefix: PathKey
    if isinstance(data, dict):
        items, prefix = [data], ("rules", 0)
    elif isinstance(data, list):
        items, prefix = data, ("rules",)
    else:
        raise RuleError(TRY_FILE, 1, "skriv en regel (id:, kind: …) eller en hel regelfil")
    first = items[0] if items and isinstance(items[0], dict) else {}
    theme = str(first.get("id", "")).split(".", 1)[0]
    if theme not in THEMES:
        raise RuleError(
            TRY_FILE,
            doc.line_of(("id",) if prefix[-1] == 0 else (0, "id")),
            f"id ska börja med ett tema: {', '.join(t + '.' for t in THEMES)}",
        )
    lines: dict[PathKey, int] = {(*prefix, *key): line for key, line in doc.lines.items()}
    lines[()] = lines[("rules",)] = doc.lines.get((), 1)
    return YamlDocument(TRY_FILE, {"theme": theme, "rules": items}, lines)


def build_book(doc: YamlDocument, language: str) -> Rulebook:
    """Validate and compile the tried rules into a book of their own."""
    try:
        parsed = RuleFile.model_validate(doc.data)
    except ValidationError as exc:
        raise to_rule_error(exc, doc, RuleFile) from None
    if not parsed.rules:
        raise RuleError(TRY_FILE, doc.line_of(("rules",)), "det finns ingen regel att prova")
    theme = parsed.theme or ""
    rules: list[LoadedRule] = []
    for i, spec in enumerate(parsed.rules):
        if spec.id.split(".", 1)[0] != theme:
            raise RuleError(
                TRY_FILE,
                doc.line_of(("rules", i, "id")),
                f"id '{spec.id}' ska börja med temat '{theme}.'",
            )
        example_lines = {
            (kind, j): doc.line_of(("rules", i, "examples", kind, j))
            for kind in ("bad", "good")
            for j in range(len(getattr(spec.examples, kind)))
        }
        rules.append(
            LoadedRule(spec, language, TRY_FILE, doc.line_of(("rules", i)), i, example_lines)
        )
    try:
        plan = build_plan(rules)
    except PlanError as exc:
        path = ("rules", exc.rule.index, exc.key) if exc.key else ("rules", exc.rule.index)
        raise RuleError(TRY_FILE, doc.line_of(path), f"{exc.rule.id}: {exc}") from None
    title = parsed.title or THEMES.get(theme, theme)
    return Rulebook(tuple(rules), {theme: title}, "prova", {language: plan})


def try_rule(text: str, sentences: list[str], language: str) -> TryResponse:
    """Does the rule load, do its examples pass, and what does it find in `sentences`?"""
    try:
        book = build_book(as_rule_file(parse_text(text)), language)
    except RuleError as exc:
        return TryResponse(
            ok=False, error=TryErrorOut(line=exc.line, message=exc.message), rules=[], results=[]
        )
    examples = selftest(book)
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
    return TryResponse(ok=all(e.ok for e in examples), error=None, rules=tried, results=results)

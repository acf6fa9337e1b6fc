"""tonkoll rules test | rules lint."""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import TextIO

from tonkoll.commands.common import EXIT_FAIL, EXIT_OK, CliError, load
from tonkoll.engine.kinds.registry import kind_named
from tonkoll.rulebook.errors import display_path
from tonkoll.rulebook.examples import selftest
from tonkoll.rulebook.model import LoadedRule, Rulebook
from tonkoll.text.segment import tokenize_phrase


def run_rules_test(rules: list[str] | None, out: TextIO | None = None,
                   ids: list[str] | None = None) -> int:
    """Run every example (or those of ``ids``); print each failure with file:line."""
    out = out or sys.stdout
    book = load(rules, run_examples=False)
    unknown = [i for i in ids or [] if book.by_id(i) is None]
    if unknown:
        raise CliError(f"okänd regel: {', '.join(unknown)}")
    results = selftest(book, set(ids) if ids else None, require_corrections=True)
    failed = [r for r in results if not r.ok]
    for r in failed:
        where = f"{display_path(r.file)}:{r.line}" if r.file else "?"
        out.write(f"{where}: {r.case_id}: {r.detail}\n    text: {r.text!r}\n")
    passed = len(results) - len(failed)
    summary = f"{len(results)} exempel, {passed} godkända"
    if failed:
        summary += f", {len(failed)} underkända"
    out.write(f"{summary} ({len(book)} regler)\n")
    return EXIT_FAIL if failed else EXIT_OK


def _forms(rule: LoadedRule) -> list[str]:
    return kind_named(rule.kind).phrases(rule.spec, rule.language)


def _where(rule: LoadedRule) -> str:
    return f"{display_path(rule.file)}:{rule.line}"


def lint_problems(book: Rulebook) -> tuple[list[str], list[str]]:
    """(errors, warnings) in Swedish, each one line starting with file:line."""
    errors: list[str] = []
    warnings: list[str] = []
    owner: dict[tuple[str, tuple[str, ...]], LoadedRule] = {}
    for rule in book.rules:
        seen_here: set[tuple[str, ...]] = set()
        for form in _forms(rule):
            keys = tokenize_phrase(form)
            if not keys:
                errors.append(f"{_where(rule)}: {rule.id}: formen {form!r} kan aldrig matcha")
                continue
            if keys in seen_here:
                errors.append(f"{_where(rule)}: {rule.id}: formen {form!r} står två gånger")
            seen_here.add(keys)
            other = owner.get((rule.language, keys))
            if other is not None and other.id != rule.id:
                errors.append(f"{_where(rule)}: {rule.id}: formen {form!r} finns också i "
                              f"{other.id} ({_where(other)})")
            owner.setdefault((rule.language, keys), rule)
        errors.extend(_kind_problems(rule))
    warnings.extend(_shadowing(owner))
    return errors, warnings


def _kind_problems(rule: LoadedRule) -> list[str]:
    """What the rule's kind finds wrong beyond loading (patterns that match nothing …)."""
    return [f"{_where(rule)}: {rule.id}: {problem}"
            for problem in kind_named(rule.kind).lint(rule.spec)]


def _shadowing(owner: dict[tuple[str, tuple[str, ...]], LoadedRule]) -> list[str]:
    """Forms of one rule that begin with a whole form of another rule (both would fire)."""
    by_first: dict[tuple[str, str], list[tuple[tuple[str, ...], LoadedRule]]] = defaultdict(list)
    for (lang, keys), rule in owner.items():
        if rule.level == "praise":
            continue  # praise next to a hint is fine
        by_first[(lang, keys[0])].append((keys, rule))
    out: list[str] = []
    for items in by_first.values():
        for keys, rule in items:
            for other_keys, other in items:
                if other.id == rule.id or len(other_keys) >= len(keys):
                    continue
                if keys[: len(other_keys)] == other_keys:
                    out.append(f"{_where(rule)}: {rule.id}: {' '.join(keys)!r} börjar med "
                               f"{' '.join(other_keys)!r} från {other.id}; båda slår till")
    return sorted(set(out))


def _handbook_text() -> str | None:
    """The handbook text in the checkout's docs/handbook (None when installed without it)."""
    folder = Path(__file__).resolve().parent.parent.parent / "docs" / "handbook"
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        return None
    return " ".join(" ".join(f.read_text(encoding="utf-8").split()) for f in files)


def run_rules_lint(rules: list[str] | None, out: TextIO | None = None) -> int:
    """Schema and examples (via loading), then forms, duplicates, patterns and quotes."""
    out = out or sys.stdout
    book = load(rules, run_examples=False)
    errors, warnings = lint_problems(book)
    handbook = _handbook_text()
    if handbook is not None:
        for rule in book.rules:
            quote = " ".join(rule.spec.handbook.split())
            if quote.lower() not in handbook.lower():
                warnings.append(f"{_where(rule)}: {rule.id}: handbokscitatet finns inte "
                                f"ordagrant i handboken: {quote[:60]!r}")
    for line in errors:
        out.write(f"fel: {line}\n")
    for line in warnings:
        out.write(f"varning: {line}\n")
    out.write(f"{len(book)} regler: {len(errors)} fel, {len(warnings)} varningar\n")
    return EXIT_FAIL if errors else EXIT_OK

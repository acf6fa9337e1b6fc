"""load_rulebook(dirs) -> Rulebook. Every mistake is one RuleError line: ``file:line: what``.

Several directories: each is ``<dir>/sv/*.yml`` and ``<dir>/en/*.yml`` (or a directory named
``sv``/``en`` itself). Later directories add rules, replace a rule by writing one with the same
id, or change one with ``overrides: [{id: x, enabled: false}]`` (also ``level:``). Within one
directory an id may appear once. Patterns are compiled once here; then every example runs and
the first failing example refuses the whole book.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from tonkoll.engine.plan import LanguagePlan, PlanError, build_plan
from tonkoll.rulebook.errormap import to_rule_error
from tonkoll.rulebook.errors import RuleError
from tonkoll.rulebook.model import AnyRule, LoadedRule, Rulebook
from tonkoll.rulebook.schema import THEMES, RuleFile
from tonkoll.rulebook.yamlsource import YamlDocument, read_yaml

__all__ = ["RuleError", "load_rulebook", "rule_files"]

LANGUAGES = ("sv", "en")


@dataclass
class _Pending:
    spec: AnyRule
    language: str
    file: Path
    line: int
    doc: YamlDocument
    position: int  # index of the rule in its file's `rules:` list


def rule_files(directory: Path) -> list[tuple[str | None, Path]]:
    """(language or None, file) for each rule file of one rules directory, sorted."""
    if not directory.is_dir():
        raise RuleError(directory, 1, "mappen finns inte")
    if directory.name in LANGUAGES:
        return [(directory.name, f) for f in sorted(directory.glob("*.yml"))]
    found: list[tuple[str | None, Path]] = [(None, f) for f in sorted(directory.glob("*.yml"))]
    for lang in LANGUAGES:
        sub = directory / lang
        if sub.is_dir():
            found.extend((lang, f) for f in sorted(sub.glob("*.yml")))
    return found


def _parse(file: Path) -> tuple[YamlDocument, RuleFile]:
    doc = read_yaml(file)
    try:
        return doc, RuleFile.model_validate(doc.data)
    except ValidationError as exc:
        raise to_rule_error(exc, doc, RuleFile) from None


def _check_file(doc: YamlDocument, parsed: RuleFile, lang: str | None) -> None:
    file = doc.file
    if parsed.rules and lang is None:
        raise RuleError(file, doc.line_of(("rules",)),
                        "regler ska ligga i en mapp sv/ eller en/ (mappen anger språket)")
    theme = parsed.theme
    if theme and not (file.stem == theme or file.stem.startswith(f"{theme}-")):
        raise RuleError(file, doc.line_of(("theme",)),
                        f"temat '{theme}' ska stå i filen {theme}.yml, inte {file.name}")
    for i, spec in enumerate(parsed.rules):
        if spec.id.split(".", 1)[0] != theme:
            raise RuleError(file, doc.line_of(("rules", i, "id")),
                            f"id '{spec.id}' ska börja med filens tema '{theme}.'")
        if spec.kind == "passive" and lang != "sv":
            raise RuleError(file, doc.line_of(("rules", i, "kind")),
                            "kind: passive känner bara svenska böjningar; använd kind: pattern "
                            "för andra språk")


def load_rulebook(dirs: Iterable[Path | str], *, run_examples: bool = True) -> Rulebook:
    """Load, validate, compile and self-test the rules of ``dirs`` (later dirs win)."""
    paths = tuple(Path(d) for d in dirs)
    pending: dict[str, _Pending] = {}
    themes: dict[str, str] = {}
    for directory in paths:
        seen_here: dict[str, tuple[Path, int]] = {}
        overrides: list[tuple[YamlDocument, int, dict[str, object], str]] = []
        for lang, file in rule_files(directory):
            doc, parsed = _parse(file)
            _check_file(doc, parsed, lang)
            if parsed.theme and parsed.rules:
                themes.setdefault(parsed.theme, parsed.title or THEMES[parsed.theme])
            for i, spec in enumerate(parsed.rules):
                line = doc.line_of(("rules", i))
                if spec.id in seen_here:
                    other, other_line = seen_here[spec.id]
                    raise RuleError(file, doc.line_of(("rules", i, "id")),
                                    f"id '{spec.id}' finns redan i {other.name}:{other_line}")
                seen_here[spec.id] = (file, line)
                pending.pop(spec.id, None)  # a later directory replaces the rule
                pending[spec.id] = _Pending(spec, lang or "sv", file, line, doc, i)
            for i, ov in enumerate(parsed.overrides):
                changes: dict[str, object] = {
                    k: v for k, v in (("enabled", ov.enabled), ("level", ov.level))
                    if v is not None
                }
                overrides.append((doc, i, changes, ov.id))
        for doc, i, changes, rule_id in overrides:
            if rule_id not in pending:
                raise RuleError(doc.file, doc.line_of(("overrides", i, "id")),
                                f"overrides: det finns ingen regel med id '{rule_id}'")
            item = pending[rule_id]
            item.spec = item.spec.model_copy(update=changes)
    return _assemble(paths, list(pending.values()), themes, run_examples)


def _example_lines(item: _Pending) -> dict[tuple[str, int], int]:
    out: dict[tuple[str, int], int] = {}
    for kind in ("bad", "good"):
        values = getattr(item.spec.examples, kind)
        for j in range(len(values)):
            out[(kind, j)] = item.doc.line_of(("rules", item.position, "examples", kind, j))
    return out


def _version(rules: list[LoadedRule]) -> str:
    payload = [(r.language, r.spec.model_dump(mode="json", by_alias=True)) for r in rules]
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:12]


def _assemble(paths: tuple[Path, ...], items: list[_Pending], themes: dict[str, str],
              run_examples: bool) -> Rulebook:
    rules = [LoadedRule(it.spec, it.language, it.file, it.line, n, _example_lines(it))
             for n, it in enumerate(items)]
    by_id = {r.id: it for r, it in zip(rules, items, strict=True)}
    plans: dict[str, LanguagePlan] = {}
    for lang in LANGUAGES:
        try:
            plans[lang] = build_plan([r for r in rules if r.language == lang])
        except PlanError as exc:
            item = by_id[exc.rule.id]
            line = item.doc.line_of(("rules", item.position, exc.key) if exc.key else
                                    ("rules", item.position))
            raise RuleError(item.file, line, f"{exc.rule.id}: {exc}") from None
    ordered = {k: themes[k] for k in THEMES if k in themes}
    book = Rulebook(tuple(rules), ordered, _version(rules), plans, paths)
    if run_examples:
        from tonkoll.rulebook.examples import selftest

        for result in selftest(book):
            if not result.ok:
                raise RuleError(result.file or "?", result.line,
                                f"exemplet {result.case_id} ({result.text!r}): {result.detail}")
    return book

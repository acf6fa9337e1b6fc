"""load_rulebook(dirs) -> Rulebook. Every mistake is one RuleError line: ``file:line: what``.

Several directories: each is ``<dir>/sv/*.yml`` and ``<dir>/en/*.yml`` (or a directory named
``sv``/``en`` itself). Later directories add rules, replace a rule by writing one with the same
id, or change one with ``overrides: [{id: x, enabled: false}]`` (also ``level:``). Within one
directory an id may appear once. Patterns are compiled once here; then every example runs and
the first failing example refuses the whole book.

load_rules_text(text, language) takes the same path for rules written in memory (one rule, a
list of rules or a whole rule file): `POST /v1/rules/try` uses it, so the two never disagree.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from tonkoll.engine.kinds.base import PlanError
from tonkoll.engine.kinds.registry import kind_of
from tonkoll.engine.plan import LanguagePlan, build_plan
from tonkoll.rulebook.errormap import to_rule_error
from tonkoll.rulebook.errors import RuleError
from tonkoll.rulebook.examples import first_failure, selftest
from tonkoll.rulebook.model import LoadedRule, Rulebook
from tonkoll.rulebook.rulefile import RuleFile
from tonkoll.rulebook.schema import THEMES, RuleBase
from tonkoll.rulebook.snippet import as_rule_file
from tonkoll.rulebook.yamlsource import MAX_BYTES, YamlDocument, parse_yaml_text, read_yaml

__all__ = ["RuleError", "load_rulebook", "load_rules_text", "rule_files"]

LANGUAGES = ("sv", "en")
TEXT_FILE = Path("prova.yml")  # what errors call rules loaded from text


@dataclass
class _Pending:
    spec: RuleBase
    language: str
    file: Path
    line: int
    doc: YamlDocument
    position: int  # index of the rule in its file's `rules:` list


@dataclass
class _Gathered:
    """The rules read so far, in load order (a later directory replaces or overrides)."""

    pending: dict[str, _Pending]
    themes: dict[str, str]


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


def _parse(doc: YamlDocument) -> RuleFile:
    try:
        return RuleFile.model_validate(doc.data)
    except ValidationError as exc:
        raise to_rule_error(exc, doc, RuleFile) from None


def _check_file(doc: YamlDocument, parsed: RuleFile, lang: str | None, named: bool) -> None:
    """The checks beyond the schema; ``named``: a file on disk, whose name must be its theme."""
    file = doc.file
    if parsed.rules and lang is None:
        raise RuleError(file, doc.line_of(("rules",)),
                        "regler ska ligga i en mapp sv/ eller en/ (mappen anger språket)")
    theme = parsed.theme
    if named and theme and not (file.stem == theme or file.stem.startswith(f"{theme}-")):
        raise RuleError(file, doc.line_of(("theme",)),
                        f"temat '{theme}' ska stå i filen {theme}.yml, inte {file.name}")
    for i, spec in enumerate(parsed.rules):
        if spec.id.split(".", 1)[0] != theme:
            raise RuleError(file, doc.line_of(("rules", i, "id")),
                            f"id '{spec.id}' ska börja med filens tema '{theme}.'")
        kind = kind_of(spec)
        if kind.languages is not None and lang not in kind.languages:
            raise RuleError(file, doc.line_of(("rules", i, "kind")), kind.language_note)


def _gather(doc: YamlDocument, parsed: RuleFile, lang: str | None, into: _Gathered,
            seen_here: dict[str, tuple[Path, int]]) -> None:
    """Add one parsed file's rules; an id appears once per directory (``seen_here``)."""
    if parsed.theme and parsed.rules:
        into.themes.setdefault(parsed.theme, parsed.title or THEMES[parsed.theme])
    for i, spec in enumerate(parsed.rules):
        line = doc.line_of(("rules", i))
        if spec.id in seen_here:
            other, other_line = seen_here[spec.id]
            raise RuleError(doc.file, doc.line_of(("rules", i, "id")),
                            f"id '{spec.id}' finns redan i {other.name}:{other_line}")
        seen_here[spec.id] = (doc.file, line)
        into.pending.pop(spec.id, None)  # a later directory replaces the rule
        into.pending[spec.id] = _Pending(spec, lang or "sv", doc.file, line, doc, i)


def _override(files: list[tuple[YamlDocument, RuleFile]], into: _Gathered) -> None:
    """Apply one directory's `overrides:` to the rules gathered so far."""
    for doc, parsed in files:
        for i, ov in enumerate(parsed.overrides):
            if ov.id not in into.pending:
                raise RuleError(doc.file, doc.line_of(("overrides", i, "id")),
                                f"overrides: det finns ingen regel med id '{ov.id}'")
            changes = {k: v for k, v in (("enabled", ov.enabled), ("level", ov.level))
                       if v is not None}
            item = into.pending[ov.id]
            item.spec = item.spec.model_copy(update=changes)


def load_rulebook(dirs: Iterable[Path | str], *, run_examples: bool = True) -> Rulebook:
    """Load, validate, compile and self-test the rules of ``dirs`` (later dirs win)."""
    paths = tuple(Path(d) for d in dirs)
    gathered = _Gathered({}, {})
    for directory in paths:
        seen_here: dict[str, tuple[Path, int]] = {}
        files: list[tuple[YamlDocument, RuleFile]] = []
        for lang, file in rule_files(directory):
            doc = read_yaml(file)
            parsed = _parse(doc)
            _check_file(doc, parsed, lang, named=True)
            _gather(doc, parsed, lang, gathered, seen_here)
            files.append((doc, parsed))
        _override(files, gathered)
    return _assemble(paths, gathered, run_examples)


def load_rules_text(text: str, language: str, *, run_examples: bool = True,
                    file: Path = TEXT_FILE) -> Rulebook:
    """Rules written in memory, in ``language``, through the same checks as a rule directory:
    safe YAML, schema, compile, language, ids and examples. ``file`` only names it in errors."""
    if language not in LANGUAGES:
        raise RuleError(file, 1, f"okänt språk '{language}'; välj sv eller en")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise RuleError(file, 1, f"texten är för stor (högst {MAX_BYTES} byte)")
    doc = as_rule_file(parse_yaml_text(text, file))
    parsed = _parse(doc)
    if not parsed.rules:
        raise RuleError(file, doc.line_of(("rules",)), "det finns ingen regel i texten")
    _check_file(doc, parsed, language, named=False)
    gathered = _Gathered({}, {})
    _gather(doc, parsed, language, gathered, {})
    _override([(doc, parsed)], gathered)
    return _assemble((), gathered, run_examples)


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


def _assemble(paths: tuple[Path, ...], gathered: _Gathered, run_examples: bool) -> Rulebook:
    items = list(gathered.pending.values())
    rules = [LoadedRule(it.spec, it.language, it.file, it.line, n,
                        kind_of(it.spec).whole_text(it.spec), _example_lines(it))
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
    themes = gathered.themes
    ordered = {k: themes[k] for k in THEMES if k in themes}
    book = Rulebook(tuple(rules), ordered, _version(rules), plans, paths)
    if run_examples:
        failure = first_failure(selftest(book))
        if failure is not None:
            raise failure
    return book

"""A rule written on its own (one rule, or a list of rules) made into a rule file whose theme is
the ids' theme, as `POST /v1/rules/try` and load_rules_text accept it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tonkoll.rulebook.errors import RuleError
from tonkoll.rulebook.schema import THEMES
from tonkoll.rulebook.yamlsource import PathKey, YamlDocument


def as_rule_file(doc: YamlDocument) -> YamlDocument:
    """A rule file as it is; one rule or a list of rules inside `rules:` with its `theme:`."""
    file: Path = doc.file
    data: Any = doc.data
    if isinstance(data, dict) and ("rules" in data or "theme" in data):
        return doc
    prefix: PathKey
    if isinstance(data, dict):
        items, prefix = [data], ("rules", 0)
    elif isinstance(data, list):
        items, prefix = data, ("rules",)
    else:
        raise RuleError(file, 1, "skriv en regel (id:, kind: …) eller en hel regelfil")
    first = items[0] if items and isinstance(items[0], dict) else {}
    theme = str(first.get("id", "")).split(".", 1)[0]
    if theme not in THEMES:
        raise RuleError(
            file,
            doc.line_of(("id",) if prefix[-1] == 0 else (0, "id")),
            f"id ska börja med ett tema: {', '.join(t + '.' for t in THEMES)}",
        )
    lines: dict[PathKey, int] = {(*prefix, *key): line for key, line in doc.lines.items()}
    lines[()] = lines[("rules",)] = doc.lines.get((), 1)
    return YamlDocument(file, {"theme": theme, "rules": items}, lines)

"""The loaded rule book: rule specs with their origin, plus per-language compiled plans."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tonkoll.rulebook.schema import RuleBase

if TYPE_CHECKING:
    from tonkoll.engine.plan import LanguagePlan


@dataclass(frozen=True, slots=True)
class LoadedRule:
    """One rule as loaded: its validated spec, language and where it was written."""

    spec: RuleBase  # the model of its kind (tonkoll/engine/kinds)
    language: str
    file: Path
    line: int
    index: int  # position in Rulebook.rules
    whole_text: bool  # about the whole post (absence, text-scope metrics): its kind says
    example_lines: dict[tuple[str, int], int] = field(default_factory=dict)

    # Derived once (the checker reads them for every finding); not constructor arguments.
    id: str = field(init=False)
    theme: str = field(init=False)
    level: str = field(init=False)
    kind: str = field(init=False)
    enabled: bool = field(init=False)

    def __post_init__(self) -> None:
        spec = self.spec
        for name, value in (("id", spec.id), ("theme", spec.id.split(".", 1)[0]),
                            ("level", spec.level), ("kind", spec.kind),
                            ("enabled", spec.enabled)):
            object.__setattr__(self, name, value)


@dataclass(frozen=True)
class Rulebook:
    rules: tuple[LoadedRule, ...]
    themes: dict[str, str]  # theme key -> title, for themes that have rules
    version: str
    plans: dict[str, LanguagePlan]  # "sv" / "en" -> compiled plan
    sources: tuple[Path, ...] = ()

    def by_id(self, rule_id: str) -> LoadedRule | None:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        return None

    def __len__(self) -> int:
        return len(self.rules)

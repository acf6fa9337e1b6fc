"""The loaded rule book: rule specs with their origin, plus per-language compiled plans."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from api.rulebook.schema import (
    AbsenceRule,
    ExistenceRule,
    MetricRule,
    PassiveRule,
    PatternRule,
    SubstitutionRule,
)

if TYPE_CHECKING:
    from api.engine.plan import LanguagePlan

AnyRule = SubstitutionRule | ExistenceRule | PatternRule | PassiveRule | MetricRule | AbsenceRule


@dataclass(frozen=True, slots=True)
class LoadedRule:
    """One rule as loaded: its validated spec, language and where it was written."""

    spec: AnyRule
    language: str
    file: Path
    line: int
    index: int  # position in Rulebook.rules
    example_lines: dict[tuple[str, int], int] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def theme(self) -> str:
        return self.spec.id.split(".", 1)[0]

    @property
    def level(self) -> str:
        return self.spec.level

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def enabled(self) -> bool:
        return self.spec.enabled

    @property
    def whole_text(self) -> bool:
        """True for rules about the whole post (absence, text-scope metrics)."""
        spec = self.spec
        return isinstance(spec, AbsenceRule) or (
            isinstance(spec, MetricRule) and spec.scope == "text"
        )


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

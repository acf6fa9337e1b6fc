"""kind: existence — phrases to watch out for (`phrases`, optional `suggest`), found by the
shared phrase lookup."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, cast

from pydantic import Field

from tonkoll.engine.kinds.base import Kind, KindPlan, RuleRef, Shared, Suggestions
from tonkoll.engine.kinds.phrases import PhrasePlan
from tonkoll.engine.replace import Readings, replace_map_lines, replace_map_table
from tonkoll.rulebook.markdown import md
from tonkoll.rulebook.schema import NonEmpty, ReplaceMap, RuleBase


class ExistenceRule(RuleBase):
    kind: Literal["existence"]
    phrases: list[NonEmpty] = Field(min_length=1)
    suggest: list[NonEmpty] = Field(default_factory=list)
    replace: ReplaceMap = Field(default_factory=dict)  # phrase -> what to put in place


def _spec(spec: RuleBase) -> ExistenceRule:
    return cast(ExistenceRule, spec)


class Existence(Kind):
    name = "existence"
    spec = ExistenceRule
    label = "fras att se upp med"
    finds_words = True

    def compile(self, rules: Sequence[RuleRef], shared: Shared) -> KindPlan:
        for rule in rules:
            for phrase in _spec(rule.spec).phrases:
                shared.add_phrase(rule, phrase)
        return PhrasePlan(tuple(r.index for r in rules))

    def suggestions(self, spec: RuleBase) -> Suggestions:
        return (), tuple(_spec(spec).suggest)

    def phrases(self, spec: RuleBase, language: str = "sv") -> list[str]:
        return list(_spec(spec).phrases)

    def replacements(self, spec: RuleBase, language: str) -> tuple[dict[str, Readings], ...]:
        return replace_map_table(_spec(spec).replace)

    def details(self, spec: RuleBase) -> list[str]:
        rule = _spec(spec)
        lines = [f"- Fraser: {', '.join(md(p) for p in rule.phrases)}"]
        if rule.suggest:
            lines.append(f"- Förslag: {', '.join(md(s) for s in rule.suggest)}")
        return lines + replace_map_lines(rule.replace)


KIND = Existence()

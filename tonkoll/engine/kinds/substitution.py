"""kind: substitution — words with simpler replacements: `entries` of `match` forms and their
`suggest` words. All forms go into the shared phrase lookup."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, cast

from pydantic import Field

from tonkoll.engine.kinds.base import Kind, KindPlan, RuleRef, Shared, Suggestions
from tonkoll.engine.kinds.phrases import PhrasePlan
from tonkoll.rulebook.markdown import md
from tonkoll.rulebook.schema import NonEmpty, RuleBase, Strict


class Entry(Strict):
    match: list[NonEmpty] = Field(min_length=1)
    suggest: list[NonEmpty] = Field(default_factory=list)


class SubstitutionRule(RuleBase):
    kind: Literal["substitution"]
    entries: list[Entry] = Field(min_length=1)


def _spec(spec: RuleBase) -> SubstitutionRule:
    return cast(SubstitutionRule, spec)


class Substitution(Kind):
    name = "substitution"
    spec = SubstitutionRule
    label = "ersättning (ord → enklare ord)"
    finds_words = True

    def compile(self, rules: Sequence[RuleRef], shared: Shared) -> KindPlan:
        for rule in rules:
            for entry_index, entry in enumerate(_spec(rule.spec).entries):
                for form in entry.match:
                    shared.add_phrase(rule, form, entry_index)
        return PhrasePlan(tuple(r.index for r in rules))

    def suggestions(self, spec: RuleBase) -> Suggestions:
        return tuple(tuple(e.suggest) for e in _spec(spec).entries), ()

    def phrases(self, spec: RuleBase) -> list[str]:
        return [form for entry in _spec(spec).entries for form in entry.match]

    def details(self, spec: RuleBase) -> list[str]:
        lines = ["", "| Skriv inte | Skriv hellre |", "|---|---|"]
        for entry in _spec(spec).entries:
            lines.append(f"| {', '.join(md(m) for m in entry.match)} | "
                         f"{', '.join(md(s) for s in entry.suggest) or '–'} |")
        return lines


KIND = Substitution()

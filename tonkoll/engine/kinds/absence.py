"""kind: absence — the rule fires when something is missing from the whole post.

None of the `absent` words or phrases occurs (they are found by the shared phrase lookup in the
same single pass as substitutions), `also_absent_pattern` does not match either, and the post has
at least `min_words` words. One hit on the post's first words. When the pattern has a capture
group, only a match of group 1 counts: an earlier alternative without the group can take a look-
alike away ("Hälsningar, Kundtjänst" is no first name; RE2 has no negative lookahead). `absent`
may be left out when the pattern says it all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Literal, cast

from pydantic import Field, model_validator

from tonkoll.engine.kinds.base import (
    Hit,
    Hits,
    Kind,
    KindPlan,
    Post,
    RuleRef,
    Shared,
    compile_rule_pattern,
    opening_span,
)
from tonkoll.engine.pattern import CompiledPattern, compile_pattern
from tonkoll.rulebook.markdown import code, md
from tonkoll.rulebook.schema import NonEmpty, RuleBase


class AbsenceRule(RuleBase):
    kind: Literal["absence"]
    absent: list[NonEmpty] = Field(default_factory=list)
    also_absent_pattern: NonEmpty | None = None
    min_words: Annotated[int, Field(ge=0)] = 0

    @model_validator(mode="after")
    def _needs_something_to_miss(self) -> AbsenceRule:
        if not self.absent and not self.also_absent_pattern:
            raise ValueError("en absence-regel behöver absent: eller also_absent_pattern:")
        return self


def _spec(spec: RuleBase) -> AbsenceRule:
    return cast(AbsenceRule, spec)


@dataclass(frozen=True, slots=True)
class OneAbsence:
    index: int  # the rule's
    pattern: CompiledPattern | None  # also_absent_pattern
    min_words: int


@dataclass(frozen=True, slots=True)
class AbsencePlan(KindPlan):
    rules: tuple[OneAbsence, ...]

    def run(self, post: Post, hits: Hits) -> None:
        seg = post.seg
        for rule in self.rules:
            if rule.index not in post.live or rule.index in post.phrases:
                continue  # one of its words is there
            if seg.words < rule.min_words:
                continue
            pattern = rule.pattern
            if pattern is not None and (pattern.find(seg, post.data) if pattern.group
                                        else pattern.occurs(seg, post.data)):
                continue
            hits[rule.index] = [Hit(*opening_span(seg))]


class Absence(Kind):
    name = "absence"
    spec = AbsenceRule
    label = "något som saknas i texten"
    finds_words = False

    def compile(self, rules: Sequence[RuleRef], shared: Shared) -> KindPlan:
        out: list[OneAbsence] = []
        for rule in rules:
            spec = _spec(rule.spec)
            for word in spec.absent:
                shared.add_phrase(rule, word, presence_only=True)
            extra = None
            if spec.also_absent_pattern:
                source = spec.also_absent_pattern
                extra = compile_rule_pattern(rule, source, False, 0, "also_absent_pattern")
                if extra.regex.groups:  # only group 1 counts (module docstring)
                    extra = compile_rule_pattern(rule, source, False, 1, "also_absent_pattern")
            out.append(OneAbsence(rule.index, extra, spec.min_words))
        return AbsencePlan(tuple(out))

    def whole_text(self, spec: RuleBase) -> bool:
        return True

    def lint(self, spec: RuleBase) -> list[str]:
        source = _spec(spec).also_absent_pattern
        if source and compile_pattern(source, False).search("") is not None:
            return ["mönstret matchar tom text och kan inte peka ut något"]
        return []

    def details(self, spec: RuleBase) -> list[str]:
        rule = _spec(spec)
        pattern = rule.also_absent_pattern
        words = ', '.join(md(w) for w in rule.absent)
        missing = (f"{words} (och inte mönstret {code(pattern)})" if words and pattern
                   else words or f"mönstret {code(pattern or '')}")
        return [f"- Slår till när inget av detta finns: {missing}"
                f"{f', från {rule.min_words} ord' if rule.min_words else ''}"]


KIND = Absence()

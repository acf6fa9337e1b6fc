"""kind: pattern — an RE2 regular expression (`pattern`, `case_sensitive`, `group`, `suggest`).

Every pattern of a language is also compiled into one RE2 set, which tells in one pass over the
post which patterns match at all; only those then run (see engine/pattern.py for the regex rules).

`unless_post_has: <RE2>` drops the rule's hits when the post matches it anywhere: "Vi har tagit
del av dina synpunkter" is an empty reply only when the post says nothing of when the reader hears
more ("senast på fredag"). Looked at only when the rule has hits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Literal, cast

import re2
from pydantic import Field

from tonkoll.engine.kinds.base import (
    Hit,
    Hits,
    Kind,
    KindPlan,
    Post,
    RuleRef,
    Shared,
    Suggestions,
    compile_rule_pattern,
    new_hit,
)
from tonkoll.engine.pattern import CompiledPattern, build_set, compile_pattern, prepare
from tonkoll.engine.replace import Readings, replace_map_lines, replace_map_table
from tonkoll.rulebook.markdown import code
from tonkoll.rulebook.marked import parse_marked
from tonkoll.rulebook.schema import NonEmpty, ReplaceMap, RuleBase


class PatternRule(RuleBase):
    kind: Literal["pattern"]
    pattern: NonEmpty
    case_sensitive: bool = False
    group: Annotated[int, Field(ge=0, le=20)] = 0
    suggest: list[NonEmpty] = Field(default_factory=list)
    replace: ReplaceMap = Field(default_factory=dict)  # matched text -> what to put in place
    unless_post_has: NonEmpty | None = None


def _spec(spec: RuleBase) -> PatternRule:
    return cast(PatternRule, spec)


@dataclass(frozen=True, slots=True)
class PatternPlan(KindPlan):
    patterns: tuple[CompiledPattern, ...]
    pattern_set: re2.Set | None  # None: too big for one set, or no patterns; each runs alone
    unless: tuple[CompiledPattern | None, ...]  # unless_post_has, per pattern

    def run(self, post: Post, hits: Hits) -> None:
        if not self.patterns:
            return
        if self.pattern_set is not None:
            matching = self.pattern_set.Match(post.data) or ()
        else:
            matching = range(len(self.patterns))
        live = post.live
        for i in matching:
            pat = self.patterns[i]
            if pat.rule_index in live:
                found = pat.find(post.seg, post.data)
                unless = self.unless[i]
                if found and unless is not None and unless.occurs(post.seg, post.data):
                    continue
                for start, end in found:
                    hits.setdefault(pat.rule_index, []).append(
                        new_hit(Hit, (start, end, -1, None, None)))


class Pattern(Kind):
    name = "pattern"
    spec = PatternRule
    label = "mönster"
    finds_words = True

    def compile(self, rules: Sequence[RuleRef], shared: Shared) -> KindPlan:
        specs = [_spec(r.spec) for r in rules]
        patterns = tuple(compile_rule_pattern(r, s.pattern, s.case_sensitive, s.group, "pattern")
                         for r, s in zip(rules, specs, strict=True))
        unless = tuple(compile_rule_pattern(r, s.unless_post_has, False, 0, "unless_post_has")
                       if s.unless_post_has else None
                       for r, s in zip(rules, specs, strict=True))
        return PatternPlan(patterns, build_set([prepare(s.pattern, s.case_sensitive)
                                                for s in specs]), unless)

    def suggestions(self, spec: RuleBase) -> Suggestions:
        return (), tuple(_spec(spec).suggest)

    def lint(self, spec: RuleBase) -> list[str]:
        rule = _spec(spec)
        regex = compile_pattern(rule.pattern, rule.case_sensitive)
        out: list[str] = []
        if regex.search("") is not None:
            out.append("mönstret matchar tom text och kan inte peka ut något")
        texts = [parse_marked(b)[0] for b in rule.examples.bad]
        if not any(regex.search(t) for t in texts):
            out.append("mönstret matchar inget av sina bad-exempel (kan det alls matcha?)")
        return out

    def replacements(self, spec: RuleBase, language: str) -> tuple[dict[str, Readings], ...]:
        return replace_map_table(_spec(spec).replace)

    def details(self, spec: RuleBase) -> list[str]:
        rule = _spec(spec)
        unless = ([f"- Inte när inlägget har: {code(rule.unless_post_has)}"]
                  if rule.unless_post_has else [])
        return [f"- Mönster: {code(rule.pattern)}", *unless, *replace_map_lines(rule.replace)]


KIND = Pattern()

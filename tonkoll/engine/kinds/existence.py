"""kind: existence — phrases to watch out for (`phrases`, optional `suggest`), found by the
shared phrase lookup.

`skip_questions_with: [words]` drops a hit in a question (a sentence that ends with "?") that
holds one of these words: in "Hur ansöker jag?" the reader is asking, so its "jag" is not the
writer's voice (issue 12). Checked only for the few hits of such a rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, cast

from pydantic import Field

from tonkoll.engine.kinds.base import Hit, Hits, Kind, KindPlan, Post, RuleRef, Shared, Suggestions
from tonkoll.engine.kinds.phrases import PhrasePlan
from tonkoll.engine.replace import Readings, replace_map_lines, replace_map_table
from tonkoll.rulebook.markdown import md
from tonkoll.rulebook.schema import NonEmpty, ReplaceMap, RuleBase
from tonkoll.text.segment import Segmentation


class ExistenceRule(RuleBase):
    kind: Literal["existence"]
    phrases: list[NonEmpty] = Field(min_length=1)
    suggest: list[NonEmpty] = Field(default_factory=list)
    replace: ReplaceMap = Field(default_factory=dict)  # phrase -> what to put in place
    skip_questions_with: list[NonEmpty] = Field(default_factory=list)


def _spec(spec: RuleBase) -> ExistenceRule:
    return cast(ExistenceRule, spec)


@dataclass(frozen=True, slots=True)
class ExistencePlan(PhrasePlan):
    # rule index -> the lower-case words that make a question not the writer's (see above)
    skip_questions: dict[int, frozenset[str]]

    def run(self, post: Post, hits: Hits) -> None:
        PhrasePlan.run(self, post, hits)  # (a slots dataclass: no bare super())
        for index, words in self.skip_questions.items():
            mine = hits.get(index)
            if mine:
                kept = [h for h in mine if not _in_question_with(post, h, words)]
                if kept:
                    hits[index] = kept
                else:
                    del hits[index]


def _in_question_with(post: Post, hit: Hit, words: frozenset[str]) -> bool:
    """Whether the hit's sentence ends with "?" and holds one of ``words``."""
    seg: Segmentation = post.seg
    sentence = seg.sentences[seg.sentence_at(hit.start)]
    if seg.text.find("?", sentence.start, sentence.end) < 0:  # most sentences: no question
        return False
    tokens = seg.tokens[sentence.first_token:sentence.last_token + 1]
    if not any(t.kind == "end" and "?" in t.text for t in tokens):
        return False
    return not words.isdisjoint(post.keys[sentence.first_token:sentence.last_token + 1])


class Existence(Kind):
    name = "existence"
    spec = ExistenceRule
    label = "fras att se upp med"
    finds_words = True

    def compile(self, rules: Sequence[RuleRef], shared: Shared) -> KindPlan:
        skip: dict[int, frozenset[str]] = {}
        for rule in rules:
            spec = _spec(rule.spec)
            for phrase in spec.phrases:
                shared.add_phrase(rule, phrase)
            if spec.skip_questions_with:
                skip[rule.index] = frozenset(w.lower() for w in spec.skip_questions_with)
        return ExistencePlan(tuple(r.index for r in rules), skip)

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
        if rule.skip_questions_with:
            lines.append("- Räknas inte i en fråga med: "
                         f"{', '.join(md(w) for w in rule.skip_questions_with)}")
        return lines + replace_map_lines(rule.replace)


KIND = Existence()

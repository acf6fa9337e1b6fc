"""kind: passive — Swedish s-passives and bli-passives (`mode: single | double | verbal`,
`except:` words).
Swedish only: the heuristics (engine/passive.py) know Swedish inflections."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, cast

from pydantic import Field

from tonkoll.engine.kinds.base import Hit, Hits, Kind, KindPlan, Post, RuleRef, Shared, new_hit
from tonkoll.engine.passive import find_passives, words_ending_in_s
from tonkoll.rulebook.markdown import md
from tonkoll.rulebook.schema import NonEmpty, RuleBase


class PassiveRule(RuleBase):
    kind: Literal["passive"]
    mode: Literal["single", "double", "verbal"] = "single"
    except_: list[NonEmpty] = Field(default_factory=list, alias="except")


def _spec(spec: RuleBase) -> PassiveRule:
    return cast(PassiveRule, spec)


@dataclass(frozen=True, slots=True)
class OnePassive:
    index: int  # the rule's
    mode: str
    stop: frozenset[str]  # its `except:` words, lower-cased


@dataclass(frozen=True, slots=True)
class PassivePlan(KindPlan):
    rules: tuple[OnePassive, ...]

    def run(self, post: Post, hits: Hits) -> None:
        ends_in_s: list[int] | None = None  # found once for all passive rules of the post
        for rule in self.rules:
            if rule.index in post.live:
                if ends_in_s is None:
                    ends_in_s = words_ending_in_s(post.keys)
                for start, end in find_passives(post.seg, rule.mode, rule.stop, post.keys,
                                                ends_in_s):
                    hits.setdefault(rule.index, []).append(
                        new_hit(Hit, (start, end, -1, None, None)))


class Passive(Kind):
    name = "passive"
    spec = PassiveRule
    label = "passiv form"
    finds_words = True
    languages = frozenset({"sv"})
    language_note = ("kind: passive känner bara svenska böjningar; använd kind: pattern för "
                     "andra språk")

    def compile(self, rules: Sequence[RuleRef], shared: Shared) -> KindPlan:
        return PassivePlan(tuple(
            OnePassive(r.index, _spec(r.spec).mode,
                       frozenset(w.lower() for w in _spec(r.spec).except_))
            for r in rules))

    def details(self, spec: RuleBase) -> list[str]:
        rule = _spec(spec)
        mode = {"double": "två passiver i rad", "verbal": "passiv efter hjälpverb (har, ska, "
                "kommer att …) eller med ”av oss”"}.get(rule.mode, "passiv utan agent")
        lines = [f"- Läge: {mode}"]
        if rule.except_:
            lines.append(f"- Undantag: {', '.join(md(w) for w in rule.except_)}")
        return lines


KIND = Passive()

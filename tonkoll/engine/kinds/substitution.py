"""kind: substitution — words with simpler replacements: `entries` of `match` forms (or a
`verb` base form, every form of which comes from the bundled morphology) and their `suggest`
words. All forms go into the shared phrase lookup; the replacements per matched form are worked
out once here (engine/replace.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, cast

from pydantic import Field, model_validator

from tonkoll.engine.kinds.base import Kind, KindPlan, PlanError, RuleRef, Shared, Suggestions
from tonkoll.engine.kinds.phrases import PhrasePlan
from tonkoll.engine.replace import (
    Context,
    Readings,
    VerbError,
    entry_contexts,
    entry_phrases,
    entry_table,
)
from tonkoll.rulebook.markdown import md
from tonkoll.rulebook.schema import NonEmpty, RuleBase, Strict


class When(Strict):
    """Other replacements for an entry when the words around the match call for them:
    `next:` the word right after the match is one of these ("fastställa" before "att": slå
    fast); `near:` a word of the same clause near the match is one of these (genomföra near
    "samråd", "möte": hålla). A `near:` word written with a leading "-" also matches as the end
    of a compound ("-möte": föräldramöte). The first `when:` that applies wins."""

    next: list[NonEmpty] = Field(default_factory=list)
    near: list[NonEmpty] = Field(default_factory=list)
    replace: list[NonEmpty] = Field(min_length=1)

    @model_validator(mode="after")
    def _next_or_near(self) -> When:
        if not self.next and not self.near:
            raise ValueError("when: behöver next: (ordet efter) eller near: (ord i närheten)")
        return self


class Entry(Strict):
    """One substitution: either `match:` (every form listed) or `verb:` (a base form; every
    form comes from the bundled morphology and the replacements are inflected alike)."""

    match: list[NonEmpty] = Field(default_factory=list)
    verb: NonEmpty | None = None
    suggest: list[NonEmpty] = Field(default_factory=list)
    replace: list[NonEmpty] | None = None  # what to put in place (default: suggest); [] = none
    forms: dict[str, NonEmpty | list[NonEmpty]] = Field(default_factory=dict)  # verb: by hand
    passive: Literal["passive", "active"] = "passive"  # verb: påbörjas -> börjar with active
    when: list[When] = Field(default_factory=list)  # other replacements in some contexts

    @model_validator(mode="after")
    def _match_or_verb(self) -> Entry:
        if bool(self.match) == (self.verb is not None):
            raise ValueError("skriv antingen match: (alla former) eller verb: (grundformen)")
        if self.forms and self.verb is None:
            raise ValueError("forms: hör till verb:")
        from tonkoll.text.morph import EN_TAGS, TAGS

        allowed = dict.fromkeys(TAGS + EN_TAGS)
        unknown = [t for t in self.forms if t not in allowed]
        if unknown:
            raise ValueError(f"okänd form i forms: {', '.join(unknown)}; "
                             f"tillåtna: {', '.join(allowed)}")
        return self

    def replacements(self) -> list[str]:
        return list(self.suggest if self.replace is None else self.replace)


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
                try:
                    forms = entry_phrases(entry, rule.language)
                except VerbError as exc:
                    raise PlanError(rule, str(exc), "entries") from exc
                for form in forms:
                    shared.add_phrase(rule, form, entry_index)
        return PhrasePlan(tuple(r.index for r in rules))

    def suggestions(self, spec: RuleBase) -> Suggestions:
        return tuple(tuple(e.suggest) for e in _spec(spec).entries), ()

    def replacements(self, spec: RuleBase, language: str) -> tuple[dict[str, Readings], ...]:
        try:
            return tuple(entry_table(e, language) for e in _spec(spec).entries)
        except VerbError:
            return ()  # compile() has refused the rule already

    def contexts(self, spec: RuleBase, language: str) -> tuple[tuple[Context, ...], ...]:
        entries = _spec(spec).entries
        if not any(e.when for e in entries):
            return ()
        try:
            return tuple(entry_contexts(e, language) for e in entries)
        except VerbError:
            return ()

    def phrases(self, spec: RuleBase, language: str = "sv") -> list[str]:
        return [form for entry in _spec(spec).entries
                for form in entry_phrases(entry, language)]

    def details(self, spec: RuleBase) -> list[str]:
        lines = ["", "| Skriv inte | Skriv hellre |", "|---|---|"]
        for entry in _spec(spec).entries:
            lines.append(f"| {_entry_words(entry)} | {_entry_advice(entry)} |")
        return lines


def _entry_words(entry: Entry) -> str:
    if entry.verb is not None:
        return f"{md(entry.verb)} (alla former)"
    return ", ".join(md(m) for m in entry.match)


def _entry_advice(entry: Entry) -> str:
    advice = ", ".join(md(s) for s in entry.suggest) or "–"
    if entry.replace is not None and entry.replace != entry.suggest:
        placed = ", ".join(md(r) for r in entry.replace) or "ingen"
        advice += f" (ersättning: {placed})"
    if entry.verb is not None and entry.passive == "active":
        advice += " (passiv blir aktiv)"
    for when in entry.when:
        where = []
        if when.next:
            where.append("före " + ", ".join(md(w) for w in when.next))
        if when.near:
            where.append("nära " + ", ".join(md(w) for w in when.near))
        advice += f" ({' eller '.join(where)}: {', '.join(md(r) for r in when.replace)})"
    return advice


KIND = Substitution()

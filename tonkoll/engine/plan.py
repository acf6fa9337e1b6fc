"""Compile a language's rules once, at load time, into one plan the checker walks per post:
the shared phrase lookup plus one compiled plan per kind (tonkoll/engine/kinds)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tonkoll.channels import CHANNELS
from tonkoll.engine.kinds.base import KindPlan, Payload, RuleRef, Shared
from tonkoll.engine.kinds.registry import KINDS, kind_of
from tonkoll.engine.lookup import PhraseLookup
from tonkoll.engine.replace import Context, Readings, has_rewrite


@dataclass(frozen=True, slots=True)
class FindingText:
    """What every finding of one rule shares, read from its spec once at load time (a post's
    findings then need no per-kind checks, list copies or placeholder scans)."""

    message: str
    fills: bool  # the message has {placeholders}
    needs_numbers: bool  # … among them {value} or {limit}
    quotes_match: bool  # … among them {match} (quoting reads every word of the underline)
    explanation: str
    handbook: str
    by_entry: tuple[tuple[str, ...], ...]  # substitution: suggestions per entry
    suggest: tuple[str, ...]  # existence, pattern: the suggestions of every hit
    # matched text -> readings, per substitution entry (one table for an existence or pattern
    # rule's `replace:` map); see engine/replace.py
    replace_by_entry: tuple[dict[str, Readings], ...] = ()
    message_plain: str = ""  # said when a finding has no replacement ("" = message)
    may_replace: bool = False  # replacement tables or a construction rewrite: worth asking
    # per substitution entry, the contexts that switch its replacements (`when:`); usually ()
    when_by_entry: tuple[tuple[Context, ...], ...] = ()

    def suggestions(self, entry: int) -> tuple[str, ...]:
        if self.by_entry:
            return self.by_entry[entry] if 0 <= entry < len(self.by_entry) else ()
        return self.suggest


def finding_text(rule: RuleRef) -> FindingText:
    spec = rule.spec
    message = spec.message
    plain = spec.message_plain or ""
    kind = kind_of(spec)
    by_entry, suggest = kind.suggestions(spec)
    tables = kind.replacements(spec, rule.language)
    both = message + plain
    return FindingText(message, "{" in both or "}" in both,
                       "{value" in both or "{limit" in both, "{match" in both, spec.explanation,
                       spec.handbook, by_entry, suggest, tables, plain,
                       bool(tables) or has_rewrite(rule.id), kind.contexts(spec, rule.language))


@dataclass(frozen=True)
class LanguagePlan:
    rules: tuple[RuleRef, ...]  # enabled rules of this language
    lookup: PhraseLookup[Payload] = field(default_factory=PhraseLookup)
    kinds: dict[str, KindPlan] = field(default_factory=dict)  # kind name -> plan, in run order
    empty_phrases: tuple[tuple[str, str], ...] = ()  # (rule id, phrase) that can never match
    live_by_channel: dict[str, frozenset[int]] = field(default_factory=dict)
    index_of: dict[str, int] = field(default_factory=dict)
    texts: dict[int, FindingText] = field(default_factory=dict)  # rule index -> its texts
    presence_only: frozenset[int] = frozenset()  # rules whose first phrase hit is enough

    def live(self, channel: str, disabled: frozenset[str]) -> frozenset[int]:
        """Indexes of the rules that run for this channel, minus the disabled ones."""
        live = self.live_by_channel.get(channel)
        if live is None:
            live = frozenset(r.index for r in self.rules if not r.spec.channels)
        if disabled:
            live = live - {self.index_of[d] for d in disabled if d in self.index_of}
        return live


def build_plan(rules: Sequence[RuleRef]) -> LanguagePlan:
    """Everything compiled once: one phrase lookup, then each kind's plan for its rules.
    Raises kinds.base.PlanError for a rule that cannot be compiled."""
    shared = Shared()
    active = tuple(r for r in rules if r.enabled)
    kinds: dict[str, KindPlan] = {}
    for kind in KINDS:
        mine = [r for r in active if r.kind == kind.name]
        if mine:
            kinds[kind.name] = kind.compile(mine, shared)
    live_by_channel = {
        channel: frozenset(r.index for r in active
                           if not r.spec.channels or channel in r.spec.channels)
        for channel in CHANNELS
    }
    return LanguagePlan(active, shared.lookup, kinds, tuple(shared.empty), live_by_channel,
                        {r.id: r.index for r in active},
                        {r.index: finding_text(r) for r in active},
                        frozenset(shared.presence_only))

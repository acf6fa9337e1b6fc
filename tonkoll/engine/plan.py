"""Compile a language's rules once, at load time, into one plan the checker walks per post."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import re2

from tonkoll.engine.lookup import PhraseLookup
from tonkoll.engine.metric import Bound, upper_bound
from tonkoll.engine.pattern import CompiledPattern, build_set, compile_pattern, prepare
from tonkoll.engine.replace import Readings, VerbError, entry_phrases, entry_table, has_rewrite
from tonkoll.rulebook.model import LoadedRule
from tonkoll.rulebook.schema import (
    AbsenceRule,
    ExistenceRule,
    MetricRule,
    PassiveRule,
    PatternRule,
    SubstitutionRule,
)

CHANNELS = ("generic", "facebook", "x", "instagram", "linkedin")

# Payload roles in the shared phrase lookup.
HIT = "hit"  # substitution entry or existence phrase: the rule fires here
BUZZ = "buzz"  # a buzzword counted by a buzzword_density metric
PRESENT = "present"  # a word whose presence silences an absence rule
Payload = tuple[int, str, int]  # (rule index, role, substitution entry or -1)


@dataclass(frozen=True)
class PassivePlan:
    rule: LoadedRule
    mode: str
    stop: frozenset[str]


@dataclass(frozen=True)
class AbsencePlan:
    rule: LoadedRule
    pattern: CompiledPattern | None
    min_words: int


@dataclass(frozen=True, slots=True)
class MetricPlan:
    """A metric rule's settings, read from its spec once at load time (not per post)."""

    rule: LoadedRule
    metric: str
    whole_text: bool  # scope: text
    min_words: int
    limits: dict[str, float]  # max_by_channel
    default: float | None  # max
    bound: Bound | None  # a cheap figure the measure never exceeds

    def limit(self, channel: str) -> float | None:
        return self.limits.get(channel, self.default)


@dataclass(frozen=True, slots=True)
class FindingText:
    """What every finding of one rule shares, read from its spec once at load time (a post's
    findings then need no isinstance checks, list copies or placeholder scans)."""

    message: str
    fills: bool  # the message has {placeholders}
    needs_numbers: bool  # … among them {value} or {limit}
    explanation: str
    handbook: str
    by_entry: tuple[tuple[str, ...], ...]  # substitution: suggestions per entry
    suggest: tuple[str, ...]  # existence, pattern: the suggestions of every hit
    replace_by_entry: tuple[dict[str, Readings], ...] = ()  # substitution: matched -> readings
    message_plain: str = ""  # said when a finding has no replacement ("" = message)
    may_replace: bool = False  # replacement tables or a construction rewrite: worth asking

    def suggestions(self, entry: int) -> tuple[str, ...]:
        if self.by_entry:
            return self.by_entry[entry] if 0 <= entry < len(self.by_entry) else ()
        return self.suggest


def finding_text(rule: LoadedRule) -> FindingText:
    spec = rule.spec
    message = spec.message
    by_entry: tuple[tuple[str, ...], ...] = ()
    suggest: tuple[str, ...] = ()
    replace_by_entry: tuple[dict[str, Readings], ...] = ()
    if isinstance(spec, SubstitutionRule):
        by_entry = tuple(tuple(e.suggest) for e in spec.entries)
        replace_by_entry = tuple(entry_table(e, rule.language) for e in spec.entries)
    elif isinstance(spec, (ExistenceRule, PatternRule)):
        suggest = tuple(spec.suggest)
        if spec.replace:  # one table, as if one entry: matched phrase -> replacements
            replace_by_entry = ({" ".join(k.lower().split()): (("", tuple(v)),)
                                 for k, v in spec.replace.items()},)
    plain = spec.message_plain or ""
    return FindingText(message, "{" in message + plain or "}" in message + plain,
                       "{value" in message or "{limit" in message, spec.explanation,
                       spec.handbook, by_entry, suggest, replace_by_entry,
                       spec.message_plain or "",
                       bool(replace_by_entry) or has_rewrite(rule.id))


@dataclass(frozen=True)
class LanguagePlan:
    rules: tuple[LoadedRule, ...]  # enabled rules of this language
    lookup: PhraseLookup[Payload] = field(default_factory=PhraseLookup)
    patterns: tuple[CompiledPattern, ...] = ()
    pattern_set: re2.Set | None = None
    passives: tuple[PassivePlan, ...] = ()
    metrics: tuple[MetricPlan, ...] = ()
    absences: tuple[AbsencePlan, ...] = ()
    empty_phrases: tuple[tuple[str, str], ...] = ()  # (rule id, phrase) that can never match
    live_by_channel: dict[str, frozenset[int]] = field(default_factory=dict)
    index_of: dict[str, int] = field(default_factory=dict)
    metric_limits: dict[str, tuple[tuple[MetricPlan, float], ...]] = field(default_factory=dict)
    texts: dict[int, FindingText] = field(default_factory=dict)  # rule index -> its texts

    def metrics_for(self, channel: str) -> tuple[tuple[MetricPlan, float], ...]:
        """(metric, its limit on this channel) for the metrics that have one there."""
        found = self.metric_limits.get(channel)
        return found if found is not None else _with_limits(self.metrics, channel)

    def live(self, channel: str, disabled: frozenset[str]) -> frozenset[int]:
        """Indexes of the rules that run for this channel, minus the disabled ones."""
        live = self.live_by_channel.get(channel)
        if live is None:
            live = frozenset(r.index for r in self.rules if not r.spec.channels)
        if disabled:
            live = live - {self.index_of[d] for d in disabled if d in self.index_of}
        return live


def _with_limits(metrics: Sequence[MetricPlan],
                 channel: str) -> tuple[tuple[MetricPlan, float], ...]:
    with_limit = ((mp, mp.limit(channel)) for mp in metrics)
    return tuple((mp, limit) for mp, limit in with_limit if limit is not None)


class PlanError(ValueError):
    """A rule that cannot be compiled; carries the rule so the loader can name its line."""

    def __init__(self, rule: LoadedRule, message: str, key: str = "") -> None:
        super().__init__(message)
        self.rule = rule
        self.key = key


def _compile(rule: LoadedRule, source: str, case_sensitive: bool, group: int,
             key: str) -> CompiledPattern:
    try:
        regex = compile_pattern(source, case_sensitive)
    except ValueError as exc:
        raise PlanError(rule, str(exc), key) from exc
    if group > regex.groups:
        raise PlanError(rule, f"group: {group} finns inte; mönstret har {regex.groups} grupper",
                        "group")
    return CompiledPattern(rule.index, regex, group, r"\b" in source)


def build_plan(rules: Sequence[LoadedRule]) -> LanguagePlan:
    """Everything compiled once: one phrase lookup, one RE2 set, per-kind lists."""
    lookup: PhraseLookup[Payload] = PhraseLookup()
    patterns: list[CompiledPattern] = []
    sources: list[str] = []
    passives: list[PassivePlan] = []
    metrics: list[MetricPlan] = []
    absences: list[AbsencePlan] = []
    empty: list[tuple[str, str]] = []

    def add(phrase: str, payload: Payload, rule: LoadedRule) -> None:
        if not lookup.add(phrase, payload):
            empty.append((rule.id, phrase))

    active = tuple(r for r in rules if r.enabled)
    for rule in active:
        spec = rule.spec
        if isinstance(spec, SubstitutionRule):
            for e_index, entry in enumerate(spec.entries):
                try:
                    phrases = entry_phrases(entry, rule.language)
                except VerbError as exc:
                    raise PlanError(rule, str(exc), "entries") from exc
                for form in phrases:
                    add(form, (rule.index, HIT, e_index), rule)
        elif isinstance(spec, ExistenceRule):
            for phrase in spec.phrases:
                add(phrase, (rule.index, HIT, -1), rule)
        elif isinstance(spec, PatternRule):
            patterns.append(_compile(rule, spec.pattern, spec.case_sensitive, spec.group,
                                     "pattern"))
            sources.append(prepare(spec.pattern, spec.case_sensitive))
        elif isinstance(spec, PassiveRule):
            stop = frozenset(w.lower() for w in spec.except_)
            passives.append(PassivePlan(rule, spec.mode, stop))
        elif isinstance(spec, MetricRule):
            for word in spec.words:
                add(word, (rule.index, BUZZ, -1), rule)
            limits: dict[str, float] = {ch: v for ch, v in spec.max_by_channel.items()}
            whole = spec.scope == "text"
            metrics.append(MetricPlan(rule, spec.metric, whole, spec.min_words, limits, spec.max,
                                      upper_bound(spec.metric, whole)))
        elif isinstance(spec, AbsenceRule):
            for word in spec.absent:
                add(word, (rule.index, PRESENT, -1), rule)
            extra = None
            if spec.also_absent_pattern:
                extra = _compile(rule, spec.also_absent_pattern, False, 0, "also_absent_pattern")
            absences.append(AbsencePlan(rule, extra, spec.min_words))
    pattern_set = build_set(sources)
    live_by_channel = {
        channel: frozenset(r.index for r in active
                           if not r.spec.channels or channel in r.spec.channels)
        for channel in CHANNELS
    }
    return LanguagePlan(active, lookup, tuple(patterns), pattern_set, tuple(passives),
                        tuple(metrics), tuple(absences), tuple(empty), live_by_channel,
                        {r.id: r.index for r in active},
                        {channel: _with_limits(metrics, channel) for channel in CHANNELS},
                        {r.index: finding_text(r) for r in active})

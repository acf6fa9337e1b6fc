"""kind: metric — a measure of the whole post or of each sentence, compared with a limit (`max`,
or `max_by_channel`). The measures themselves are in engine/metric.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Annotated, Literal, cast

from pydantic import Field, model_validator

from tonkoll.channels import Channel
from tonkoll.engine.kinds.base import (
    MAX_SPANS,
    Hit,
    Hits,
    Kind,
    KindPlan,
    Post,
    RuleRef,
    Shared,
    new_hit,
    opening_span,
)
from tonkoll.engine.metric import Bound, measure_sentences, measure_text, overflow_span, upper_bound
from tonkoll.rulebook.markdown import md
from tonkoll.rulebook.schema import NonEmpty, RuleBase
from tonkoll.text.segment import Segmentation

MAX_CHANNELS = 16  # limits per channel kept ready
MetricName = Literal[
    "lix", "sentence_words", "chars", "exclamations", "caps_words", "hashtags", "emoji",
    "buzzword_density", "paragraph_words", "first_sentence_chars",
]


class MetricRule(RuleBase):
    kind: Literal["metric"]
    metric: MetricName
    scope: Literal["text", "sentence"] = "text"
    max: float | None = None
    min_words: Annotated[int, Field(ge=0)] = 0
    max_by_channel: dict[Channel, float] = Field(default_factory=dict)
    words: list[NonEmpty] = Field(default_factory=list)

    @model_validator(mode="after")
    def _needs_limit(self) -> MetricRule:
        if self.max is None and not self.max_by_channel:
            raise ValueError("en metric-regel behöver max: eller max_by_channel:")
        if self.metric == "buzzword_density" and not self.words:
            raise ValueError("buzzword_density behöver en lista words:")
        return self


def _spec(spec: RuleBase) -> MetricRule:
    return cast(MetricRule, spec)


@dataclass(frozen=True, slots=True)
class OneMetric:
    """A metric rule's settings, read from its spec once at load time (not per post)."""

    index: int  # the rule's
    metric: str
    whole_text: bool  # scope: text
    min_words: int
    limits: dict[str, float]  # max_by_channel
    default: float | None  # max
    bound: Bound | None  # a cheap figure the measure never exceeds

    def limit(self, channel: str) -> float | None:
        return self.limits.get(channel, self.default)


@dataclass(frozen=True, slots=True)
class MetricPlan(KindPlan):
    rules: tuple[OneMetric, ...]
    # channel -> (metric, its limit there) for the metrics that have one; filled on first use
    by_channel: dict[str, tuple[tuple[OneMetric, float], ...]] = field(default_factory=dict)

    def for_channel(self, channel: str) -> tuple[tuple[OneMetric, float], ...]:
        found = self.by_channel.get(channel)
        if found is None:
            with_limit = ((m, m.limit(channel)) for m in self.rules)
            found = tuple((m, limit) for m, limit in with_limit if limit is not None)
            if len(self.by_channel) < MAX_CHANNELS:  # an odd channel name cannot grow it
                self.by_channel[channel] = found
        return found

    def run(self, post: Post, hits: Hits) -> None:
        seg = post.seg
        for rule, limit in self.for_channel(post.channel):
            index = rule.index
            if index not in post.live or seg.words < rule.min_words:
                continue
            if rule.bound is not None and rule.bound(seg) <= limit:
                continue  # the measure cannot exceed the limit: skip it
            buzz = [(h.start, h.end) for h in post.phrases.get(index, ())]
            found = _metric_hits(rule, limit, seg, buzz)
            if found:
                hits[index] = found


def _metric_hits(rule: OneMetric, limit: float, seg: Segmentation,
                 buzz: list[tuple[int, int]]) -> list[Hit]:
    """Hits of one metric rule whose cheap checks (min_words, upper bound) have passed."""
    if rule.whole_text:
        value, spans = measure_text(rule.metric, seg, buzz)
        if value <= limit:
            return []
        if rule.metric == "chars":
            over = overflow_span(seg.text, limit)
            spans = [over] if over else spans
        if not spans:
            spans = [opening_span(seg)]
        return [new_hit(Hit, (s, e, -1, value, limit)) for s, e in spans[:MAX_SPANS] if e > s] or [
            Hit(0, 0, -1, value, limit)
        ]
    out: list[Hit] = []
    for _sentence, (value, spans) in measure_sentences(rule.metric, seg, buzz):
        if value > limit:
            out.extend(new_hit(Hit, (s, e, -1, value, limit)) for s, e in spans if e > s)
    return out


class Metric(Kind):
    name = "metric"
    spec = MetricRule
    label = "mått"
    finds_words = False  # about sentences or the whole post: "fires somewhere" is enough

    def compile(self, rules: Sequence[RuleRef], shared: Shared) -> KindPlan:
        out: list[OneMetric] = []
        for rule in rules:
            spec = _spec(rule.spec)
            for word in spec.words:
                shared.add_phrase(rule, word)
            whole = spec.scope == "text"
            out.append(OneMetric(rule.index, spec.metric, whole, spec.min_words,
                                 {ch: v for ch, v in spec.max_by_channel.items()}, spec.max,
                                 upper_bound(spec.metric, whole)))
        return MetricPlan(tuple(out))

    def whole_text(self, spec: RuleBase) -> bool:
        return _spec(spec).scope == "text"

    def lint(self, spec: RuleBase) -> list[str]:
        rule = _spec(spec)
        unused = set(rule.max_by_channel) - set(rule.channels) if rule.channels else set()
        if unused:
            return [f"max_by_channel för {sorted(unused)} används aldrig (kanalen finns inte i "
                    "channels)"]
        return []

    def details(self, spec: RuleBase) -> list[str]:
        rule = _spec(spec)
        limit = f"högst {rule.max:g}" if rule.max is not None else ""
        per = ", ".join(f"{k}: {v:g}" for k, v in rule.max_by_channel.items())
        lines = [f"- Mått: {rule.metric} per {'text' if rule.scope == 'text' else 'mening'}"
                 f"{', ' + limit if limit else ''}{' (' + per + ')' if per else ''}"
                 f"{f', från {rule.min_words} ord' if rule.min_words else ''}"]
        if rule.words:
            lines.append(f"- Ord: {', '.join(md(w) for w in rule.words)}")
        return lines


KIND = Metric()

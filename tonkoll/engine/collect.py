"""Run every kind over one segmented post and collect raw hits per rule (no ranking yet)."""

from __future__ import annotations

from operator import attrgetter
from typing import NamedTuple

from tonkoll.engine.absence import absence_span
from tonkoll.engine.metric import measure_sentences, measure_text, overflow_span
from tonkoll.engine.passive import find_passives
from tonkoll.engine.pattern import utf8
from tonkoll.engine.plan import BUZZ, HIT, PRESENT, LanguagePlan, MetricPlan
from tonkoll.text.segment import Segmentation

_LOWER = attrgetter("lower")
MAX_SPANS = 100  # per finding: more underlines help nobody, and a hostile post stays cheap


class Hit(NamedTuple):
    """One place a rule fires; a NamedTuple because every post makes many and they must be cheap."""

    start: int
    end: int
    entry: int = -1  # substitution entry index
    value: float | None = None
    limit: float | None = None


# Hit(...) goes through a Python-level __new__; hot loops build the tuple directly, with every
# field in order: _hit(Hit, (start, end, entry, value, limit)).
_hit = tuple.__new__


def collect(
    seg: Segmentation, plan: LanguagePlan, channel: str, disabled: frozenset[str]
) -> dict[int, list[Hit]]:
    """rule index -> hits, for the rules that apply."""
    hits: dict[int, list[Hit]] = {}
    live = plan.live(channel, disabled)
    if not live:
        return hits
    tokens = seg.tokens
    keys = list(map(_LOWER, tokens))  # read once, for the phrase lookup and the passives
    buzz: dict[int, list[tuple[int, int]]] = {}
    present: set[int] = set()
    for first, last, (rule_index, role, entry) in plan.lookup.scan(keys):
        if rule_index not in live:
            continue
        start, end = tokens[first].start, tokens[last].end
        if role == HIT:
            hits.setdefault(rule_index, []).append(_hit(Hit, (start, end, entry, None, None)))
        elif role == BUZZ:
            buzz.setdefault(rule_index, []).append((start, end))
        elif role == PRESENT:
            present.add(rule_index)
    data = utf8(seg)  # encoded once: RE2 matches bytes (see pattern.py)
    if plan.patterns:
        if plan.pattern_set is not None:
            matching = plan.pattern_set.Match(data) or ()
        else:
            matching = range(len(plan.patterns))
        for i in matching:
            pat = plan.patterns[i]
            if pat.rule_index in live:
                for start, end in pat.find(seg, data):
                    hits.setdefault(pat.rule_index, []).append(
                        _hit(Hit, (start, end, -1, None, None)))
    for pp in plan.passives:
        if pp.rule.index in live:
            for start, end in find_passives(seg, pp.mode, pp.stop, keys):
                hits.setdefault(pp.rule.index, []).append(_hit(Hit, (start, end, -1, None, None)))
    for mp, limit in plan.metrics_for(channel):
        index = mp.rule.index
        if index not in live or seg.words < mp.min_words:
            continue
        if mp.bound is not None and mp.bound(seg) <= limit:
            continue  # the measure cannot exceed the limit: skip it
        found = _metric_hits(mp, limit, seg, buzz.get(index, []))
        if found:
            hits[index] = found
    for ap in plan.absences:
        if ap.rule.index in live:
            span = absence_span(seg, ap.rule.index in present, ap.pattern, ap.min_words,
                                data)
            if span is not None:
                hits[ap.rule.index] = [Hit(*span)]
    return hits


def _metric_hits(mp: MetricPlan, limit: float, seg: Segmentation,
                 buzz: list[tuple[int, int]]) -> list[Hit]:
    """Hits of one metric rule whose cheap checks (min_words, upper bound) have passed."""
    if mp.whole_text:
        value, spans = measure_text(mp.metric, seg, buzz)
        if value <= limit:
            return []
        if mp.metric == "chars":
            over = overflow_span(seg.text, limit)
            spans = [over] if over else spans
        if not spans:
            spans = [seg.first_sentence_span()]
        return [_hit(Hit, (s, e, -1, value, limit)) for s, e in spans[:MAX_SPANS] if e > s] or [
            Hit(0, 0, -1, value, limit)
        ]
    out: list[Hit] = []
    for _sentence, (value, spans) in measure_sentences(mp.metric, seg, buzz):
        if value > limit:
            out.extend(_hit(Hit, (s, e, -1, value, limit)) for s, e in spans if e > s)
    return out

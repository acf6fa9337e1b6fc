"""Run every kind's plan over one segmented post and collect raw hits per rule (no ranking yet)."""

from __future__ import annotations

from tonkoll.engine.kinds.base import MAX_SPANS, Hit, Hits, Post, new_hit
from tonkoll.engine.pattern import utf8
from tonkoll.engine.plan import LanguagePlan
from tonkoll.text.segment import Segmentation

__all__ = ["MAX_SPANS", "Hit", "collect"]


def collect(seg: Segmentation, plan: LanguagePlan, channel: str,
            disabled: frozenset[str]) -> Hits:
    """rule index -> hits, for the rules that apply."""
    hits: Hits = {}
    live = plan.live(channel, disabled)
    if not live:
        return hits
    tokens = seg.tokens
    keys = seg.keys  # for the phrase lookup and the passives
    phrases: Hits = {}  # one pass for every kind's words and phrases
    presence_only = plan.presence_only
    for first, last, (rule_index, entry) in plan.lookup.scan(keys):
        if rule_index in live:
            found = phrases.get(rule_index)
            if found is None:
                found = phrases[rule_index] = []
            elif rule_index in presence_only:
                continue  # "is one of them there?" is answered
            found.append(new_hit(Hit, (tokens[first].start, tokens[last].end, entry, None, None)))
    post = Post(seg, keys, utf8(seg), channel, live, phrases)
    for kind_plan in plan.kinds.values():
        kind_plan.run(post, hits)
    return hits

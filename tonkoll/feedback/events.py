"""What a client may report: per rule, how a hint was treated. No text, no words, no user.

A batch is validated strictly (unknown fields, wrong values, an `applied` event without the
index of its replacement: all refused), then folded into counter keys, so that a batch of 50
clicks on the same rule becomes one upsert.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tonkoll.channels import Channel

EventKind = Literal["shown", "applied", "ignored", "disabled"]
EVENT_KINDS: tuple[EventKind, ...] = ("shown", "applied", "ignored", "disabled")

MAX_EVENTS = 500  # entries per batch (the extension sends at most 50 events a minute)
MAX_COUNT = 1000  # one entry may stand for this many events of the same kind
MAX_REPLACEMENTS = 20

RULE_ID = r"^[a-z0-9-]+\.[a-z0-9-]+$"
RULES_VERSION = r"^[A-Za-z0-9._-]+$"


class FeedbackEvent(BaseModel):
    """One kind of event for one rule, `count` times. `replacement` (applied only) is the index
    of the applied replacement in the finding's `replacements`; `offered` (shown only) is how
    many replacements the hint offered."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rule_id: str = Field(min_length=3, max_length=80, pattern=RULE_ID)
    event: EventKind
    language: Literal["sv", "en"]
    channel: Channel
    rules_version: str = Field(min_length=1, max_length=40, pattern=RULES_VERSION)
    count: int = Field(default=1, ge=1, le=MAX_COUNT)
    replacement: int | None = Field(default=None, ge=0, lt=MAX_REPLACEMENTS)
    offered: int = Field(default=0, ge=0, le=MAX_REPLACEMENTS)

    @model_validator(mode="after")
    def _fields_fit_the_event(self) -> FeedbackEvent:
        if self.event == "applied" and self.replacement is None:
            raise ValueError("Ett applied-event behöver replacement (ersättningens nummer).")
        if self.event != "applied" and self.replacement is not None:
            raise ValueError("replacement hör bara till applied-event.")
        if self.event != "shown" and self.offered:
            raise ValueError("offered hör bara till shown-event.")
        return self


class FeedbackBatch(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    events: list[FeedbackEvent] = Field(min_length=1, max_length=MAX_EVENTS)


@dataclass(frozen=True, slots=True)
class CounterKey:
    """One row of the daily counters (the day is added when it is stored)."""

    rule_id: str
    language: str
    channel: str
    rules_version: str
    event: str
    replacement: int = -1  # applied: index of the replacement; -1 otherwise
    offered: int = 0  # shown: how many replacements the hint offered


def fold(events: Iterable[FeedbackEvent]) -> Counter[CounterKey]:
    """Sum the events per counter key."""
    totals: Counter[CounterKey] = Counter()
    for e in events:
        key = CounterKey(
            e.rule_id, e.language, e.channel, e.rules_version, e.event,
            -1 if e.replacement is None else e.replacement, e.offered,
        )
        totals[key] += e.count
    return totals

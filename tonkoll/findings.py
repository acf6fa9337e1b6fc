"""The engine's results: plain frozen data, no I/O.

Offsets are Python code points; the web layer converts them to UTF-16 code units.
`Span` and `Finding` are NamedTuples, like the engine's tokens and hits: a post makes a dozen of
each, and a frozen dataclass sets every field through a Python call (a `Finding` cost 1.8 µs
to make, now 0.7; docs/engine.md, "Speed"). Change one with `_replace`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Literal, NamedTuple

Level = Literal["hint", "warning", "praise"]
Language = Literal["sv", "en"]


class Span(NamedTuple):
    offset: int
    length: int
    text: str


class Finding(NamedTuple):
    rule_id: str
    theme: str
    level: Level
    message: str
    explanation: str
    handbook: str
    offset: int
    length: int
    matched: str
    suggestions: tuple[str, ...] = ()
    spans: tuple[Span, ...] = ()
    impact: int = 0
    primary: bool = False
    replacements: tuple[str, ...] = ()  # exact texts to put in place of offset/length


@dataclass(frozen=True, slots=True)
class Readability:
    """Readability figures of a post. Its fields are the one list of readability figures: the
    HTTP answer is built from READABILITY_FIELDS, and a test pins the API schema to them."""

    lix: float
    band: str
    words: int
    sentences: int
    words_per_sentence: float
    long_words: int


READABILITY_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Readability))


@dataclass(frozen=True, slots=True)
class Report:
    language: Language
    findings: tuple[Finding, ...]
    strengths: tuple[Finding, ...]
    scores: dict[str, int] = field(default_factory=dict)
    readability: Readability = Readability(0.0, "mycket lätt", 0, 0, 0.0, 0)
    rules_version: str = ""

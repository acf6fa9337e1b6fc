"""The engine's results: plain frozen data, no I/O.

Offsets are Python code points; the web layer converts them to UTF-16 code units.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Literal

Level = Literal["hint", "warning", "praise"]
Language = Literal["sv", "en"]


@dataclass(frozen=True, slots=True)
class Span:
    offset: int
    length: int
    text: str


@dataclass(frozen=True, slots=True)
class Finding:
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


# The engine builds a Span per underline, a Finding per hint and a Report for every post. The
# __init__ a frozen dataclass gets pays object.__setattr__ per field (a Finding costs about as
# much as ranking it), so the engine uses the new_* constructors, which fill the slots
# directly: the same objects with the same fields, all given positionally in field order.
_new = object.__new__


def _setters(cls: type) -> tuple[Callable[[object, object], None], ...]:
    return tuple(vars(cls)[f.name].__set__ for f in fields(cls))


_SPAN_SET = _setters(Span)


def new_span(offset: int, length: int, text: str) -> Span:
    """Span(offset, length, text), built faster (see above)."""
    span: Span = _new(Span)
    set_offset, set_length, set_text = _SPAN_SET
    set_offset(span, offset)
    set_length(span, length)
    set_text(span, text)
    return span


_FINDING_SET = _setters(Finding)


def new_finding(
    rule_id: str, theme: str, level: Level, message: str, explanation: str, handbook: str,
    offset: int, length: int, matched: str, suggestions: tuple[str, ...],
    spans: tuple[Span, ...], impact: int, primary: bool, replacements: tuple[str, ...] = (),
) -> Finding:
    """Finding(...) with every field in order, built faster (see above)."""
    f: Finding = _new(Finding)
    (set_rule_id, set_theme, set_level, set_message, set_explanation, set_handbook, set_offset,
     set_length, set_matched, set_suggestions, set_spans, set_impact, set_primary,
     set_replacements) = _FINDING_SET
    set_rule_id(f, rule_id)
    set_theme(f, theme)
    set_level(f, level)
    set_message(f, message)
    set_explanation(f, explanation)
    set_handbook(f, handbook)
    set_offset(f, offset)
    set_length(f, length)
    set_matched(f, matched)
    set_suggestions(f, suggestions)
    set_spans(f, spans)
    set_impact(f, impact)
    set_primary(f, primary)
    set_replacements(f, replacements)
    return f


@dataclass(frozen=True, slots=True)
class Readability:
    lix: float
    band: str
    words: int
    sentences: int
    words_per_sentence: float
    long_words: int


@dataclass(frozen=True, slots=True)
class Report:
    language: Language
    findings: tuple[Finding, ...]
    strengths: tuple[Finding, ...]
    scores: dict[str, int] = field(default_factory=dict)
    readability: Readability = Readability(0.0, "mycket lätt", 0, 0, 0.0, 0)
    rules_version: str = ""


_READABILITY_SET = _setters(Readability)
_REPORT_SET = _setters(Report)


def new_readability(lix: float, band: str, words: int, sentences: int,
                    words_per_sentence: float, long_words: int) -> Readability:
    """Readability(...) with every field in order, built faster (see above)."""
    r: Readability = _new(Readability)
    (set_lix, set_band, set_words, set_sentences, set_words_per_sentence,
     set_long_words) = _READABILITY_SET
    set_lix(r, lix)
    set_band(r, band)
    set_words(r, words)
    set_sentences(r, sentences)
    set_words_per_sentence(r, words_per_sentence)
    set_long_words(r, long_words)
    return r


def new_report(language: Language, findings: tuple[Finding, ...], strengths: tuple[Finding, ...],
               scores: dict[str, int], readability: Readability, rules_version: str) -> Report:
    """Report(...) with every field in order, built faster (see above)."""
    r: Report = _new(Report)
    (set_language, set_findings, set_strengths, set_scores, set_readability,
     set_rules_version) = _REPORT_SET
    set_language(r, language)
    set_findings(r, findings)
    set_strengths(r, strengths)
    set_scores(r, scores)
    set_readability(r, readability)
    set_rules_version(r, rules_version)
    return r

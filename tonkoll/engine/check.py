"""check(text, book) -> Report: pure; segment once, collect hits, rank, score."""

from __future__ import annotations

from operator import attrgetter

from tonkoll.engine.collect import collect
from tonkoll.engine.rank import build_findings
from tonkoll.engine.score import raw_scores, rounded
from tonkoll.findings import Report
from tonkoll.rulebook.model import Rulebook
from tonkoll.text.language import MAX_WORDS, resolve_language
from tonkoll.text.readability import readability
from tonkoll.text.segment import segment

_LOWER = attrgetter("lower")


def check_detailed(
    text: str, book: Rulebook, language: str = "auto", channel: str = "generic",
    disabled: frozenset[str] = frozenset(),
) -> tuple[Report, dict[str, float]]:
    """The report plus the unrounded scores (used by `tonkoll eval`)."""
    seg = segment(text)
    # The first word tokens' lower-case keys, read from by_kind without a Python loop per token.
    lang = resolve_language(language, map(_LOWER, seg.by_kind.get("word", ())[:MAX_WORDS]),
                            lowered=True)
    plan = book.plans.get(lang)
    raw = collect(seg, plan, channel, frozenset(disabled)) if plan else {}
    findings, strengths, echoes = build_findings(raw, book, seg, lang)
    read = readability(seg)
    scores = raw_scores(findings + echoes, strengths, read, book.themes)  # echoes still count
    report = Report(lang, findings, strengths, rounded(scores), read, book.version)
    return report, scores


def check(
    text: str, book: Rulebook, language: str = "auto", channel: str = "generic",
    disabled: frozenset[str] = frozenset(),
) -> Report:
    """Check one post. Pure: same input, same report; nothing is stored or logged."""
    return check_detailed(text, book, language, channel, disabled)[0]

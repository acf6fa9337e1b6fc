"""Scores 0–100 per theme and overall. Continuous, so that a before/after pair rarely ties.

All tuning constants are here, at the top (the rules engineer may tune them).

theme score  = 100 - PENALTY_SCALE * (sum of finding weights) / (words + WORDS_SMOOTHING) * 100
               (+ readability part for the readability theme), clamped to 0..100
overall      = READABILITY_SHARE * readability part + (1 - READABILITY_SHARE) * finding part
               + PRAISE_BONUS per strength (at most PRAISE_BONUS_MAX), clamped to 0..100
readability part = mean of a LIX part (100 at LIX <= LIX_BEST, 0 at >= LIX_WORST) and a
               sentence-length part (100 at <= WPS_BEST words per sentence, 0 at >= WPS_WORST).
A finding's weight is its level's weight, plus SPAN_WEIGHT for each further span it folds.
"""

from __future__ import annotations

from collections.abc import Iterable

from api.findings import Finding, Readability

LEVEL_WEIGHT = {"warning": 3.0, "hint": 1.0}
SPAN_WEIGHT = 0.3
WHOLE_TEXT_WORDS = 0  # (reserved) extra weight for whole-text findings
PENALTY_SCALE = 4.0  # points per (weight per 100 words)
WORDS_SMOOTHING = 25.0  # short posts are not punished harder than long ones
LIX_BEST, LIX_WORST = 25.0, 65.0
WPS_BEST, WPS_WORST = 10.0, 30.0
READABILITY_SHARE = 0.3
READABILITY_THEME = "lasbarhet"
PRAISE_BONUS, PRAISE_BONUS_MAX = 3.0, 9.0


def _clamp(value: float) -> float:
    return max(0.0, min(100.0, value))


def _linear(value: float, best: float, worst: float) -> float:
    return _clamp(100.0 * (worst - value) / (worst - best))


def readability_part(r: Readability) -> float:
    """0..100 from LIX and words per sentence (100 for an empty text)."""
    if r.words == 0:
        return 100.0
    return (_linear(r.lix, LIX_BEST, LIX_WORST) + _linear(r.words_per_sentence, WPS_BEST,
                                                         WPS_WORST)) / 2.0


def finding_weight(f: Finding) -> float:
    return LEVEL_WEIGHT.get(f.level, 0.0) + SPAN_WEIGHT * max(0, len(f.spans) - 1)


def _penalty(findings: Iterable[Finding], words: int) -> float:
    total = sum(finding_weight(f) for f in findings)
    return PENALTY_SCALE * 100.0 * total / (words + WORDS_SMOOTHING)


def raw_scores(
    findings: tuple[Finding, ...], strengths: tuple[Finding, ...], r: Readability,
    themes: Iterable[str],
) -> dict[str, float]:
    """Unrounded scores per theme and "overall"."""
    read = readability_part(r)
    out: dict[str, float] = {}
    for theme in themes:
        part = 100.0 - _penalty((f for f in findings if f.theme == theme), r.words)
        if theme == READABILITY_THEME:
            part = (part + read) / 2.0
        out[theme] = _clamp(part)
    finding_part = _clamp(100.0 - _penalty(findings, r.words))
    bonus = min(PRAISE_BONUS_MAX, PRAISE_BONUS * len(strengths))
    out["overall"] = _clamp(READABILITY_SHARE * read + (1 - READABILITY_SHARE) * finding_part
                            + bonus)
    return out


def rounded(scores: dict[str, float]) -> dict[str, int]:
    return {k: int(round(v)) for k, v in scores.items()}

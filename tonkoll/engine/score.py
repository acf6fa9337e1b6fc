"""Scores 0–100 per theme and overall: smooth and strictly monotonic, so pairs rarely tie.

All tuning constants are here, at the top (the rules engineer may tune them).

A finding's weight is its level's weight plus SPAN_WEIGHT for each further span it folds.
penalty      = PENALTY_SCALE * (sum of weights) * 100 / (words + WORDS_SMOOTHING)
finding part = 100 * exp(-penalty / 100)            (about 100 - penalty for small penalties)
readability  = mean of two logistic curves: LIX (LIX_MID, LIX_SCALE) and words per sentence
               (WPS_MID, WPS_SCALE); about 92 at LIX 25 / 10 words, 50 at the midpoints
overall      = READABILITY_SHARE * readability + (1 - READABILITY_SHARE) * finding part,
               then praise closes PRAISE_SHARE of the remaining gap to 100 per strength
               (at most PRAISE_SHARE_MAX)
theme        = its own finding part (the readability theme averages in the readability part)
Logistic and exponential curves never flatten at 0 or 100, so a small improvement always moves
the unrounded score (`check_detailed`); the report rounds to integers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from tonkoll.findings import Finding, Readability

LEVEL_WEIGHT = {"warning": 3.0, "hint": 1.0}
SPAN_WEIGHT = 0.3
PENALTY_SCALE = 4.0  # points per (weight per 100 words)
WORDS_SMOOTHING = 25.0  # short posts are not punished harder than long ones
LIX_MID, LIX_SCALE = 45.0, 8.0
WPS_MID, WPS_SCALE = 20.0, 4.0
READABILITY_SHARE = 0.3
READABILITY_THEME = "lasbarhet"
PRAISE_SHARE, PRAISE_SHARE_MAX = 0.04, 0.12


def _logistic_part(value: float, mid: float, scale: float) -> float:
    """100 for very low values, 50 at ``mid``, towards 0 above; strictly decreasing."""
    z = (value - mid) / scale
    if z > 50:
        return 0.0
    return 100.0 / (1.0 + math.exp(z))


def readability_part(r: Readability) -> float:
    """0..100 from LIX and words per sentence (100 for an empty text)."""
    if r.words == 0:
        return 100.0
    return (_logistic_part(r.lix, LIX_MID, LIX_SCALE)
            + _logistic_part(r.words_per_sentence, WPS_MID, WPS_SCALE)) / 2.0


def finding_weight(f: Finding) -> float:
    return LEVEL_WEIGHT.get(f.level, 0.0) + SPAN_WEIGHT * max(0, len(f.spans) - 1)


def _finding_part(weights: Iterable[float], words: int) -> float:
    total = sum(weights)
    penalty = PENALTY_SCALE * 100.0 * total / (words + WORDS_SMOOTHING)
    return 100.0 * math.exp(-penalty / 100.0)


NO_FINDINGS_PART = 100.0  # _finding_part of no weights: exp(0)


def raw_scores(
    findings: tuple[Finding, ...], strengths: tuple[Finding, ...], r: Readability,
    themes: Iterable[str],
) -> dict[str, float]:
    """Unrounded scores per theme and "overall", each within 0..100.

    One pass sorts the finding weights by theme (most themes have none: they score 100).
    """
    read = readability_part(r)
    weights = [finding_weight(f) for f in findings]
    by_theme: dict[str, list[float]] = {}
    for f, weight in zip(findings, weights, strict=True):
        by_theme.setdefault(f.theme, []).append(weight)
    out: dict[str, float] = {}
    for theme in themes:
        theme_weights = by_theme.get(theme)
        part = _finding_part(theme_weights, r.words) if theme_weights else NO_FINDINGS_PART
        if theme == READABILITY_THEME:
            part = (part + read) / 2.0
        out[theme] = part
    base = READABILITY_SHARE * read + (1 - READABILITY_SHARE) * _finding_part(weights, r.words)
    share = min(PRAISE_SHARE_MAX, PRAISE_SHARE * len(strengths))
    out["overall"] = base + (100.0 - base) * share
    return out


def rounded(scores: dict[str, float]) -> dict[str, int]:
    return {k: (0 if n < 0 else 100 if n > 100 else n)
            for k, n in zip(scores, map(round, scores.values()), strict=True)}

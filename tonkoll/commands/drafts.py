"""The drafts figures of `tonkoll eval`: do the scores order realistic drafts as an editor does?

A drafts file (tests/data/drafts/README.md) has, per line, {"text", "lang", "channel", "kind",
"grade", "rank", "id"}: `rank` is the editor's order (1 = best), `kind` is one of good, neutral,
notice, officialese. Each draft is checked for its own channel. The figures (issue 12):
- Spearman's rank correlation between the editor's order and the overall score (goal ≥ 0.92);
- findings (hints and warnings) on the good drafts, per ten drafts (goal ≤ 1);
- officialese drafts with fewer than two findings (goal: none).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from tonkoll.channels import CHANNELS
from tonkoll.engine import check_detailed
from tonkoll.rulebook.model import Rulebook

GOAL_SPEARMAN = 0.92
GOAL_GOOD_FINDINGS_PER_TEN = 1.0
MIN_OFFICIALESE_FINDINGS = 2


@dataclass(frozen=True)
class Draft:
    key: str
    kind: str
    grade: int
    rank: int  # the editor's, 1 = best
    overall: float  # unrounded
    findings: tuple[str, ...]  # rule ids, one per finding


def is_drafts(records: Sequence[Mapping[str, Any]]) -> bool:
    return bool(records) and all("rank" in r and "kind" in r for r in records)


def evaluate_drafts(records: Iterable[tuple[int, Mapping[str, Any]]], book: Rulebook,
                    channel: str | None = None) -> list[Draft]:
    """Check every draft for its own channel (or `channel` when given)."""
    out = []
    for number, rec in records:
        own = str(rec.get("channel", "generic"))
        lang = str(rec["lang"]) if rec.get("lang") in ("sv", "en") else "auto"
        report, scores = check_detailed(str(rec["text"]), book, language=lang,
                                        channel=channel or (own if own in CHANNELS else "generic"))
        out.append(Draft(str(rec.get("id", number)), str(rec["kind"]), int(rec.get("grade", 0)),
                         int(rec["rank"]), scores["overall"],
                         tuple(f.rule_id for f in report.findings)))
    return out


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ties sharing their average rank."""
    order = sorted(range(len(values)), key=values.__getitem__)
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2.0 + 1.0
        i = j + 1
    return out


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's rho: Pearson's correlation of the ranks (None when it is undefined)."""
    if len(xs) < 3:
        return None
    try:
        return statistics.correlation(ranks(xs), ranks(ys))
    except statistics.StatisticsError:  # every value the same
        return None


def figures(drafts: Sequence[Draft]) -> dict[str, Any]:
    good = [d for d in drafts if d.kind == "good"]
    official = [d for d in drafts if d.kind == "officialese"]
    # the editor's rank 1 is the best, the score's highest is the best: compare -rank with score
    rho = spearman([-d.rank for d in drafts], [d.overall for d in drafts])
    rho_grade = spearman([d.grade for d in drafts], [d.overall for d in drafts])
    good_findings = sum(len(d.findings) for d in good)
    return {
        "drafts": len(drafts),
        "spearman_rank": None if rho is None else round(rho, 3),
        "spearman_grade": None if rho_grade is None else round(rho_grade, 3),
        "good_drafts": len(good),
        "good_findings": good_findings,
        "good_findings_per_ten": round(10.0 * good_findings / len(good), 2) if good else None,
        "officialese_drafts": len(official),
        "officialese_under_two": [d.key for d in official
                                  if len(d.findings) < MIN_OFFICIALESE_FINDINGS],
    }


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:g}".replace(".", ",")


def print_drafts(drafts: Sequence[Draft], out: TextIO) -> None:
    f = figures(drafts)
    write = out.write
    write(f"\nUtkast ({f['drafts']}), i redaktörens ordning (bäst först):\n")
    for d in sorted(drafts, key=lambda d: d.rank):
        write(f"  {d.rank:>3}. {d.key:<16} {d.kind:<12} betyg {d.grade}  poäng {d.overall:5.1f}  "
              f"{', '.join(d.findings) or '–'}\n")
    rho = f["spearman_rank"]
    write(f"Rangkorrelation (Spearman) mellan redaktörens ordning och totalpoängen: {_fmt(rho)} "
          f"(mål ≥ 0,92) {'✓' if rho is not None and rho >= GOAL_SPEARMAN else '✗'}"
          f"  [mot betyget: {_fmt(f['spearman_grade'])}]\n")
    per_ten = f["good_findings_per_ten"]
    if per_ten is not None:
        write(f"Bra utkast: {f['good_findings']} tips på {f['good_drafts']} utkast, "
              f"{_fmt(per_ten)} per tio (mål ≤ 1) "
              f"{'✓' if per_ten <= GOAL_GOOD_FINDINGS_PER_TEN else '✗'}\n")
    if f["officialese_drafts"]:
        under = f["officialese_under_two"]
        write(f"Myndighetsspråk: {len(under)} av {f['officialese_drafts']} utkast har färre än "
              f"två tips (mål 0) {'✓' if not under else '✗'}"
              f"{'  (' + ', '.join(under) + ')' if under else ''}\n")

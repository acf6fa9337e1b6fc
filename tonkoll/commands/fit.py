"""The fit figure of `tonkoll eval`: how often a replacement, put in place, gives the accepted
sentence.

Two sources (eval/README.md):
- fixes files: {"text", "lang", "target", "accept": [...]} per line;
- labelled before/after pairs (`pair_id`, `role`) whose edit is a single span: the before text
  with the changed words as target and the after text as the one accepted sentence.
A case fits when one of the first three replacements of a finding that overlaps the target,
put in place of that finding's span, gives an accepted sentence (whitespace collapsed, the first
letter's case ignored).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TextIO

from tonkoll.engine import check
from tonkoll.findings import Finding
from tonkoll.rulebook.model import Rulebook

FIRST = 3  # replacements a case may use
GOAL = 80.0  # percent of kept-back cases (issue 11)


@dataclass(frozen=True)
class Case:
    key: str
    lang: str
    text: str
    target: str
    accept: tuple[str, ...]


@dataclass
class Outcome:
    case: Case
    fits: bool
    flagged: bool  # some finding overlaps the target
    offered: list[str] = field(default_factory=list)  # the sentences the replacements give


def normal(sentence: str) -> str:
    """Whitespace collapsed, the first letter lower-case."""
    text = " ".join(sentence.split())
    return text[:1].lower() + text[1:]


def is_fixes(records: list[Mapping[str, Any]]) -> bool:
    return bool(records) and all("target" in r and "accept" in r for r in records)


def fixes_cases(records: Iterable[tuple[int, Mapping[str, Any]]]) -> list[Case]:
    return [Case(str(r.get("id", n)), str(r.get("lang", "auto")), str(r["text"]),
                 str(r["target"]), tuple(str(a) for a in r["accept"])) for n, r in records]


def single_span_edit(before: str, after: str) -> tuple[int, int] | None:
    """(start, end) in ``before`` of the one stretch the edit changed, widened to whole words;
    None when nothing changed or the edit touches more than a quarter of the text."""
    if before == after:
        return None
    p = 0
    while p < min(len(before), len(after)) and before[p] == after[p]:
        p += 1
    s = 0
    while (s < min(len(before), len(after)) - p
           and before[len(before) - 1 - s] == after[len(after) - 1 - s]):
        s += 1
    start, end = p, len(before) - s
    while start > 0 and before[start - 1].isalnum():
        start -= 1
    while end < len(before) and before[end].isalnum():
        end += 1
    if end - start > max(40, len(before) // 4) or end <= start:
        return None
    return start, end


def pair_cases(records: Iterable[tuple[int, Mapping[str, Any]]]) -> list[Case]:
    """Before/after pairs whose edit is a single span, as cases."""
    twins: dict[str, dict[str, Mapping[str, Any]]] = defaultdict(dict)
    for _n, r in records:
        if r.get("pair_id") and r.get("role") in ("before", "after"):
            twins[str(r["pair_id"])][str(r["role"])] = r
    out: list[Case] = []
    for pair_id, roles in sorted(twins.items()):
        if "before" not in roles or "after" not in roles:
            continue
        before, after = str(roles["before"]["text"]), str(roles["after"]["text"])
        span = single_span_edit(before, after)
        if span is not None:
            out.append(Case(pair_id, str(roles["before"].get("lang", "auto")), before,
                            before[span[0]:span[1]], (after,)))
    return out


def _target_span(case: Case) -> tuple[int, int]:
    at = case.text.lower().find(case.target.lower())
    return (at, at + len(case.target)) if at >= 0 else (0, len(case.text))


def judge(case: Case, book: Rulebook) -> Outcome:
    report = check(case.text, book, language=case.lang if case.lang in ("sv", "en") else "auto")
    t_start, t_end = _target_span(case)
    accepted = {normal(a) for a in case.accept}
    flagged = False
    offered: list[str] = []
    finding: Finding
    for finding in report.findings:
        if finding.offset >= t_end or finding.offset + finding.length <= t_start:
            continue
        flagged = True
        for value in finding.replacements[:FIRST]:
            fixed = (case.text[:finding.offset] + value
                     + case.text[finding.offset + finding.length:])
            offered.append(fixed)
            if normal(fixed) in accepted:
                return Outcome(case, True, True, offered)
    return Outcome(case, False, flagged, offered)


@dataclass
class FitSummary:
    outcomes: list[Outcome]

    def figure(self) -> tuple[int, int, float]:
        n = len(self.outcomes)
        fits = sum(o.fits for o in self.outcomes)
        return fits, n, round(100.0 * fits / n, 1) if n else 0.0


def evaluate_fit(cases: list[Case], book: Rulebook) -> FitSummary:
    return FitSummary([judge(c, book) for c in cases])


def print_fit(summary: FitSummary, out: TextIO, title: str, goal: bool = True) -> None:
    """The figure and every miss. ``goal``: show the issue's goal (fixes files); the pairs of
    an eval file are editors' rewrites that often add facts, so no goal is shown for them."""
    fits, n, pct = summary.figure()
    mark = (" (mål ≥ 80 %) " + ("✓" if pct >= GOAL else "✗")) if goal else ""
    out.write(f"\n{title}: ersättningen ger en godtagen mening i {fits} av {n} fall "
              f"({str(pct).replace('.', ',')} %){mark}\n")
    for o in summary.outcomes:
        if o.fits:
            continue
        why = "ingen träff på målorden" if not o.flagged else (
            "träff men ingen ersättning" if not o.offered else "ersättningen passar inte")
        out.write(f"  ✗ {o.case.key}: {o.case.text}  ({why})\n")
        for sentence in o.offered:
            out.write(f"      → {sentence}\n")


def fit_json(summary: FitSummary) -> dict[str, Any]:
    fits, n, pct = summary.figure()
    return {"cases": n, "fits": fits, "fit_rate": pct,
            "misses": [{"id": o.case.key, "text": o.case.text, "flagged": o.flagged,
                        "offered": o.offered} for o in summary.outcomes if not o.fits]}


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False)

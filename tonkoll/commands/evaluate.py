"""tonkoll eval FILE.jsonl …: how the rules behave on labelled real texts.

Input (bench/data/README.md): {"text", "label", "lang", "pair_id"?, "role"?, "id"?} per line, in
one or more files. Pairs are compared on the unrounded overall score (the report shows it
rounded); a tie is a miss.

Every text belongs to a fixed part (`part_of`): the *tuning* part, which rule authors may look at
and tune on, and the *checking* part, which only judges a change. The part follows from a hash of
the text's pair id (so both halves of a pair stay together), else its id, else its text: the same
text always lands in the same part, whichever file holds it and in whatever order.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from tonkoll.commands import fit
from tonkoll.commands.common import EXIT_OK, jsonl_records, load, open_lines
from tonkoll.engine import check_detailed

GOAL_WIN_RATE = 95.0  # percent of pairs where the after version scores higher, per language
GOAL_HINTS = 0.5  # at most, per 100 words of plain and personal texts
GOAL_WARNINGS = 0.1
GOAL_OFFICIAL_HINTS = 3.0  # at least, per 100 words of bureaucratic and broadcast texts
FRIENDLY = ("plain", "personal")
OFFICIAL = ("bureaucratic", "broadcast")
PARTS = ("tune", "check")
PART_NAMES = {"tune": "Trimningsdelen", "check": "Kontrolldelen"}
CHECK_SHARE = 2  # of 5: 40 % of the keys land in the checking part


def part_of(record: dict[str, Any]) -> str:
    """'check' for about 40 % of texts, 'tune' for the rest; pairs stay together."""
    key = record.get("pair_id") or record.get("id") or record["text"]
    digest = hashlib.sha256(str(key).encode("utf-8")).hexdigest()
    return "check" if int(digest[:8], 16) % 5 < CHECK_SHARE else "tune"


@dataclass
class Row:
    key: str | int  # the text's id, or its line number (file:line with several files)
    label: str
    lang: str
    words: int
    hints: int
    warnings: int
    overall: float
    rules: set[str]
    pair_id: str | None
    role: str | None
    part: str = "tune"


@dataclass
class Summary:
    rows: list[Row] = field(default_factory=list)

    def part(self, name: str) -> Summary:
        return Summary([r for r in self.rows if r.part == name])

    def per_label(self) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}
        for label in sorted({r.label for r in self.rows}):
            rows = [r for r in self.rows if r.label == label]
            out[label] = _rates(rows)
        return out

    def rule_firing(self) -> dict[str, dict[str, float]]:
        """rule id -> label -> percent of that label's texts on which the rule fires."""
        totals = Counter(r.label for r in self.rows)
        fired: dict[str, Counter[str]] = defaultdict(Counter)
        for r in self.rows:
            for rule_id in r.rules:
                fired[rule_id][r.label] += 1
        return {rule_id: {lab: round(100.0 * n / totals[lab], 1) for lab, n in sorted(c.items())}
                for rule_id, c in sorted(fired.items())}

    def goals(self, lang: str | None) -> dict[str, Any]:
        rows = [r for r in self.rows if lang is None or r.lang == lang]
        friendly = _rates([r for r in rows if r.label in FRIENDLY])
        official = _rates([r for r in rows if r.label in OFFICIAL])
        wins, pairs, int_wins = _pairs(rows)
        return {
            "pairs": pairs,
            "pair_win_rate": round(100.0 * wins / pairs, 1) if pairs else None,
            "pair_win_rate_rounded_scores": round(100.0 * int_wins / pairs, 1) if pairs else None,
            "friendly_texts": int(friendly["texts"]),
            "friendly_hints_per_100_words": friendly["hints_per_100_words"],
            "friendly_warnings_per_100_words": friendly["warnings_per_100_words"],
            "official_texts": int(official["texts"]),
            "official_hints_per_100_words": official["hints_per_100_words"],
        }

    def goals_by_lang(self) -> dict[str, dict[str, Any]]:
        return {k: self.goals(v) for k, v in (("sv", "sv"), ("en", "en"), ("all", None))}


def _rates(rows: list[Row]) -> dict[str, float]:
    words = sum(r.words for r in rows)

    def per_100(count: int) -> float:
        return round(100.0 * count / words, 2) if words else 0.0

    return {
        "texts": float(len(rows)),
        "words": float(words),
        "hints_per_100_words": per_100(sum(r.hints for r in rows)),
        "warnings_per_100_words": per_100(sum(r.warnings for r in rows)),
    }


def _pairs(rows: list[Row]) -> tuple[int, int, int]:
    by_pair: dict[str, dict[str, Row]] = defaultdict(dict)
    for r in rows:
        if r.pair_id and r.role in ("before", "after"):
            by_pair[r.pair_id][r.role] = r
    wins = pairs = int_wins = 0
    for twins in by_pair.values():
        if "before" in twins and "after" in twins:
            pairs += 1
            wins += twins["after"].overall > twins["before"].overall
            int_wins += round(twins["after"].overall) > round(twins["before"].overall)
    return wins, pairs, int_wins


def evaluate(sources: list[tuple[str, list[str]]], rules: list[str] | None,
             channel: str = "generic") -> Summary:
    """Check every text of every source ((name, lines), …) with one rule book."""
    book = load(rules)
    summary = Summary()
    for name, lines in sources:
        for number, rec in jsonl_records(lines, name if len(sources) > 1 else None):
            lang = str(rec["lang"]) if rec.get("lang") in ("sv", "en") else "auto"
            report, scores = check_detailed(rec["text"], book, language=lang, channel=channel)
            key: str | int = number if len(sources) == 1 else f"{Path(name).name}:{number}"
            summary.rows.append(Row(
                key=rec["id"] if isinstance(rec.get("id"), str | int) else key,
                label=str(rec.get("label", "okänd")),
                lang=report.language, words=report.readability.words,
                hints=sum(f.level == "hint" for f in report.findings),
                warnings=sum(f.level == "warning" for f in report.findings),
                overall=scores["overall"], rules={f.rule_id for f in report.findings},
                pair_id=str(rec["pair_id"]) if rec.get("pair_id") else None,
                role=rec.get("role"), part=part_of(rec),
            ))
    return summary


def _fmt(value: float | None, unit: str = "") -> str:
    return "–" if value is None else f"{value:g}{unit}".replace(".", ",")


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def _print_goals(summary: Summary, write: Any) -> None:
    for name, g in summary.goals_by_lang().items():
        name = "alla" if name == "all" else name
        win = g["pair_win_rate"]
        if g["pairs"]:
            write(f"  {name:<5} par där efter-versionen får högre poäng: {_fmt(win, ' %')} "
                  f"av {g['pairs']} (mål ≥ 95 %) {_mark(win >= GOAL_WIN_RATE)}"
                  f"  [med avrundade poäng: {_fmt(g['pair_win_rate_rounded_scores'], ' %')}]\n")
        else:
            write(f"  {name:<5} par: inga före/efter-par\n")
        hints, warns = g["friendly_hints_per_100_words"], g["friendly_warnings_per_100_words"]
        if g["friendly_texts"]:
            write(f"        plain+personal: tips {_fmt(hints)} per 100 ord (mål ≤ 0,5) "
                  f"{_mark(hints <= GOAL_HINTS)}, varningar {_fmt(warns)} per 100 ord "
                  f"(mål ≤ 0,1) {_mark(warns <= GOAL_WARNINGS)}  ({g['friendly_texts']} texter)\n")
        else:
            write("        plain+personal: inga sådana texter\n")
        official = g["official_hints_per_100_words"]
        if g["official_texts"]:
            write(f"        bureaucratic+broadcast: tips {_fmt(official)} per 100 ord (mål ≥ 3) "
                  f"{_mark(official >= GOAL_OFFICIAL_HINTS)}  ({g['official_texts']} texter)\n")
        else:
            write("        bureaucratic+broadcast: inga sådana texter\n")


def print_text(summary: Summary, out: TextIO) -> None:
    write = out.write
    tune, check = summary.part("tune"), summary.part("check")
    write(f"{len(summary.rows)} texter: {len(tune.rows)} i trimningsdelen, "
          f"{len(check.rows)} i kontrolldelen (fast uppdelning, se docs/engine.md)\n")
    write("\nHur ofta varje regel slår till i trimningsdelen (andel texter per etikett):\n")
    for rule_id, per in tune.rule_firing().items():
        write(f"  {rule_id:<32} " + ", ".join(f"{k} {_fmt(v, ' %')}" for k, v in per.items())
              + "\n")
    for part, name in (("tune", tune), ("check", check)):
        write(f"\n{PART_NAMES[part]} ({len(name.rows)} texter), tips och varningar per 100 ord:\n")
        for label, rates in name.per_label().items():
            write(f"  {label:<13} {int(rates['texts']):>4} texter {int(rates['words']):>6} ord  "
                  f"tips {_fmt(rates['hints_per_100_words']):>6}  "
                  f"varningar {_fmt(rates['warnings_per_100_words']):>6}\n")
        write(f"{PART_NAMES[part]}, målen:\n")
        _print_goals(name, write)


def run_eval(sources: list[str] | str, fmt: str, rules: list[str] | None,
             out: TextIO | None = None, channel: str = "generic") -> int:
    out = out or sys.stdout
    names = [sources] if isinstance(sources, str) else sources
    opened = [(name, open_lines(name)) for name in names]
    records = [rec for name, lines in opened for rec in jsonl_records(lines, name)]
    if fit.is_fixes([r for _, r in records]):  # fixes files: only the fit figure
        result = fit.evaluate_fit(fit.fixes_cases(records), load(rules))
        if fmt == "json":
            out.write(fit.dumps({"fit": fit.fit_json(result)}) + "\n")
        else:
            fit.print_fit(result, out, "Passform")
        return EXIT_OK
    summary = evaluate(opened, rules, channel)
    pairs = fit.evaluate_fit(fit.pair_cases(records), load(rules))
    if fmt == "json":
        for r in summary.rows:
            out.write(json.dumps({"id": r.key, "label": r.label, "lang": r.lang, "part": r.part,
                                  "overall": round(r.overall, 2), "hints": r.hints,
                                  "warnings": r.warnings, "words": r.words},
                                 ensure_ascii=False) + "\n")
        out.write(json.dumps({"summary": {
            "texts": len(summary.rows), "per_label": summary.per_label(),
            "rules": summary.rule_firing(), "goals": summary.goals_by_lang(),
            "parts": {p: {"texts": len(summary.part(p).rows),
                          "per_label": summary.part(p).per_label(),
                          "goals": summary.part(p).goals_by_lang()} for p in PARTS},
            "fit_single_span_pairs": fit.fit_json(pairs),
        }}, ensure_ascii=False) + "\n")
    else:
        print_text(summary, out)
        if pairs.outcomes:
            fit.print_fit(pairs, out, "Passform på före/efter-par med en enda ändring",
                          goal=False)
    return EXIT_OK

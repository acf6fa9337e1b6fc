"""How often a construction rewrite reproduces an accepted sentence (fixes-*.jsonl format).

    python -m bench.construct_fit FILE [--prefix k-man-,d-pass-] [--verbose]

Three figures: `engine` runs today's rules and rewrites the findings that overlap the target
(what a user would see); `function` calls the rewrite directly on the target words, with the
rule that fires there or, when none does (e.g. klarsprak.passiv is switched off), the rule
that is meant to (so the rewrite is measured apart from the rules' recall); and how often the
first value of the function is not an accepted sentence (a wrong-looking rewrite, marked `!`).
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from tonkoll.engine.check import check
from tonkoll.rulebook.loader import load_rulebook
from tonkoll.text.rewrite import RULE_IDS, rewrites
from tonkoll.text.segment import segment

ROOT = Path(__file__).resolve().parents[1]


def _norm(s: str) -> str:
    s = re.sub(r"\s+", " ", s.strip())
    return s[:1].lower() + s[1:]


def _default_rule(case: dict[str, str]) -> str:
    cid, target = case["id"], case["target"].lower()
    if case["lang"] == "en":
        if "made" in target or "decision" in target:
            return "klarsprak.en-hidden-verbs"
        passive = {"be", "is", "are", "was", "were", "been"} & set(target.split())
        return "klarsprak.en-passive" if passive else "dialog.en-broadcast"
    if "-man-" in cid:
        return "rost.man"
    if "-open-" in cid:
        return "dialog.utsandning"
    if "ombeds" in target or "uppmanas" in target:
        return "rost.uppmanas"
    return "klarsprak.passiv"


def _applied(text: str, s0: int, sentence: str, rule: str, start: int, end: int,
             lang: str) -> list[str]:
    out = []
    for rw in rewrites(rule, sentence, start, end, lang)[:3]:
        value = rw.value
        if rw.start == 0 and sentence[:1].isupper():
            value = value[:1].upper() + value[1:]
        out.append(text[:s0 + rw.start] + value + text[s0 + rw.end:])
    return out


def run(path: Path, prefixes: tuple[str, ...], verbose: bool) -> None:
    book = load_rulebook([ROOT / "rules"])
    cases = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    cases = [c for c in cases if not prefixes or c["id"].startswith(prefixes)]
    engine_ok = function_ok = wrong = 0
    for c in cases:
        text, accept = c["text"], {_norm(a) for a in c["accept"]}
        t0 = text.find(c["target"])
        t1 = t0 + len(c["target"])
        seg = segment(text)
        s = seg.sentences[seg.sentence_at(t0)]
        sentence = text[s.start:s.end]
        report = check(text, book, language=c["lang"])
        found = [f for f in report.findings if f.rule_id in RULE_IDS and any(
            sp.offset < t1 and sp.offset + sp.length > t0 for sp in f.spans)]
        got_engine: list[str] = []
        for f in found:
            sp = next(sp for sp in f.spans if sp.offset < t1 and sp.offset + sp.length > t0)
            got_engine += _applied(text, s.start, sentence, f.rule_id, sp.offset - s.start,
                                   sp.offset + sp.length - s.start, c["lang"])
        rule = found[0].rule_id if found else _default_rule(c)
        got_fn = _applied(text, s.start, sentence, rule, t0 - s.start, t1 - s.start, c["lang"])
        e_ok = any(_norm(g) in accept for g in got_engine)
        f_ok = any(_norm(g) in accept for g in got_fn)
        engine_ok += e_ok
        function_ok += f_ok
        wrong += bool(got_fn) and _norm(got_fn[0]) not in accept
        if verbose:
            mark = ("E" if e_ok else "-") + ("F" if f_ok else "-") + (
                "!" if got_fn and _norm(got_fn[0]) not in accept else " ")
            print(f"{mark} {c['id']:<10} {rule:<28} {text}\n      -> {got_fn or '[]'}")
    n = len(cases)
    print(f"{path.name}: {n} cases; engine {engine_ok}/{n} = {engine_ok / n:.0%}; "
          f"function {function_ok}/{n} = {function_ok / n:.0%}; "
          f"first value not accepted {wrong}/{n}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("file", type=Path)
    ap.add_argument("--prefix", default="")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    run(a.file, tuple(p for p in a.prefix.split(",") if p), a.verbose)


if __name__ == "__main__":
    main()

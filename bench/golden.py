"""Same reports before and after an engine change? Write them on the old code, compare on the new.

    git stash  # or check out the commit before the change
    .venv/bin/python -m bench.golden write /tmp/before.json
    git stash pop
    .venv/bin/python -m bench.golden compare /tmp/before.json   # exit 1 when any report differs

The texts: every text in bench/data/dev.jsonl and tests/data/eval/*.jsonl, every rule's own
examples, and 1,500 seeded random posts (words from those texts, or characters and pieces that
stress segmentation: emoji sequences, combining marks, abbreviations, URLs, lone surrogates,
NUL, right-to-left marks). Languages, channels and one disabled rule vary with a hash of the
text. A report is compared whole (findings, spans, messages, readability) together with the
unrounded scores to nine decimals, text by text: a rule example added or removed between the two
runs is a text only one side has (counted, not a difference), so a rule change can be compared
with the same command. A speed-up that changes one report is a behaviour change.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from dataclasses import replace
from pathlib import Path

from bench.texts import DEFAULT_EVAL
from tonkoll.channels import CHANNELS
from tonkoll.engine.check import check_detailed
from tonkoll.rulebook.loader import load_rulebook
from tonkoll.rulebook.model import Rulebook

ROOT = Path(__file__).resolve().parent.parent
PIECES = [
    "t.ex.", "bl.a. ", "osv. ", "kl. 8.30", "https://malmo.se/x.", "malmo.se", "a@b.se", "😀",
    "👍🏽", "👨‍👩‍👧", "a\u030a", "\u200b", "\u202e", "\x00", "\ud800", "Malmö stad informerar ",
    "man ", "erhålla ", "VIKTIGT ", "föreslås inrättas ", "blir stängd ", "#malmö ",
    "Vad tycker du? ", "3,5 ", "...", "…", "\t", "İ", "ß", "ﬁ",
]


def texts(book: Rulebook, eval_file: Path = DEFAULT_EVAL) -> list[str]:
    out: list[str] = []
    for path in [eval_file, *sorted((ROOT / "tests" / "data" / "eval").glob("*.jsonl"))]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["text"])
    for rule in book.rules:
        out.extend(rule.spec.examples.bad)
        out.extend(rule.spec.examples.good)
    rng = random.Random(7)
    alphabet = [*"abcdefghijklmnopqrstuvwxyzåäöABCÅÄÖ     ..,!?\n\n-'’:@#/", *PIECES]
    words = [w for t in out[:300] for w in t.split()]
    for i in range(1500):
        n = rng.randint(0, 80)
        if i % 2:
            out.append("".join(rng.choice(alphabet) for _ in range(n)))
        else:
            out.append(" ".join(rng.choice(words) + rng.choice(["", "", ".", "!", "\n", ",", "?"])
                                for _ in range(n)))
    return out


def reports(book: Rulebook) -> dict[str, str]:
    """Text key (a hash of the text) -> its report, as text."""
    out: dict[str, str] = {}
    for text in texts(book):
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        i = int(key, 16)  # the settings follow the text, not its place in the list
        language = ("auto", "sv", "en")[i % 3] if i % 5 == 0 else "auto"
        disabled = frozenset({"rost.man"}) if i % 7 == 0 else frozenset()
        report, raw = check_detailed(text, book, language, CHANNELS[i % len(CHANNELS)], disabled)
        # The rules' version is left out: a rule file rewritten without a change in behaviour
        # (a comment, another kind for the same hits) must compare equal.
        report = replace(report, rules_version="")
        out[key] = f"{report!r} {sorted((k, round(v, 9)) for k, v in raw.items())!r}"
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.golden",
                                     description=(__doc__ or "").split("\n")[0])
    parser.add_argument("mode", choices=("write", "compare"))
    parser.add_argument("file", type=Path)
    parser.add_argument("--rules", type=Path, default=ROOT / "rules")
    args = parser.parse_args(argv)
    now = reports(load_rulebook([args.rules]))
    if args.mode == "write":
        args.file.write_text(json.dumps(now), encoding="utf-8")
        print(f"{len(now)} reports written to {args.file}")
        return 0
    before = json.loads(args.file.read_text(encoding="utf-8"))
    if not isinstance(before, dict):
        print(f"{args.file} was written by an older bench.golden (a list); write it again")
        return 2
    common = [k for k in now if k in before]
    differ = [k for k in common if before[k] != now[k]]
    only = (f" ({len(before.keys() - now.keys())} texts only in the file, "
            f"{len(now.keys() - before.keys())} only now: rule examples added or removed)"
            if len(common) != len(now) or len(common) != len(before) else "")
    print(f"{len(common)} reports compared, {len(differ)} differ{only}")
    for k in differ[:5]:
        print(f"--- text {k}\nbefore: {before[k][:1500]}\nnow:    {now[k][:1500]}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

"""Quick engine timing: a 1,000-character Swedish post against a synthetic book of ~40 rules
with ~200 substitution entries (or the rules you pass). Not part of the test suite.

    .venv/bin/python bench/quick_engine.py [RULES_DIR ...]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from tonkoll.engine import check
from tonkoll.rulebook.loader import load_rulebook

POST = (
    "Hej alla Malmöbor! Nu erhåller ni information om att badet på Kroksbäck öppnar igen "
    "efter renoveringen. Ansökan om sommarjobb ska inkomma senast den 15 mars, t.ex. via "
    "https://malmo.se/sommarjobb. Vi beklagar eventuella olägenheter under ombyggnaden. "
    "Det föreslås inrättas en ny simskola för barn kl. 8.30 varje lördag. Kommunen kommer "
    "att vidta åtgärder för att säkerställa tillgängligheten i samtliga lokaler, bl.a. "
    "genom att bygga ramper. Malmö stad informerar om att parkeringen blir avgiftsbelagd! "
    "Vad tycker du om de nya öppettiderna? Berätta gärna i kommentarerna 😀 #malmö "
    "@malmostad. Vi ses vid bassängen i sommar. Tack för att du läser! /Anna på "
    "fritidsförvaltningen. Vi hoppas att du trivs i det nya badet och att du hittar det du "
    "söker. Badet har nya öppettider från och med måndag, dvs. 7–21 alla dagar."
)


def synthetic_rules(root: Path) -> None:
    sv = root / "sv"
    sv.mkdir(parents=True)
    lines = ["theme: klarsprak", "rules:"]
    for r in range(36):
        entries = []
        for e in range(6):
            base = f"ordx{r}y{e}"
            entries.append(f"      - match: [{base}, {base}er, {base}de, {base} tillsammans]\n"
                           f"        suggest: [enkelt{e}]")
        if r == 0:
            entries.append("      - match: [erhålla, erhåller, erhöll]\n        suggest: [få]")
        lines.append(
            f"""  - id: klarsprak.r{r}
    kind: substitution
    level: hint
    message: "Skriv {{suggestion}}"
    explanation: "x"
    handbook: "x"
    entries:
{chr(10).join(entries)}
    examples:
      bad: ["[[ordx{r}y0]] nu"]
      good: ["inget här"]"""
        )
    patterns = [r"\bska ske\b", r"\bi syfte att\b", r"\bdet kan inte uteslutas\b"]
    for r, pattern in enumerate(patterns):
        lines.append(
            f"""  - id: klarsprak.p{r}
    kind: pattern
    pattern: '{pattern}'
    level: hint
    message: "m"
    explanation: "x"
    handbook: "x"
    examples:
      bad: ["x [[{pattern.replace(chr(92) + 'b', '')}]] y"]
      good: ["inget här"]"""
        )
    lines.append(
        """  - id: klarsprak.passiv
    kind: passive
    level: hint
    message: "m"
    explanation: "x"
    handbook: "x"
    examples:
      bad: ["Den ska [[skickas]] in."]
      good: ["Vi skickar den."]"""
    )
    (sv / "klarsprak.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    dirs = [Path(p) for p in sys.argv[1:]]
    tmp = None
    if not dirs:
        tmp = tempfile.TemporaryDirectory()
        synthetic_rules(Path(tmp.name))
        dirs = [Path(tmp.name)]
    t0 = time.perf_counter()
    book = load_rulebook(dirs)
    load_ms = (time.perf_counter() - t0) * 1000
    text = (POST + " " + POST)[:1000]
    for _ in range(200):
        check(text, book)
    runs, cpu = [], []
    for _ in range(2000):
        t, c = time.perf_counter(), time.process_time()
        check(text, book)
        runs.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    runs.sort()
    print(f"{len(book)} regler, laddning {load_ms:.0f} ms, text {len(text)} tecken")
    print(f"check: median {statistics.median(runs):.3f} ms, p95 {runs[int(len(runs) * 0.95)]:.3f}"
          f" ms, CPU-tid i snitt {statistics.mean(cpu):.3f} ms")


if __name__ == "__main__":
    main()

"""The passive rewrite's quick look (sv_clause.may_have_subject) only spares work: on every
Swedish sentence the project has, with every flagged span a passive rule could give, the
rewrite says the same with and without it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tonkoll.text.rewrite import sv_clause, sv_passive
from tonkoll.text.rewrite.sv_verbs import analyse_passive

ROOT = Path(__file__).resolve().parents[2]
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_WORD = re.compile(r"[\w]+(?:[-'’][\w]+)*")
_AUX = {"har", "hade", "ska", "skall", "kan", "får", "måste", "bör", "behöver", "kommer"}


def _sentences() -> list[str]:
    out: list[str] = []
    files = [*sorted((ROOT / "tests" / "data" / "eval").glob("sv-*.jsonl")),
             ROOT / "bench" / "data" / "dev.jsonl", ROOT / "eval" / "fixes-dev.jsonl",
             ROOT / "eval" / "fixes-check.jsonl",
             *sorted((ROOT / "tests" / "data" / "drafts").glob("*.jsonl"))]
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                for key in ("text", "sentence", "before", "after"):
                    value = record.get(key)
                    if isinstance(value, str):
                        out.extend(m.group().strip() for m in _SENTENCE.finditer(value))
    return [s for s in out if s]


def _spans(sentence: str) -> list[tuple[int, int]]:
    """Each word that may be a passive (it ends in -s) alone, and from an auxiliary up to three
    words before it."""
    words = list(_WORD.finditer(sentence))
    out: list[tuple[int, int]] = []
    for i, w in enumerate(words):
        if analyse_passive(w.group().lower()) or w.group().endswith("s"):
            out.append(w.span())
            for j in range(max(0, i - 3), i):
                if words[j].group().lower() in _AUX:
                    out.append((words[j].start(), w.end()))
    return out


def test_quick_look_never_changes_a_rewrite(monkeypatch: pytest.MonkeyPatch) -> None:
    cases = [(s, a, b) for s in _sentences() for a, b in _spans(s)]
    assert len(cases) > 1000  # the data has plenty of passives
    with_look = [sv_passive.passive(s, a, b) for s, a, b in cases]
    monkeypatch.setattr(sv_passive, "may_have_subject", lambda sentence, start: True)
    without = [sv_passive.passive(s, a, b) for s, a, b in cases]
    assert with_look == without
    assert sum(1 for s, a, _ in cases if not sv_clause.may_have_subject(s, a)) > len(cases) // 4


def test_quick_look_on_the_shapes_it_names() -> None:
    look = sv_clause.may_have_subject
    assert not look("För att tillhandahålla ett vägnät investeras pengar.", 38)
    assert not look("Ljudet förbättras och nivåerna kan sänkas.", 30)
    assert not look("Det svenska åtagandet för att minska de globala utsläppen regleras i avtalet.",
                    58)
    assert look("Badet kommer att öppnas på måndag.", 6)
    assert look("Ansökan ska skickas in senast i maj.", 8)
    assert look("Info: badet stängs i dag.", 12)

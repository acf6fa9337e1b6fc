"""tonkoll eval on a drafts file: Spearman between the editor's order and the score, hints on
good drafts, officialese drafts with fewer than two hints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tonkoll import cli
from tonkoll.commands.drafts import ranks, spearman

FIXTURES = Path(__file__).parent / "data" / "rules"
DRAFTS = Path(__file__).resolve().parents[1] / "data" / "drafts" / "malmo-drafts.jsonl"


def test_ranks_share_ties_and_spearman_is_pearson_of_ranks() -> None:
    assert ranks([10.0, 30.0, 20.0, 20.0]) == [1.0, 4.0, 2.5, 2.5]
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [40, 30, 20, 10]) == pytest.approx(-1.0)
    assert spearman([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(0.8)
    assert spearman([1, 1, 1], [1, 2, 3]) is None  # undefined, not a crash
    assert spearman([1, 2], [1, 2]) is None


def write(tmp_path: Path, rows: list[dict[str, object]]) -> Path:
    path = tmp_path / "drafts.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                    encoding="utf-8")
    return path


ROWS: list[dict[str, object]] = [
    {"id": "bra", "text": "Hej! Kul att du kom.", "lang": "sv", "channel": "facebook",
     "kind": "good", "grade": 5, "rank": 1},
    {"id": "mitt", "text": "Du erhåller svar i maj.", "lang": "sv", "channel": "facebook",
     "kind": "neutral", "grade": 3, "rank": 2},
    {"id": "stel", "text": "Malmö stad informerar. Du erhåller svar.", "lang": "sv",
     "channel": "facebook", "kind": "officialese", "grade": 1, "rank": 3},
]


def test_drafts_figures_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, ROWS)
    assert cli.main(["eval", str(path), "--rules", str(FIXTURES)]) == 0
    out = capsys.readouterr().out
    assert "Rangkorrelation (Spearman)" in out and "1 (mål ≥ 0,92) ✓" in out
    assert "Bra utkast: 0 tips på 1 utkast, 0 per tio (mål ≤ 1) ✓" in out
    assert "Myndighetsspråk: 0 av 1 utkast har färre än två tips (mål 0) ✓" in out
    assert "Trimningsdelen" not in out  # a drafts file alone: only the drafts figures
    assert cli.main(["eval", str(path), "--format", "json", "--rules", str(FIXTURES)]) == 0
    figures = json.loads(capsys.readouterr().out)["drafts"]
    assert figures["spearman_rank"] == 1.0 and figures["officialese_under_two"] == []
    assert figures["good_findings_per_ten"] == 0.0


def test_drafts_misses_are_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [dict(r) for r in ROWS]
    rows[0]["rank"], rows[2]["rank"] = 3, 1  # the editor likes the stiff one best
    rows[2]["text"] = "Du erhåller svar."  # one hint only
    path = write(tmp_path, rows)
    assert cli.main(["eval", str(path), "--rules", str(FIXTURES)]) == 0
    out = capsys.readouterr().out
    assert "✗" in out.split("Rangkorrelation")[1].splitlines()[0]
    assert "1 av 1 utkast har färre än två tips (mål 0) ✗  (stel)" in out


def test_drafts_next_to_labelled_texts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    drafts = write(tmp_path, ROWS)
    labelled = tmp_path / "eval.jsonl"
    labelled.write_text(json.dumps({"text": "Hej! Kul att du kom.", "label": "personal",
                                    "lang": "sv"}) + "\n", encoding="utf-8")
    assert cli.main(["eval", str(labelled), str(drafts), "--rules", str(FIXTURES)]) == 0
    out = capsys.readouterr().out
    assert "1 texter: " in out and "Utkast (3)" in out


def test_project_drafts_file_is_complete() -> None:
    rows = [json.loads(line) for line in DRAFTS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 30
    assert sorted(r["rank"] for r in rows) == list(range(1, len(rows) + 1))
    assert {r["kind"] for r in rows} == {"good", "neutral", "notice", "officialese"}
    assert all(1 <= r["grade"] <= 5 and r["text"] and r["id"] for r in rows)
    # the editor's grades never contradict the order
    by_rank = sorted(rows, key=lambda r: r["rank"])
    assert all(a["grade"] >= b["grade"] for a, b in zip(by_rank, by_rank[1:], strict=False))

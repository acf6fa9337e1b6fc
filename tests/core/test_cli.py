"""The tonkoll command: main(argv) in process, plus one real subprocess run."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tonkoll import cli
from tonkoll.rulebook.loader import load_rulebook
from tonkoll.rulebook.reference import generate

FIXTURES = Path(__file__).parent / "data" / "rules"
ROOT = Path(__file__).resolve().parents[2]


def run(argv: list[str], capsys: pytest.CaptureFixture[str],
        stdin: str | None = None, monkeypatch: pytest.MonkeyPatch | None = None
        ) -> tuple[int, str, str]:
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8"))))
    code = cli.main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_check_text_output_underlines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = tmp_path / "post.txt"
    post.write_text("Du erhåller svar.\nMalmö stad informerar.", encoding="utf-8")
    code, out, _ = run(["check", str(post), "--rules", str(FIXTURES)], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Du erhåller svar."
    assert lines[1] == "   ~~~~~~~~"  # hint under "erhåller"
    assert lines[3] == "^^^^^^^^^^^^^^^^^^^^^"  # warning under "Malmö stad informerar"
    assert "Skriv hellre ”få” än ”erhåller”." in out
    assert "LIX" in out and "Poäng: totalt" in out


def test_check_json_from_stdin(capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(["check", "-", "--format", "json", "--rules", str(FIXTURES)], capsys,
                       stdin="Du erhåller svar.", monkeypatch=monkeypatch)
    assert code == 0
    data = json.loads(out)
    assert data["language"] == "sv"
    assert data["findings"][0]["rule_id"] == "klarsprak.erhalla"
    assert data["findings"][0]["spans"] == [{"offset": 3, "length": 8, "text": "erhåller"}]
    assert set(data["readability"]) == {"lix", "band", "words", "sentences",
                                        "words_per_sentence", "long_words"}


def test_check_jsonl_keeps_order(capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [json.dumps({"id": f"p{i}", "text": t}) for i, t in
             enumerate(["Du erhåller svar.", "Hej!", "We utilize it."])]
    code, out, _ = run(["check", "-", "--jsonl", "--rules", str(FIXTURES)], capsys,
                       stdin="\n".join(lines) + "\n", monkeypatch=monkeypatch)
    assert code == 0
    reports = [json.loads(x) for x in out.splitlines()]
    assert [r["id"] for r in reports] == ["p0", "p1", "p2"]
    assert [r["language"] for r in reports] == ["sv", "sv", "en"]


def test_check_jsonl_bad_line_names_the_line(capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(["check", "-", "--jsonl", "--rules", str(FIXTURES)], capsys,
                       stdin='{"text": "Hej"}\n{trasig\n', monkeypatch=monkeypatch)
    assert code == 2
    assert err.startswith("tonkoll: rad 2: ogiltig JSON")
    assert err.count("\n") == 1


def test_unreadable_file_is_one_line_exit_2(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["check", str(tmp_path / "saknas.txt"), "--rules", str(FIXTURES)], capsys)
    assert code == 2
    assert "kan inte läsa filen" in err and err.count("\n") == 1


def test_broken_rules_are_one_line_exit_2(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "sv").mkdir()
    (tmp_path / "sv" / "klarsprak.yml").write_text("theme: klarsprak\nrules: [\n",
                                                   encoding="utf-8")
    code, _, err = run(["rules", "test", "--rules", str(tmp_path)], capsys)
    assert code == 2
    assert "klarsprak.yml:" in err and err.count("\n") == 1


def test_rules_test_summary_and_failures(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["rules", "test", "--rules", str(FIXTURES)], capsys)
    assert code == 0
    book = load_rulebook([FIXTURES])
    n = sum(len(r.spec.examples.bad) + len(r.spec.examples.good) for r in book.rules)
    assert f"{n} exempel, {n} godkända" in out
    broken = tmp_path / "rules"
    (broken / "sv").mkdir(parents=True)
    src = (FIXTURES / "sv" / "dialog.yml").read_text(encoding="utf-8")
    (broken / "sv" / "dialog.yml").write_text(
        src.replace('good: ["Nu har badet nya tider!"]', 'good: ["Härmed meddelas nya tider."]'),
        encoding="utf-8")
    code, out, _ = run(["rules", "test", "--rules", str(broken)], capsys)
    assert code == 1
    assert "underkända" in out
    assert "dialog.informerar-good-0" in out and "dialog.yml:" in out


def test_rules_lint_finds_duplicates_across_rules(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["rules", "lint", "--rules", str(FIXTURES)], capsys)
    assert code == 0, out
    dup = tmp_path / "rules" / "sv"
    dup.mkdir(parents=True)
    src = (FIXTURES / "sv" / "dialog.yml").read_text(encoding="utf-8")
    (dup / "dialog.yml").write_text(src.replace("phrases: [tack]",
                                                "phrases: [tack, härmed meddelas]"),
                                    encoding="utf-8")
    code, out, _ = run(["rules", "lint", "--rules", str(tmp_path / "rules")], capsys)
    assert code == 1
    assert "'härmed meddelas' finns också i dialog.informerar" in out


def test_rules_lint_checks_quotes_against_the_bundled_handbook(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The handbook text is in the repo (docs/handbook): every bundled quote is found in it,
    and a quote that is not in it is named."""
    assert sorted((ROOT / "docs" / "handbook").glob("*.txt"))
    code, out, _ = run(["rules", "lint"], capsys)
    assert code == 0, out
    assert out.strip().endswith("0 fel, 0 varningar"), out
    changed = tmp_path / "rules" / "sv"
    changed.mkdir(parents=True)
    src = (FIXTURES / "sv" / "dialog.yml").read_text(encoding="utf-8")
    assert 'handbook: "social arena"' in src
    (changed / "dialog.yml").write_text(
        src.replace('handbook: "social arena"', 'handbook: "ett citat som inte finns"'),
        encoding="utf-8")
    code, out, _ = run(["rules", "lint", "--rules", str(tmp_path / "rules")], capsys)
    assert "handbokscitatet finns inte ordagrant i handboken: 'ett citat som inte finns'" in out


def test_rules_docs_write_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "rules.md"
    code, _, _ = run(["rules", "docs", "--out", str(target), "--rules", str(FIXTURES)], capsys)
    assert code == 0
    text = target.read_text(encoding="utf-8")
    assert "### `klarsprak.erhalla`" in text
    assert "Du **erhåller** beskedet i dag." in text
    assert "| erhålla, erhåller, erhöll, erhållit, erhålls, erhållits | få |" in text
    code, out, _ = run(["rules", "docs", "--check", "--out", str(target), "--rules",
                        str(FIXTURES)], capsys)
    assert code == 0
    target.write_text(text + "\nhandskrivet\n", encoding="utf-8")
    code, out, _ = run(["rules", "docs", "--check", "--out", str(target), "--rules",
                        str(FIXTURES)], capsys)
    assert code == 1 and "inaktuell" in out


def test_eval_goal_figures_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "eval.jsonl"
    rows = [
        {"text": "Du erhåller svar. Utbetalningen ska ske i maj.", "label": "bureaucratic",
         "lang": "sv", "pair_id": "a", "role": "before"},
        {"text": "Du får svar. Vi betalar i maj.", "label": "plain", "lang": "sv",
         "pair_id": "a", "role": "after"},
        {"text": "Hej! Kul att du kom.", "label": "personal", "lang": "sv", "id": "x1"},
    ]
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                    encoding="utf-8")
    code, out, _ = run(["eval", str(data), "--rules", str(FIXTURES)], capsys)
    assert code == 0
    assert "100 % av 1 (mål ≥ 95 %) ✓" in out
    assert "Trimningsdelen" in out and "Kontrolldelen" in out
    assert "bureaucratic+broadcast: tips" in out
    code, out, _ = run(["eval", str(data), "--format", "json", "--rules", str(FIXTURES)], capsys)
    lines = [json.loads(x) for x in out.splitlines()]
    assert [x.get("id") for x in lines[:3]] == [1, 2, "x1"]
    assert set(lines[0]) == {"id", "label", "lang", "part", "overall", "hints", "warnings",
                             "words"}
    assert lines[0]["part"] == lines[1]["part"]  # the two halves of a pair stay together
    summary = lines[3]["summary"]
    assert summary["goals"]["sv"]["pair_win_rate"] == 100.0
    assert "klarsprak.erhalla" in summary["rules"]
    part = lines[0]["part"]
    assert summary["parts"][part]["goals"]["sv"]["pairs"] == 1
    assert sum(p["texts"] for p in summary["parts"].values()) == 3
    assert summary["per_label"]["bureaucratic"]["hints_per_100_words"] > 0


def test_eval_split_is_fixed_and_keeps_pairs(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """The part follows from pair_id, else id, else the text: not from file, order or line."""
    from tonkoll.commands.evaluate import part_of

    texts = [f"Texten nummer {n} om badet." for n in range(200)]
    parts = [part_of({"text": t}) for t in texts]
    assert 60 <= parts.count("check") <= 100  # about 40 %
    assert part_of({"text": "a", "pair_id": "p-1"}) == part_of({"text": "b", "pair_id": "p-1"})
    assert part_of({"text": "a", "id": "x"}) == part_of({"text": "b", "id": "x"})
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    one.write_text("\n".join(json.dumps({"text": t, "label": "plain", "lang": "sv"},
                                        ensure_ascii=False) for t in texts[:5]), encoding="utf-8")
    two.write_text("\n".join(json.dumps({"text": t, "label": "plain", "lang": "sv"},
                                        ensure_ascii=False) for t in reversed(texts[:8])),
                   encoding="utf-8")
    code, out, _ = run(["eval", str(one), str(two), "--format", "json",
                        "--rules", str(FIXTURES)], capsys)
    rows = [json.loads(x) for x in out.splitlines()][:-1]
    assert code == 0 and len(rows) == 13 and rows[0]["id"] == "one.jsonl:1"
    assert [r["part"] for r in rows[:5]] == parts[:5] == [r["part"] for r in rows[12:7:-1]]


def test_eval_bad_json_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "eval.jsonl"
    data.write_text('{"text": "Hej", "label": "plain"}\n\n[1, 2]\n', encoding="utf-8")
    code, _, err = run(["eval", str(data), "--rules", str(FIXTURES)], capsys)
    assert code == 2 and "rad 3" in err
    code, _, err = run(["eval", str(data), str(data), "--rules", str(FIXTURES)], capsys)
    assert code == 2 and "eval.jsonl: rad 3" in err


def test_installed_entry_point_runs() -> None:
    exe = Path(sys.executable).parent / "tonkoll"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "tonkoll.cli"]
    done = subprocess.run([*cmd, "check", "-", "--rules", str(FIXTURES), "--format", "json"],
                          input="Du erhåller svar.", capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["findings"][0]["matched"] == "erhåller"


def test_docs_generation_is_deterministic() -> None:
    book = load_rulebook([FIXTURES])
    assert generate(book) == generate(load_rulebook([FIXTURES]))


def test_terminal_rendering_uses_ansi_underline() -> None:
    from tonkoll.commands.report_io import underlined
    from tonkoll.engine import check

    book = load_rulebook([FIXTURES])
    text = "Du erhåller svar."
    out = underlined(text, check(text, book).findings, color=True)
    assert out == "Du \x1b[4;36merhåller\x1b[0m svar."


def test_rules_test_for_chosen_rules(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["rules", "test", "klarsprak.erhalla", "--rules", str(FIXTURES)], capsys)
    assert code == 0 and out.startswith("3 exempel, 3 godkända")
    code, _, err = run(["rules", "test", "klarsprak.finns-inte", "--rules", str(FIXTURES)],
                       capsys)
    assert code == 2 and "okänd regel: klarsprak.finns-inte" in err


def test_jsonl_with_lone_surrogates_writes_valid_json(capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(["check", "-", "--jsonl", "--rules", str(FIXTURES)], capsys,
                       stdin='{"text": "Badet \\ud800 öppnar i morgon klockan nio och stänger '
                             'klockan sex."}\n', monkeypatch=monkeypatch)
    assert code == 0
    out.encode("utf-8")  # printable
    report = json.loads(out)
    absence = next(f for f in report["findings"] if f["rule_id"] == "dialog.ingen-fraga")
    assert "\ud800" in absence["matched"]

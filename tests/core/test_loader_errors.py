"""Every kind of rule-file mistake gives exactly one line: ``file:line: what is wrong``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tonkoll.rulebook.loader import RuleError, load_rulebook
from tonkoll.rulebook.yamlsource import MAX_BYTES

GOOD_RULE = """\
theme: klarsprak
rules:
  - id: klarsprak.erhalla
    kind: substitution
    level: hint
    message: "Skriv hellre {suggestion} än {match}."
    explanation: "Vardagsord går fram."
    handbook: "trist myndighet"
    entries:
      - match: [erhålla, erhåller]
        suggest: [få]
    examples:
      bad: ["Du [[erhåller]] svar."]
      good: ["Du får svar."]
"""


def write(root: Path, text: str | bytes, name: str = "klarsprak.yml", lang: str = "sv") -> Path:
    folder = root / lang
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def load_error(root: Path) -> RuleError:
    with pytest.raises(RuleError) as info:
        load_rulebook([root])
    err = info.value
    text = str(err)
    assert "\n" not in text, "one line only"
    assert re.match(r"^.+\.yml:\d+: \S", text), text
    assert text == f"{err.file}:{err.line}: {err.message}"
    return err


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_good_rule_loads(tmp_path: Path) -> None:
    write(tmp_path, GOOD_RULE)
    assert [r.id for r in load_rulebook([tmp_path]).rules] == ["klarsprak.erhalla"]


def test_unknown_key_points_at_the_key_and_suggests(tmp_path: Path) -> None:
    text = GOOD_RULE.replace("    message:", "    mesage:")
    write(tmp_path, text)
    err = load_error(tmp_path)
    assert err.line == line_of(text, "mesage")
    assert "okänd nyckel 'mesage'" in err.message
    assert "message" in err.message
    assert err.file.endswith("sv/klarsprak.yml")


def test_wrong_type(tmp_path: Path) -> None:
    text = GOOD_RULE.replace("    level: hint\n", "    level: hint\n    enabled: kanske\n")
    write(tmp_path, text)
    err = load_error(tmp_path)
    assert err.line == line_of(text, "enabled: kanske")
    assert "true eller false" in err.message


def test_wrong_level(tmp_path: Path) -> None:
    text = GOOD_RULE.replace("level: hint", "level: tips")
    write(tmp_path, text)
    err = load_error(tmp_path)
    assert err.line == line_of(text, "level: tips")
    assert "'tips'" in err.message


def test_unknown_kind(tmp_path: Path) -> None:
    text = GOOD_RULE.replace("kind: substitution", "kind: replace")
    write(tmp_path, text)
    err = load_error(tmp_path)
    assert "okänd kind 'replace'" in err.message
    assert err.line == line_of(text, "- id:")


def test_missing_key(tmp_path: Path) -> None:
    text = GOOD_RULE.replace('    explanation: "Vardagsord går fram."\n', "")
    write(tmp_path, text)
    err = load_error(tmp_path)
    assert "'explanation' saknas" in err.message
    assert err.line == line_of(text, "- id:")


def test_duplicate_id_in_one_directory(tmp_path: Path) -> None:
    rule = GOOD_RULE.split("rules:\n", 1)[1]
    text = GOOD_RULE + rule
    write(tmp_path, text)
    err = load_error(tmp_path)
    assert "finns redan" in err.message
    assert err.line == 15  # the second "- id:" line


def test_invalid_pattern(tmp_path: Path) -> None:
    text = GOOD_RULE.replace(
        "    kind: substitution\n",
        "    kind: pattern\n    pattern: '(erhåller'\n",
    ).replace("    entries:\n      - match: [erhålla, erhåller]\n        suggest: [få]\n", "")
    write(tmp_path, text)
    err = load_error(tmp_path)
    assert "ogiltigt mönster" in err.message
    assert err.line == line_of(text, "pattern:")


def test_lookbehind_is_refused_as_invalid_re2(tmp_path: Path) -> None:
    text = GOOD_RULE.replace(
        "    kind: substitution\n", "    kind: pattern\n    pattern: '(?<=du )erhåller'\n"
    ).replace("    entries:\n      - match: [erhålla, erhåller]\n        suggest: [få]\n", "")
    write(tmp_path, text)
    assert "ogiltigt mönster" in load_error(tmp_path).message


def test_failing_example_names_its_line(tmp_path: Path) -> None:
    text = GOOD_RULE.replace('bad: ["Du [[erhåller]] svar."]', 'bad: ["Du [[får]] svar."]')
    write(tmp_path, text)
    err = load_error(tmp_path)
    assert err.line == line_of(text, "bad:")
    assert "klarsprak.erhalla-bad-0" in err.message


def test_failing_good_example(tmp_path: Path) -> None:
    text = GOOD_RULE.replace('good: ["Du får svar."]', 'good: ["Du erhåller svar."]')
    write(tmp_path, text)
    err = load_error(tmp_path)
    assert "klarsprak.erhalla-good-0" in err.message
    assert "tyst" in err.message


def test_bad_placeholder(tmp_path: Path) -> None:
    text = GOOD_RULE.replace("{suggestion}", "{forslag}")
    write(tmp_path, text)
    err = load_error(tmp_path)
    assert "{forslag}" in err.message
    assert err.line == line_of(text, "message:")


def test_unbalanced_brace(tmp_path: Path) -> None:
    text = GOOD_RULE.replace("{suggestion}", "{suggestion")
    write(tmp_path, text)
    assert "klammerfel" in load_error(tmp_path).message


def test_yaml_syntax_error(tmp_path: Path) -> None:
    text = GOOD_RULE.replace('    level: hint\n', '    level: [hint\n')
    write(tmp_path, text)
    err = load_error(tmp_path)
    assert err.message.startswith("YAML-fel")


def test_alias_and_anchor_are_refused(tmp_path: Path) -> None:
    bomb = 'theme: klarsprak\na: &a ["x", "x"]\nb: [*a, *a]\n'
    write(tmp_path, bomb)
    err = load_error(tmp_path)
    assert err.line == 2
    assert "alias" in err.message


def test_non_utf8(tmp_path: Path) -> None:
    latin = "erh\xe5ller]] svar".encode("latin-1")
    data = GOOD_RULE.encode("utf-8").replace("erhåller]] svar".encode(), latin)
    write(tmp_path, data)
    err = load_error(tmp_path)
    assert "UTF-8" in err.message
    assert err.line == line_of(GOOD_RULE, "[[erhåller]]")


def test_too_deep(tmp_path: Path) -> None:
    deep = "theme: klarsprak\nx: " + "[" * 30 + "]" * 30 + "\n"
    write(tmp_path, deep)
    err = load_error(tmp_path)
    assert "djup" in err.message
    assert err.line == 2


def test_too_large(tmp_path: Path) -> None:
    write(tmp_path, "theme: klarsprak\n# " + "x" * (MAX_BYTES + 10) + "\n")
    err = load_error(tmp_path)
    assert "för stor" in err.message
    assert err.line == 1


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    text = GOOD_RULE.replace("    level: hint\n", "    level: hint\n    level: warning\n")
    write(tmp_path, text)
    err = load_error(tmp_path)
    assert "två gånger" in err.message
    assert err.line == line_of(text, "level: warning")


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    write(tmp_path, "- theme: klarsprak\n")
    assert "nycklar" in load_error(tmp_path).message


def test_id_must_start_with_the_theme(tmp_path: Path) -> None:
    text = GOOD_RULE.replace("id: klarsprak.erhalla", "id: dialog.erhalla")
    write(tmp_path, text)
    err = load_error(tmp_path)
    assert "ska börja med filens tema" in err.message
    assert err.line == line_of(text, "- id:")


def test_bad_id_shape(tmp_path: Path) -> None:
    text = GOOD_RULE.replace("id: klarsprak.erhalla", "id: Klarsprak Erhalla")
    write(tmp_path, text)
    err = load_error(tmp_path)
    assert "tema.namn" in err.message


def test_theme_must_match_file_name(tmp_path: Path) -> None:
    write(tmp_path, GOOD_RULE, name="dialog.yml")
    err = load_error(tmp_path)
    assert "klarsprak.yml" in err.message


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(RuleError) as info:
        load_rulebook([tmp_path / "finns-inte"])
    assert "mappen finns inte" in str(info.value)


def test_control_character(tmp_path: Path) -> None:
    text = GOOD_RULE.replace("Vardagsord går fram.", "Vardagsord\x00 går fram.")
    write(tmp_path, text)
    err = load_error(tmp_path)
    assert "U+0000" in err.message
    assert err.line == line_of(text, "explanation:")


def test_bad_example_of_a_word_rule_must_mark_the_span(tmp_path: Path) -> None:
    text = GOOD_RULE.replace('bad: ["Du [[erhåller]] svar."]', 'bad: ["Du erhåller svar."]')
    write(tmp_path, text)
    err = load_error(tmp_path)
    assert "markera med [[…]]" in err.message
    assert err.line == line_of(text, "bad:")


def test_passive_is_swedish_only(tmp_path: Path) -> None:
    entries = "    entries:\n      - match: [erhålla, erhåller]\n        suggest: [få]\n"
    text = (GOOD_RULE.replace("kind: substitution", "kind: passive")
            .replace("id: klarsprak.erhalla", "id: klarsprak.en-passive").replace(entries, ""))
    write(tmp_path, text, lang="en")
    err = load_error(tmp_path)
    assert "kind: passive" in err.message
    assert err.line == line_of(text, "kind: passive")


def test_an_absence_rule_needs_something_to_miss(tmp_path: Path) -> None:
    text = """\
theme: dialog
rules:
  - id: dialog.tom
    kind: absence
    level: hint
    message: "Skriv en fråga."
    explanation: "Ett samtal."
    handbook: "trist myndighet"
    min_words: 5
    examples:
      bad: ["Det här är en text utan något alls i sig."]
      good: ["Vad tycker du?"]
"""
    write(tmp_path, text, name="dialog.yml")
    err = load_error(tmp_path)
    assert "absent: eller also_absent_pattern:" in err.message

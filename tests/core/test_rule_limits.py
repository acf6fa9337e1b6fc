"""Issue 13, items 1 and 2: a rule cannot ask for padding, grow a message without bound, or
carry a non-finite or absurd number into the engine. Refused at load with file:line; the
renderer caps whatever it is given."""

from __future__ import annotations

from pathlib import Path

import pytest

from tonkoll.engine import check
from tonkoll.engine.rank import render_message
from tonkoll.rulebook.loader import RuleError, load_rulebook
from tonkoll.rulebook.schema import MESSAGE_MAX_CHARS, RENDERED_MESSAGE_MAX_CHARS

PATTERN_RULE = """\
theme: klarsprak
rules:
  - id: klarsprak.prov
    kind: pattern
    level: hint
    pattern: 'a+'
    message: {message}
    explanation: "Förklaring."
    handbook: "trist myndighet"
    examples:
      bad: ["[[aaa]] b"]
      good: ["b"]
"""

METRIC_RULE = """\
theme: kanal
rules:
  - id: kanal.prov
    kind: metric
    level: hint
    metric: chars
    message: "För lång text."
    explanation: "Förklaring."
    handbook: "trist myndighet"
{limits}
    examples:
      bad: ["{long}"]
      good: ["kort"]
"""


def write(root: Path, text: str, name: str) -> Path:
    (root / "sv").mkdir(parents=True, exist_ok=True)
    path = root / "sv" / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(root: Path) -> RuleError:
    with pytest.raises(RuleError) as info:
        load_rulebook([root])
    return info.value


@pytest.mark.parametrize(
    "message",
    ['"{match:>100000000}"', '"{match!r}"', '"{value:.999f}"', '"{limit!s:>9}"'],
)
def test_placeholders_only_bare(tmp_path: Path, message: str) -> None:
    write(tmp_path, PATTERN_RULE.format(message=message), "klarsprak.yml")
    err = refused(tmp_path)
    assert err.file.endswith("klarsprak.yml") and err.line == 7
    assert "utan : eller !" in err.message


def test_message_template_length_capped(tmp_path: Path) -> None:
    write(tmp_path, PATTERN_RULE.format(message='"' + "x" * (MESSAGE_MAX_CHARS + 1) + '"'),
          "klarsprak.yml")
    err = refused(tmp_path)
    assert err.line == 7 and "för långt" in err.message


def test_bare_placeholders_still_load(tmp_path: Path) -> None:
    write(tmp_path, PATTERN_RULE.format(message='"Skriv inte {match} {{så}}."'), "klarsprak.yml")
    book = load_rulebook([tmp_path])
    assert check("aaa b", book).findings[0].message == "Skriv inte aaa {så}."


def test_rendered_message_is_capped_and_never_formats() -> None:
    long = "a" * 10_000
    out = render_message("Du skrev {match}.", {"match": long})
    assert len(out) == RENDERED_MESSAGE_MAX_CHARS and out.endswith("…")
    # a template that slipped past the schema is shown as it is, never padded
    assert render_message("{match:>100000000}", {"match": "x"}) == "{match:>100000000}"
    assert render_message("{okänd}", {"match": "x"}) == "{okänd}"
    assert render_message("{match", {"match": "x"}) == "{match"


def test_long_match_gives_a_capped_message(tmp_path: Path) -> None:
    write(tmp_path, PATTERN_RULE.format(message='"Du skrev {match}."'), "klarsprak.yml")
    finding = check("a" * 5000, load_rulebook([tmp_path])).findings[0]
    assert len(finding.message) <= RENDERED_MESSAGE_MAX_CHARS


@pytest.mark.parametrize(
    "limits",
    [
        "    max: .nan",
        "    max: .inf",
        "    max: -.inf",
        "    max: 1e308",
        "    max: 10\n    max_by_channel: {x: .nan}",
        "    max: 10\n    max_by_channel: {x: 1e12}",
        "    max: 10\n    min_words: 99999999999",
    ],
)
def test_non_finite_and_absurd_numbers_refused(tmp_path: Path, limits: str) -> None:
    write(tmp_path, METRIC_RULE.format(limits=limits, long="x " * 20), "kanal.yml")
    err = refused(tmp_path)
    assert err.file.endswith("kanal.yml") and 10 <= err.line <= 11, str(err)
    assert "orimligt" in err.message


def test_sensible_numbers_load(tmp_path: Path) -> None:
    limits = "    max: 10\n    max_by_channel: {x: 12.5}\n    min_words: 0"
    write(tmp_path, METRIC_RULE.format(limits=limits, long="x " * 20), "kanal.yml")
    assert load_rulebook([tmp_path]).by_id("kanal.prov") is not None

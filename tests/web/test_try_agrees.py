"""POST /v1/rules/try and the rule directory refuse a broken rule in the same words, on the same
line: both go through the loader (load_rules_text and load_rulebook share every check)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tonkoll.rulebook.errors import RuleError
from tonkoll.rulebook.loader import load_rulebook

GOOD = """theme: klarsprak
rules:
  - id: klarsprak.tillhandahalla
    kind: substitution
    level: hint
    message: "Skriv hellre ”{suggestion}” än ”{match}”."
    explanation: "Vardagsord går fram snabbare än myndighetsord."
    handbook: "Användarna på sociala medier vill inte möta en trist myndighet"
    entries:
      - match: [tillhandahålla, tillhandahåller]
        suggest: [ge]
    examples:
      bad: ["Vi [[tillhandahåller]] kaffe."]
      good: ["Vi bjuder på kaffe."]
"""
ENTRIES = """    kind: substitution
    level: hint
"""
TABLE = """    entries:
      - match: [tillhandahålla, tillhandahåller]
        suggest: [ge]
"""


def other_kind(keys: str) -> str:
    """GOOD as a rule of another kind: ``keys`` replace `kind:` and the entries."""
    return GOOD.replace(ENTRIES, keys + "    level: hint\n").replace(TABLE, "")


PATTERN = other_kind("    kind: pattern\n    pattern: 'tillhandah(å)ller'\n")
PASSIVE = other_kind("    kind: passive\n").replace(
    "[[tillhandahåller]] kaffe", "[[bjuds]] på kaffe"
)
ABSENCE = other_kind("    kind: absence\n    absent: [du]\n    also_absent_pattern: 'ni('\n")
METRIC = other_kind("    kind: metric\n    metric: lix\n")
SECOND = GOOD.split("rules:\n", 1)[1]

# (what is wrong, a piece of the loader's message, language, rule file text)
BROKEN = [
    ("yaml syntax", "YAML-fel", "sv", GOOD.replace("level: hint", "level: [hint")),
    ("yaml alias", "alias", "sv", GOOD.replace("level: hint", "level: &a hint\n    enabled: *a")),
    (
        "duplicate yaml key",
        "två gånger",
        "sv",
        GOOD.replace("level: hint", "level: hint\n    level: hint"),
    ),
    (
        "unknown key",
        "okänd nyckel",
        "sv",
        GOOD.replace("level: hint", "level: hint\n    enabeld: true"),
    ),
    (
        "missing key",
        "saknas",
        "sv",
        GOOD.replace(
            '    handbook: "Användarna på sociala medier vill inte möta en trist myndighet"\n', ""
        ),
    ),
    (
        "bad id",
        "tema.namn",
        "sv",
        GOOD.replace("klarsprak.tillhandahalla", "klarsprak.Tillhandahalla"),
    ),
    (
        "id of another theme",
        "ska börja med",
        "sv",
        GOOD.replace("klarsprak.tillhandahalla", "rost.tillhandahalla"),
    ),
    ("duplicate id", "finns redan", "sv", GOOD + SECOND),
    ("unknown theme", "okänt tema", "sv", GOOD.replace("theme: klarsprak", "theme: okand")),
    ("unknown kind", "okänd kind", "sv", GOOD.replace("kind: substitution", "kind: ersattning")),
    ("unknown level", "inte tillåtet", "sv", GOOD.replace("level: hint", "level: tips")),
    (
        "wrong type",
        "true eller false",
        "sv",
        GOOD.replace("level: hint", "level: hint\n    enabled: kanske"),
    ),
    ("empty list", "tom", "sv", GOOD.replace('good: ["Vi bjuder på kaffe."]', "good: []")),
    ("unknown placeholder", "okänd platshållare", "sv", GOOD.replace("{suggestion}", "{forslag}")),
    ("unbalanced brace", "klammerfel", "sv", GOOD.replace("{suggestion}", "{suggestion")),
    ("passive in English", "bara svenska", "en", PASSIVE),
    (
        "bad regex",
        "ogiltigt mönster",
        "sv",
        PATTERN.replace("tillhandah(å)ller", "tillhandah(åller"),
    ),
    (
        "group that does not exist",
        "group: 3",
        "sv",
        PATTERN.replace("level: hint", "level: hint\n    group: 3"),
    ),
    ("bad also_absent_pattern", "ogiltigt mönster", "sv", ABSENCE),
    ("metric without a limit", "max:", "sv", METRIC),
    (
        "failing good example",
        "ska vara tyst",
        "sv",
        GOOD.replace("bjuder på kaffe", "tillhandahåller kaffe"),
    ),
    (
        "bad example finds nothing",
        "hittade ingenting",
        "sv",
        GOOD.replace("[[tillhandahåller]] kaffe", "[[bjuder]] på kaffe"),
    ),
    (
        "bad example without a mark",
        "markera",
        "sv",
        GOOD.replace("[[tillhandahåller]]", "tillhandahåller"),
    ),
    ("unclosed mark", "[[ saknar", "sv", GOOD.replace("[[tillhandahåller]]", "[[tillhandahåller")),
    (
        "override of no rule",
        "overrides:",
        "sv",
        GOOD + "overrides:\n  - id: klarsprak.finns-inte\n    enabled: false\n",
    ),
]


def _directory_error(tmp_path: Path, language: str, text: str) -> tuple[int, str]:
    folder = tmp_path / "book" / language
    folder.mkdir(parents=True)
    (folder / "klarsprak.yml").write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_rulebook([tmp_path / "book"])
    return caught.value.line, caught.value.message


@pytest.mark.parametrize(
    ("piece", "language", "text"), [row[1:] for row in BROKEN], ids=[row[0] for row in BROKEN]
)
def test_try_refuses_what_the_loader_refuses_in_its_words(
    client: TestClient, tmp_path: Path, piece: str, language: str, text: str
) -> None:
    line, message = _directory_error(tmp_path, language, text)
    assert piece in message  # the row tests the refusal it names
    r = client.post("/v1/rules/try", json={"yaml": text, "language": language, "sentences": []})
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["ok"] is False
    # Where the loader names its file (a duplicate id), try names its text prova.yml.
    message = message.replace("klarsprak.yml:", "prova.yml:")
    assert (data["error"]["line"], data["error"]["message"]) == (line, message)


def test_the_good_rule_loads_both_ways(client: TestClient, tmp_path: Path) -> None:
    folder = tmp_path / "book" / "sv"
    folder.mkdir(parents=True)
    (folder / "klarsprak.yml").write_text(GOOD, encoding="utf-8")
    assert len(load_rulebook([tmp_path / "book"])) == 1
    r = client.post("/v1/rules/try", json={"yaml": GOOD, "language": "sv", "sentences": []})
    assert r.json()["ok"] is True and r.json()["error"] is None

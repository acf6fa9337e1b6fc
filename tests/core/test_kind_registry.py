"""The kind registry is the one list of kinds: everything that depends on the kind reads it, and
no module outside tonkoll/engine/kinds names a kind's model."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest

from tonkoll.engine.kinds.registry import KIND_NAMES, KINDS, SPECS, kind_named
from tonkoll.rulebook.errors import RuleError
from tonkoll.rulebook.loader import load_rules_text
from tonkoll.rulebook.rulefile import RuleFile

ROOT = Path(__file__).resolve().parents[2]


def test_each_kind_is_named_by_its_model() -> None:
    assert len(set(KIND_NAMES)) == len(KINDS) == 6
    for kind in KINDS:
        assert get_args(kind.spec.model_fields["kind"].annotation) == (kind.name,)
        assert kind_named(kind.name) is kind and SPECS[kind.name] is kind.spec
        assert kind.label and (kind.languages is None or kind.language_note)


def test_the_schema_union_is_the_registry() -> None:
    union = RuleFile.model_fields["rules"].annotation
    (members,) = get_args(union)  # list[Annotated[A | B | …, discriminator]]
    assert set(get_args(get_args(members)[0])) == {k.spec for k in KINDS}


def test_an_unknown_kind_lists_the_registry() -> None:
    text = "id: klarsprak.x\nkind: nykind\nlevel: hint\n"
    with pytest.raises(RuleError, match=", ".join(KIND_NAMES)):
        load_rules_text(text, "sv")


def test_no_module_outside_the_kinds_names_a_kind_model() -> None:
    models = "|".join(k.spec.__name__ for k in KINDS)
    kinds_dir = ROOT / "tonkoll" / "engine" / "kinds"
    offenders = [
        str(f.relative_to(ROOT))
        for folder in (ROOT / "tonkoll", ROOT / "api")
        for f in folder.rglob("*.py")
        if kinds_dir not in f.parents and re.search(rf"\b({models})\b", f.read_text("utf-8"))
    ]
    assert offenders == []


def test_rules_from_text_load_like_a_rule_file() -> None:
    rule = (
        "id: klarsprak.erhalla\nkind: substitution\nlevel: hint\nmessage: Skriv {suggestion}.\n"
        "explanation: x\nhandbook: x\nentries:\n  - match: [erhålla]\n    suggest: [få]\n"
        "examples:\n  bad: ['Du kan [[erhålla]] hjälp.']\n  good: ['Du kan få hjälp.']\n"
    )
    book = load_rules_text(rule, "sv")
    assert [r.id for r in book.rules] == ["klarsprak.erhalla"] and book.themes
    with pytest.raises(RuleError, match="okänt språk"):
        load_rules_text(rule, "de")

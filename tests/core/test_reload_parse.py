"""A reload after one edit parses only the edited rule file (issue 13's 3-second convergence:
the YAML parser is most of a reload, and every worker of every instance reloads at once)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tonkoll.rulebook.loader import RuleError, load_rulebook
from tonkoll.rulebook.yamlsource import _parse_unchanged

RULES = Path(__file__).resolve().parent.parent.parent / "rules"


def test_a_reload_parses_only_the_edited_file(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    first = load_rulebook([rules], run_examples=False)
    before = _parse_unchanged.cache_info().misses
    target = rules / "sv" / "kanal.yml"
    target.write_text(target.read_text(encoding="utf-8") + "\n# ändrad\n", encoding="utf-8")
    second = load_rulebook([rules], run_examples=False)
    assert _parse_unchanged.cache_info().misses - before == 1
    assert [r.id for r in second.rules] == [r.id for r in first.rules]


def test_a_broken_file_is_still_refused_after_a_good_parse(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    load_rulebook([rules], run_examples=False)
    target = rules / "sv" / "kanal.yml"
    target.write_text(target.read_text(encoding="utf-8").replace("\nrules:\n", "\nrules: [\n", 1),
                      encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rulebook([rules], run_examples=False)
    assert str(info.value).startswith(f"{target}:")

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from tonkoll.engine import check
from tonkoll.rulebook.loader import RuleError, load_rulebook
from tonkoll.rulebook.store import RuleStore

FIXTURE_RULES = Path(__file__).parent / "data" / "rules"


def copy_rules(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(FIXTURE_RULES, target)
    return target


def test_store_reload_swaps_to_the_new_book(tmp_path: Path) -> None:
    rules = copy_rules(tmp_path)
    store = RuleStore([rules])
    first = store.current
    loaded = store.loaded_at
    path = rules / "sv" / "dialog.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Fint att du tackar!",
                                                           "Tack själv!"), encoding="utf-8")
    assert store.reload() is True
    assert store.current is not first
    assert store.current.version != first.version
    assert store.last_error is None
    assert store.loaded_at >= loaded


def test_store_keeps_the_last_good_book_on_error(tmp_path: Path) -> None:
    rules = copy_rules(tmp_path)
    store = RuleStore([rules])
    good = store.current
    path = rules / "sv" / "klarsprak.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: substitution",
                                                           "kind: substitutoin"), encoding="utf-8")
    assert store.reload() is False
    assert store.current is good
    assert store.last_error is not None
    assert "\n" not in store.last_error
    assert "klarsprak.yml:" in store.last_error
    assert "substitutoin" in store.last_error
    report = check("Du erhåller svar.", store.current)
    assert any(f.rule_id == "klarsprak.erhalla" for f in report.findings)


def test_store_refuses_to_start_with_broken_rules(tmp_path: Path) -> None:
    (tmp_path / "sv").mkdir()
    (tmp_path / "sv" / "klarsprak.yml").write_text("theme: [\n", encoding="utf-8")
    with pytest.raises(RuleError):
        RuleStore([tmp_path])


def test_concurrent_reloads_and_reads(tmp_path: Path) -> None:
    store = RuleStore([copy_rules(tmp_path)])
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(5):
                store.reload()
                check("Du erhåller svar.", store.current)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_later_directory_disables_by_override(tmp_path: Path) -> None:
    extra = tmp_path / "lokalt"
    extra.mkdir()
    (extra / "stang-av.yml").write_text(
        "overrides:\n  - id: klarsprak.erhalla\n    enabled: false\n"
        "  - id: dialog.informerar\n    level: hint\n", encoding="utf-8")
    book = load_rulebook([FIXTURE_RULES, extra])
    rule = book.by_id("klarsprak.erhalla")
    assert rule is not None and rule.enabled is False
    report = check("Malmö stad informerar att du erhåller svar.", book)
    ids = {f.rule_id: f.level for f in report.findings}
    assert "klarsprak.erhalla" not in ids
    assert ids["dialog.informerar"] == "hint"


def test_later_directory_replaces_a_rule_with_the_same_id(tmp_path: Path) -> None:
    extra = tmp_path / "lokalt" / "sv"
    extra.mkdir(parents=True)
    (extra / "dialog.yml").write_text(
        "theme: dialog\nrules:\n  - id: dialog.informerar\n    kind: existence\n"
        "    level: hint\n    phrases: [härmed]\n    message: \"Lokal regel.\"\n"
        "    explanation: \"x\"\n    handbook: \"x\"\n    examples:\n"
        "      bad: [\"[[Härmed]] öppnar vi.\"]\n      good: [\"Nu öppnar vi.\"]\n",
        encoding="utf-8")
    book = load_rulebook([FIXTURE_RULES, tmp_path / "lokalt"])
    assert len([r for r in book.rules if r.id == "dialog.informerar"]) == 1
    report = check("Malmö stad informerar. Härmed öppnar vi.", book)
    found = [f for f in report.findings if f.rule_id == "dialog.informerar"]
    assert [f.matched for f in found] == ["Härmed"]
    assert found[0].message == "Lokal regel."


def test_override_of_unknown_id_is_an_error(tmp_path: Path) -> None:
    extra = tmp_path / "lokalt"
    extra.mkdir()
    (extra / "x.yml").write_text("overrides:\n  - id: klarsprak.finns-inte\n    enabled: false\n",
                                 encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rulebook([FIXTURE_RULES, extra])
    message = "overrides: det finns ingen regel med id 'klarsprak.finns-inte'"
    assert str(info.value).endswith(message)
    assert ":2:" in str(info.value)


def test_rules_outside_a_language_folder_are_refused(tmp_path: Path) -> None:
    shutil.copy(FIXTURE_RULES / "sv" / "dialog.yml", tmp_path / "dialog.yml")
    with pytest.raises(RuleError) as info:
        load_rulebook([tmp_path])
    assert "sv/ eller en/" in str(info.value)


def test_version_depends_on_content_only(tmp_path: Path) -> None:
    a = load_rulebook([FIXTURE_RULES]).version
    b = load_rulebook([copy_rules(tmp_path)]).version
    assert a == b

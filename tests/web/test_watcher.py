"""The rule watcher: a change on disk reaches the store; a broken file keeps the last good book."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from api.watcher import RuleWatcher, fingerprint
from tonkoll.rulebook.store import RuleStore


def test_fingerprint_sees_edits_new_and_removed_files(rules_dir: Path, bump) -> None:
    first = fingerprint([rules_dir])
    assert len([p for p, *_ in first if p.endswith(".yml")]) == 4
    target = rules_dir / "sv" / "rost.yml"
    bump(target, target.read_text(encoding="utf-8") + "\n")
    second = fingerprint([rules_dir])
    assert second != first
    (rules_dir / "sv" / "notes.txt").write_text("not a rule file")
    assert fingerprint([rules_dir]) == second
    target.unlink()
    assert len([p for p, *_ in fingerprint([rules_dir]) if p.endswith(".yml")]) == 3
    assert fingerprint([rules_dir / "missing"]) == ()


def test_poll_reloads_and_keeps_the_last_good_book(rules_dir: Path, bump) -> None:
    store = RuleStore([rules_dir])
    watcher = RuleWatcher(store, [rules_dir], interval=0)
    assert watcher.poll() is None
    target = rules_dir / "sv" / "klarsprak.yml"
    good = target.read_text(encoding="utf-8")
    bump(target, good.replace("Vardagsord går fram snabbare.", "Enkla ord når fler."))
    assert watcher.poll() is True
    assert store.current.by_id("klarsprak.erhalla").spec.explanation == "Enkla ord når fler."
    version = store.current.version

    bump(target, good.replace("    kind: substitution", "    kind: substitution\n    bogus: 1"))
    assert watcher.poll() is False
    assert store.current.version == version
    assert store.last_error is not None
    assert "klarsprak.yml:6:" in store.last_error


def test_the_app_reloads_by_itself(make_client, rules_dir: Path, bump) -> None:  # type: ignore[no-untyped-def]
    client: TestClient = make_client(reload_interval=0.1)
    text = {"text": "Du erhåller beskedet.", "language": "sv"}
    assert client.post("/v1/check", json=text).json()["findings"]
    target = rules_dir / "sv" / "klarsprak.yml"
    bump(
        target,
        target.read_text(encoding="utf-8")
        .replace("enabled: true", "")
        .replace("    kind: substitution", "    enabled: false\n    kind: substitution"),
    )
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        if not client.post("/v1/check", json=text).json()["findings"]:
            break
        time.sleep(0.05)
    assert client.post("/v1/check", json=text).json()["findings"] == []


def test_broken_rules_at_start_refuse_to_start(rules_dir: Path) -> None:
    import pytest

    from api.app import create_app
    from tonkoll.config import Settings
    from tonkoll.rulebook.errors import RuleError

    target = rules_dir / "sv" / "rost.yml"
    target.write_text(target.read_text(encoding="utf-8").replace("level: warning", "level: loud"))
    with pytest.raises(RuleError, match=r"rost\.yml:\d+:"):
        create_app(Settings(rules_dirs=[rules_dir], reload_interval=0))


def test_a_change_in_any_rules_dir_reloads(rules_dir: Path, tmp_path: Path, bump) -> None:  # type: ignore[no-untyped-def]
    local = tmp_path / "lokal"
    local.mkdir()
    store = RuleStore([rules_dir, local])
    watcher = RuleWatcher(store, [rules_dir, local], interval=0)
    bump(local / "av.yml", "overrides:\n  - id: rost.informerar\n    enabled: false\n")
    assert watcher.poll() is True
    assert store.current.by_id("rost.informerar").enabled is False
    (local / "av.yml").unlink()
    assert watcher.poll() is True
    assert store.current.by_id("rost.informerar").enabled is True

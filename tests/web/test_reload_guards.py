"""Issue 13, item 3: a reload that lost a language folder, cannot read a folder or file, finds
no rules or meets a `.yaml` file is refused loudly; the last good rules keep serving and
/v1/health says why."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.watcher import RuleWatcher, fingerprint
from tonkoll.rulebook.errors import RuleError
from tonkoll.rulebook.store import RuleStore

ROOT = Path(__file__).resolve().parents[2]


def refused(store: RuleStore, watcher: RuleWatcher, count: int) -> str:
    assert watcher.poll() is False
    assert len(store.current.rules) == count  # the last good book still serves
    assert store.last_error is not None
    return store.last_error


def test_a_vanished_language_folder_is_refused(make_client: Callable[..., TestClient],
                                               rules_dir: Path) -> None:
    client = make_client()
    store: RuleStore = client.app.state.store  # type: ignore[attr-defined]
    watcher = RuleWatcher(store, [rules_dir], interval=0)
    before = client.get("/v1/health").json()
    assert before["status"] == "ok"
    (rules_dir / "sv").rename(rules_dir / "sv-gammal")
    error = refused(store, watcher, before["rules"])
    assert "sv/ finns inte längre" in error
    health = client.get("/v1/health").json()
    assert health["status"] == "degraded" and "sv/ finns inte längre" in health["last_error"]
    assert health["rules"] == before["rules"] and health["rules_version"] == before["rules_version"]
    (rules_dir / "en").rename(rules_dir / "en-gammal")  # both gone: still refused
    refused(store, watcher, before["rules"])
    (rules_dir / "sv-gammal").rename(rules_dir / "sv")
    (rules_dir / "en-gammal").rename(rules_dir / "en")
    assert watcher.poll() is True and store.last_error is None


def test_a_book_without_rules_is_refused(rules_dir: Path) -> None:
    store = RuleStore([rules_dir])
    watcher = RuleWatcher(store, [rules_dir], interval=0)
    count = len(store.current.rules)
    for path in rules_dir.rglob("*.yml"):
        path.write_text("overrides: []\n", encoding="utf-8")
        os.utime(path, ns=(0, 10_000))  # make sure the poll sees it on a coarse clock
    assert "inga regler" in refused(store, watcher, count)


def test_a_yaml_file_is_refused_loudly(rules_dir: Path) -> None:
    store = RuleStore([rules_dir])
    watcher = RuleWatcher(store, [rules_dir], interval=0)
    shutil.copy(rules_dir / "sv" / "rost.yml", rules_dir / "sv" / "extra.yaml")
    error = refused(store, watcher, len(store.current.rules))
    assert "extra.yaml:1:" in error and "extra.yml" in error
    with pytest.raises(RuleError, match=r"extra\.yaml:1: regelfiler ska sluta på \.yml"):
        RuleStore([rules_dir])  # and at start


def test_a_chmod_is_noticed_at_the_next_poll(rules_dir: Path) -> None:
    target = rules_dir / "sv" / "rost.yml"
    before = fingerprint([rules_dir])
    target.chmod(0o000)
    assert fingerprint([rules_dir]) != before
    target.chmod(0o644)
    assert fingerprint([rules_dir]) == before
    (rules_dir / "sv").chmod(0o000)
    assert fingerprint([rules_dir]) != before
    (rules_dir / "sv").chmod(0o755)


SCENARIO = """
import json, os, sys
from pathlib import Path
from api.watcher import RuleWatcher
from tonkoll.rulebook.store import RuleStore
rules = Path(sys.argv[1])
store = RuleStore([rules])
watcher = RuleWatcher(store, [rules], interval=0)
if os.geteuid() == 0:  # root reads anything: go on as the unprivileged user nobody
    os.setresgid(65534, 65534, 65534)
    os.setresuid(65534, 65534, 65534)
out = {"rules": len(store.current.rules)}
(rules / "sv" / "rost.yml").chmod(0o000)
out["file"] = [watcher.poll(), store.last_error, len(store.current.rules)]
(rules / "sv" / "rost.yml").chmod(0o644)
out["back"] = [watcher.poll(), store.last_error]
(rules / "sv").chmod(0o000)
out["folder"] = [watcher.poll(), store.last_error, len(store.current.rules)]
(rules / "sv").chmod(0o755)
print(json.dumps(out))
"""


def test_unreadable_file_or_folder_is_refused_at_the_next_poll(rules_dir: Path) -> None:
    """Root reads anything, so as root the scenario drops to the unprivileged user `nobody`
    (after loading, as the interpreter may live under /root)."""
    as_root = os.geteuid() == 0
    with tempfile.TemporaryDirectory() as tmp:
        rules = Path(tmp) / "rules"
        shutil.copytree(rules_dir, rules)
        if as_root:
            for path in (Path(tmp), *Path(tmp).rglob("*")):
                os.chown(path, 65534, 65534)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": tmp}
        result = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(SCENARIO), str(rules)],
            capture_output=True, text=True, cwd=tmp, env=env, timeout=60,
        )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    ok, error, count = out["file"]
    assert ok is False and "rost.yml:1: kan inte läsa filen" in error and count == out["rules"]
    assert out["back"] == [True, None]
    ok, error, count = out["folder"]
    assert ok is False and "går inte att läsa" in error and count == out["rules"]

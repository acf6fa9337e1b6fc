"""Migrations up from empty (and back) on SQLite and a real PostgreSQL, from several processes
at once, and from an installed wheel through `tonkoll db upgrade`."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import inspect

from tonkoll.feedback.database import (
    current_revision,
    downgrade,
    head_revision,
    make_engine,
    upgrade,
)

ROOT = Path(__file__).resolve().parents[2]


def test_up_from_empty_and_down_again(db_url: str) -> None:
    engine = make_engine(db_url)
    assert current_revision(engine) is None
    assert "feedback_counts" not in inspect(engine).get_table_names()

    upgrade(db_url)
    assert current_revision(engine) == head_revision()
    insp = inspect(engine)
    assert "feedback_counts" in insp.get_table_names()
    columns = {c["name"] for c in insp.get_columns("feedback_counts")}
    assert columns == {"day", "rule_id", "language", "channel", "rules_version", "event",
                       "replacement", "offered", "count"}
    assert set(insp.get_pk_constraint("feedback_counts")["constrained_columns"]) == (
        columns - {"count"})

    upgrade(db_url)  # a second run is a no-op
    assert current_revision(engine) == head_revision()

    downgrade(db_url, "base")
    assert "feedback_counts" not in inspect(engine).get_table_names()
    engine.dispose()


def _upgrade(url: str) -> str | None:
    upgrade(url)
    engine = make_engine(url)
    try:
        return current_revision(engine)
    finally:
        engine.dispose()


def test_four_workers_starting_at_once_migrate_once(db_url: str) -> None:
    """Every worker migrates on start; they must not trip over each other."""
    with ProcessPoolExecutor(4) as pool:
        revisions = list(pool.map(_upgrade, [db_url] * 4))
    assert revisions == [head_revision()] * 4


@pytest.mark.slow
def test_db_upgrade_from_an_installed_wheel(tmp_path: Path) -> None:
    """The migrations ship inside the package: build the wheel, unpack it away from the
    checkout and run `tonkoll db upgrade` from there."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(tmp_path / "dist"), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    wheel = next((tmp_path / "dist").glob("tonkoll-*.whl"))
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        zf.extractall(site)
    assert "tonkoll/feedback/migrations/env.py" in names
    assert any(n.startswith("tonkoll/feedback/migrations/versions/0001") for n in names)
    url = f"sqlite:///{tmp_path / 'installed.db'}"
    done = subprocess.run(
        [sys.executable, "-c",
         "import sys, tonkoll.cli; print(tonkoll.cli.__file__, file=sys.stderr); "
         "sys.exit(tonkoll.cli.main())",
         "db", "upgrade", "--database-url", url],
        cwd=tmp_path, env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(str(site)), done.stderr  # the unpacked wheel, not the checkout
    assert "0001" in done.stdout
    engine = make_engine(url)
    assert current_revision(engine) == head_revision()
    engine.dispose()

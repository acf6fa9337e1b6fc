"""`tonkoll db upgrade`, `tonkoll db cleanup` and `tonkoll stats` on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from tonkoll.cli import main
from tonkoll.feedback.counters import record, today
from tonkoll.feedback.database import make_engine
from tonkoll.feedback.events import CounterKey


def key(rule: str, event: str, **extra: int) -> CounterKey:
    return CounterKey(rule, "sv", "facebook", "abc", event, **extra)


def test_upgrade_then_stats_table(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade", "--database-url", db_url]) == 0
    assert "schemaversion 0001" in capsys.readouterr().out
    engine = make_engine(db_url)
    record(engine, Counter({
        key("klarsprak.erhalla", "shown", offered=1): 20,
        key("klarsprak.erhalla", "applied", replacement=0): 5,
        key("dialog.fraga", "shown"): 4,
        key("dialog.fraga", "disabled"): 1,
    }))
    record(engine, Counter({key("dialog.fraga", "shown"): 99}), day=today() - timedelta(days=500))
    engine.dispose()

    assert main(["stats", "--database-url", db_url]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].split() == ["Regel", "Visad", "Tillämpad", "Ignorerad", "Avstängd"]
    rows = {line.split()[0]: line for line in out[3:]}
    assert rows["klarsprak.erhalla"].split()[1:4] == ["20", "5", "(25,0"]
    assert rows["dialog.fraga"].split()[1] == "4"  # the day 500 days ago is outside 12 weeks

    assert main(["stats", "--database-url", db_url, "--format", "csv", "--sort", "regel"]) == 0
    csv = capsys.readouterr().out.splitlines()
    assert csv[0].startswith("regel;tema;")
    assert [line.split(";")[0] for line in csv[1:]] == ["dialog.fraga", "klarsprak.erhalla"]

    assert main(["db", "cleanup", "--database-url", db_url, "--days", "400"]) == 0
    assert capsys.readouterr().out.startswith("1 rader")


def test_unreachable_database_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+psycopg://tonkoll:hemligt@127.0.0.1:1/ingen"
    assert main(["stats", "--database-url", url]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "hemligt" not in err and "kunde inte" in err

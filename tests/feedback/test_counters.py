"""Daily counters: exact totals from 4 concurrent writer processes on SQLite and PostgreSQL,
and the retention cleanup."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from tonkoll.feedback.counters import cleanup, record, today, total_events
from tonkoll.feedback.database import counts, make_engine, upgrade
from tonkoll.feedback.events import CounterKey

RULES = ("klarsprak.erhalla", "dialog.fraga", "rost.informerar")
WRITERS, BATCHES = 4, 60


def _batch(writer: int, n: int) -> Counter[CounterKey]:
    """Overlapping keys across writers, so the same rows are hit from every process."""
    totals: Counter[CounterKey] = Counter()
    for i, rule in enumerate(RULES):
        totals[CounterKey(rule, "sv", "facebook", "abc123", "shown", offered=1)] += 1 + i
        totals[CounterKey(rule, "sv", "facebook", "abc123", "applied", replacement=(n % 2))] += 1
        totals[CounterKey(rule, "en", "x", "abc123", "ignored")] += writer + 1
    return totals


def _write(url: str, writer: int, start: Any, results: Any) -> None:
    try:
        engine = make_engine(url)
        start.wait(timeout=60)  # all four begin writing at the same moment
        added = 0
        for n in range(BATCHES):
            added += record(engine, _batch(writer, n))
        engine.dispose()
        results.put(added)
    except Exception as exc:  # noqa: BLE001 - reported to the test, which fails with it
        results.put(f"{type(exc).__name__}: {exc}")


def test_four_processes_add_up_exactly(db_url: str) -> None:
    """Each process opens its own engine (as a worker does), then all write at once."""
    upgrade(db_url)
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(WRITERS), ctx.Queue()
    procs = [ctx.Process(target=_write, args=(db_url, w, start, results))
             for w in range(WRITERS)]
    for p in procs:
        p.start()
    added = [results.get(timeout=120) for _ in procs]
    assert all(isinstance(a, int) for a in added), added
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    expected: Counter[CounterKey] = Counter()
    for w in range(WRITERS):
        for n in range(BATCHES):
            expected.update(_batch(w, n))
    assert sum(added) == sum(expected.values())

    engine = make_engine(db_url)
    assert total_events(engine) == sum(expected.values())
    with engine.connect() as conn:
        rows = conn.execute(select(counts)).mappings().all()
    stored = {
        CounterKey(r["rule_id"], r["language"], r["channel"], r["rules_version"], r["event"],
                   r["replacement"], r["offered"]): r["count"]
        for r in rows
    }
    assert stored == dict(expected)  # every single row exact, no lost update
    assert {r["day"] for r in rows} == {today()}
    engine.dispose()


def test_cleanup_keeps_the_retention(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    key = CounterKey("dialog.fraga", "sv", "generic", "v1", "shown")
    now = date(2026, 6, 30)
    for age in (0, 399, 400, 401, 800):
        record(engine, Counter({key: 1}), day=now - timedelta(days=age))
    assert cleanup(engine, 400, now=now) == 2  # 401 and 800 days old
    with engine.connect() as conn:
        days = sorted(r[0] for r in conn.execute(select(counts.c.day)))
    assert days == [now - timedelta(days=a) for a in (400, 399, 0)]
    engine.dispose()


@pytest.mark.parametrize("age", [0, 5])
def test_record_adds_to_the_same_row(tmp_path: object, age: int) -> None:
    url = f"sqlite:///{tmp_path}/c.db"
    upgrade(url)
    engine = make_engine(url)
    key = CounterKey("dialog.fraga", "sv", "generic", "v1", "applied", replacement=2)
    day = today() - timedelta(days=age)
    record(engine, Counter({key: 3}), day=day)
    record(engine, Counter({key: 4}), day=day)
    with engine.connect() as conn:
        assert conn.execute(select(counts.c["count"])).scalars().all() == [7]
    engine.dispose()

"""FeedbackStore: a database that is down at start is retried later; the retention cleanup runs
when the store opens (and once a day after that)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from tonkoll.feedback import store as store_module
from tonkoll.feedback.counters import record, today, total_events
from tonkoll.feedback.database import DatabaseError, make_engine, upgrade
from tonkoll.feedback.events import CounterKey
from tonkoll.feedback.store import FeedbackStore

KEY = CounterKey("dialog.utsandning", "sv", "generic", "v1", "shown")


def test_down_at_start_then_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "db"
    blocker.write_text("not a folder")
    store = FeedbackStore(f"sqlite:///{blocker}/feedback.db", keep_days=400)
    assert store.open() is False
    assert store.error and "kunde inte uppgraderas" in store.error
    with pytest.raises(DatabaseError):
        store.add(Counter({KEY: 1}))

    blocker.unlink()  # the database comes back
    with pytest.raises(DatabaseError):  # not retried before RETRY_SECONDS have passed
        store.add(Counter({KEY: 1}))
    monkeypatch.setattr(store_module, "RETRY_SECONDS", 0.0)
    assert store.add(Counter({KEY: 2})) == 2
    assert store.error is None
    store.close()


def test_open_deletes_days_past_the_retention(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    for age in (0, 10, 11, 500):
        record(engine, Counter({KEY: 1}), day=today() - timedelta(days=age))
    store = FeedbackStore(db_url, keep_days=10)
    assert store.open()
    assert total_events(engine) == 2  # today and 10 days ago stay
    engine.dispose()
    store.close()

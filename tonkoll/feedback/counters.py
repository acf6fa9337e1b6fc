"""Daily counters: add a batch with atomic upserts, and forget days past the retention.

`INSERT … ON CONFLICT (key) DO UPDATE SET count = count + excluded.count` is one atomic
statement in both SQLite and PostgreSQL, so counters written by many workers and instances at
once add up exactly: no read-modify-write, no lost update.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import Engine, Insert, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite

from tonkoll.feedback.database import KEY_COLUMNS, counts
from tonkoll.feedback.events import CounterKey


def today() -> date:
    """Counters are kept per UTC day."""
    return datetime.now(UTC).date()


def record(engine: Engine, totals: Counter[CounterKey], day: date | None = None) -> int:
    """Add `totals` to the counters of `day` (default today) in one transaction; returns the
    number of events added."""
    if not totals:
        return 0
    day = day or today()
    rows: list[dict[str, Any]] = [
        {"day": day, "rule_id": k.rule_id, "language": k.language, "channel": k.channel,
         "rules_version": k.rules_version, "event": k.event, "replacement": k.replacement,
         "offered": k.offered, "count": n}
        for k, n in sorted(totals.items(), key=lambda item: _order(item[0]))
    ]
    statement = _upsert(engine.dialect.name)
    with engine.execution_options(sqlite_immediate=True).begin() as conn:
        conn.execute(statement, rows)
    return sum(totals.values())


@cache
def _upsert(dialect: str) -> Insert:
    """The upsert, built once per dialect (building it costs more than running it)."""
    insert = postgresql.insert(counts) if dialect == "postgresql" else sqlite.insert(counts)
    return insert.on_conflict_do_update(
        index_elements=list(KEY_COLUMNS),
        set_={"count": counts.c["count"] + insert.excluded["count"]},
    )


def _order(key: CounterKey) -> tuple[str, str, str, str, str, int, int]:
    # The same row order in every transaction, so two PostgreSQL writers never deadlock.
    return (key.rule_id, key.language, key.channel, key.rules_version, key.event,
            key.replacement, key.offered)


def cleanup(engine: Engine, keep_days: int, now: date | None = None) -> int:
    """Delete counters older than `keep_days` days; returns the number of rows deleted."""
    cutoff = (now or today()) - timedelta(days=keep_days)
    with engine.execution_options(sqlite_immediate=True).begin() as conn:
        result = conn.execute(delete(counts).where(counts.c.day < cutoff))
    return int(result.rowcount or 0)


def total_events(engine: Engine) -> int:
    """Every event counted (for tests and the health of the store)."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.coalesce(func.sum(counts.c["count"]), 0))).scalar_one())

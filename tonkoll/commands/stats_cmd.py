"""tonkoll db upgrade | db cleanup, and tonkoll stats: the feedback database from the terminal.

The database is TONKOLL_DATABASE_URL (or the SQLite file in TONKOLL_DATA_DIR), as the service
uses it, unless --database-url says otherwise.
"""

from __future__ import annotations

import sys

from sqlalchemy.exc import SQLAlchemyError

from tonkoll.commands.common import EXIT_OK, CliError
from tonkoll.config import Settings
from tonkoll.feedback.counters import cleanup
from tonkoll.feedback.database import (
    DatabaseError,
    current_revision,
    make_engine,
    safe_url,
    upgrade,
)
from tonkoll.feedback.export import to_csv, to_text
from tonkoll.feedback.stats import Filter, Period, rule_table, sort_rows


def _url(given: str | None) -> str:
    return given or Settings().feedback_database_url


def run_db_upgrade(database_url: str | None) -> int:
    url = _url(database_url)
    try:
        upgrade(url)
        engine = make_engine(url)
        revision = current_revision(engine)
        engine.dispose()
    except DatabaseError as exc:
        raise CliError(str(exc)) from None
    print(f"{safe_url(url)}: schemaversion {revision}")
    return EXIT_OK


def run_db_cleanup(database_url: str | None, days: int | None) -> int:
    url = _url(database_url)
    keep = days if days is not None else Settings().feedback_days
    try:
        upgrade(url)
        engine = make_engine(url)
        removed = cleanup(engine, keep)
        engine.dispose()
    except DatabaseError as exc:
        raise CliError(str(exc)) from None
    print(f"{removed} rader äldre än {keep} dagar borttagna")
    return EXIT_OK


def run_stats(database_url: str | None, weeks: int, channel: str | None,
              language: str | None, sort: str, fmt: str) -> int:
    url = _url(database_url)
    try:
        upgrade(url)
        engine = make_engine(url)
        period = Period.last_weeks(weeks)
        rows = rule_table(engine, period, Filter(language=language, channel=channel))
        engine.dispose()
    except DatabaseError as exc:
        raise CliError(str(exc)) from None
    except SQLAlchemyError as exc:
        raise CliError(f"{safe_url(url)}: kunde inte läsa ({type(exc).__name__})") from None
    rows = sort_rows(rows, sort, descending=sort != "regel")
    if fmt == "csv":
        sys.stdout.write(to_csv(rows).removeprefix("\ufeff"))
        return EXIT_OK
    print(f"Tonkoll-statistik {period.since.isoformat()} – {period.until.isoformat()} "
          f"({weeks} veckor). Procent av visade tips.")
    if not rows:
        print("Inga händelser under perioden.")
        return EXIT_OK
    sys.stdout.write(to_text(rows))
    return EXIT_OK

"""The feedback database: one table of daily counters, reached through SQLAlchemy 2.

SQLite (a file in the data directory) is the default; PostgreSQL (`postgresql+psycopg://…`)
serves several instances. The schema is made by Alembic migrations that ship inside the
package (migrations/), so `tonkoll db upgrade` works from an installed wheel.
"""

from __future__ import annotations

import fcntl
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Date,
    Engine,
    MetaData,
    PrimaryKeyConstraint,
    SmallInteger,
    String,
    Table,
    create_engine,
    event,
    make_url,
)

log = logging.getLogger("tonkoll.feedback")

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_SECONDS = 30.0

metadata = MetaData()

# One row per day, rule, language, channel, rules version, event kind and replacement: the
# size is bounded by the rule set and the retention, never by the number of writers.
counts = Table(
    "feedback_counts",
    metadata,
    Column("day", Date, nullable=False),
    Column("rule_id", String(80), nullable=False),
    Column("language", String(8), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("rules_version", String(40), nullable=False),
    Column("event", String(16), nullable=False),
    Column("replacement", SmallInteger, nullable=False, server_default="-1"),
    Column("offered", SmallInteger, nullable=False, server_default="0"),
    Column("count", BigInteger, nullable=False),
    PrimaryKeyConstraint(
        "day", "rule_id", "language", "channel", "rules_version", "event", "replacement",
        "offered", name="feedback_counts_pkey",
    ),
    sqlite_with_rowid=False,
)
KEY_COLUMNS = ("day", "rule_id", "language", "channel", "rules_version", "event",
               "replacement", "offered")


class DatabaseError(Exception):
    """The database cannot be reached or set up; the message says which and never echoes
    credentials."""


def safe_url(url: str) -> str:
    """The URL with its password hidden, for logs and messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown as a placeholder
        return "<ogiltig databasadress>"


def make_engine(url: str) -> Engine:
    """An engine for `url`. SQLite: the folder is created, WAL lets readers and one writer work
    at once, and a writer waits up to 30 s for another (several workers share one file)."""
    try:
        parsed = make_url(url)
    except Exception as exc:  # noqa: BLE001 - ArgumentError and friends
        raise DatabaseError(f"TONKOLL_DATABASE_URL går inte att läsa: {safe_url(url)}") from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_SECONDS})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _: Any) -> None:
            dbapi_connection.isolation_level = None  # transactions begin below, not in pysqlite
            cursor = dbapi_connection.cursor()
            cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_SECONDS * 1000)}")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            # A writer takes the write lock when it begins (and waits its turn for it), so two
            # writers never deadlock upgrading a read lock, which SQLite answers with an
            # immediate "database is locked" instead of waiting.
            immediate = conn.get_execution_options().get("sqlite_immediate", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    return create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=10)


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


@contextmanager
def _migration_lock(url: str) -> Iterator[None]:
    """Several workers start at once: for SQLite, one migrates while the others wait on a lock
    file beside the database (PostgreSQL takes an advisory lock inside the migration)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or \
            parsed.database == ":memory:":
        yield
        return
    lock_path = Path(parsed.database + ".migrate-lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run_alembic(url: str, action: str, revision: str) -> None:
    engine = make_engine(url)
    try:
        with _migration_lock(url), engine.connect() as conn:
            cfg = alembic_config(url)
            cfg.attributes["connection"] = conn
            getattr(command, action)(cfg, revision)
    finally:
        engine.dispose()


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database to `revision` (default: the newest). Safe to run from many processes."""
    try:
        _run_alembic(url, "upgrade", revision)
    except DatabaseError:
        raise
    except Exception as exc:  # noqa: BLE001 - driver errors carry no draft, but maybe a password
        raise DatabaseError(
            f"databasen {safe_url(url)} kunde inte uppgraderas ({type(exc).__name__})"
        ) from exc


def downgrade(url: str, revision: str) -> None:
    _run_alembic(url, "downgrade", revision)


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()

"""Alembic's entry point for the feedback database (run through tonkoll.feedback.database,
which passes its own connection, SQLite pragmas included)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, text

from tonkoll.feedback.database import metadata

ADVISORY_LOCK = 7_413_355  # any constant: one migrating process per PostgreSQL database


def run(connection: Connection) -> None:
    postgres = connection.dialect.name == "postgresql"
    if postgres:
        # A session lock: other workers starting at the same time wait here, then find the
        # schema at head and do nothing.
        with connection.begin():
            connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": ADVISORY_LOCK})
    try:
        context.configure(connection=connection, target_metadata=metadata,
                          render_as_batch=connection.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()
    finally:
        if postgres:
            with connection.begin():
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_LOCK})


run(context.config.attributes["connection"])

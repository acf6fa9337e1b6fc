"""Alembic's entry point for the feedback database (run through tonkoll.feedback.database)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool, text

from tonkoll.feedback.database import metadata

ADVISORY_LOCK = 7_413_355  # any constant: one migrating process per PostgreSQL database

config = context.config
url = config.get_main_option("sqlalchemy.url")
assert url is not None


def run() -> None:
    connectable = create_engine(url, poolclass=pool.NullPool)
    with connectable.connect() as connection:
        if connection.dialect.name == "postgresql":
            # Held until the migration's transaction ends; other workers wait, then see head.
            with connection.begin():
                connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": ADVISORY_LOCK})
        try:
            context.configure(connection=connection, target_metadata=metadata,
                              render_as_batch=connection.dialect.name == "sqlite")
            with context.begin_transaction():
                context.run_migrations()
        finally:
            if connection.dialect.name == "postgresql":
                with connection.begin():
                    connection.execute(text("SELECT pg_advisory_unlock(:k)"),
                                       {"k": ADVISORY_LOCK})
    connectable.dispose()


run()

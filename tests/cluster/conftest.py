"""The multi-instance test's shared database: one throwaway PostgreSQL cluster (tests/pg.py).
Under CI=true a missing PostgreSQL is a failure, never a skip."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pg import start_cluster


@pytest.fixture(scope="module")
def shared_pg_url() -> Iterator[str]:
    """An empty database on a throwaway cluster, for every instance of the test."""
    cluster = start_cluster()
    try:
        yield cluster.create_database()
    finally:
        cluster.stop()

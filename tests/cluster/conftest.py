"""The multi-instance test's shared database: one throwaway PostgreSQL cluster (tests/pg.py).
Under CI=true a missing PostgreSQL is a failure, never a skip."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from pg import PgCluster, pg_bindir


@pytest.fixture(scope="module")
def shared_pg_url() -> Iterator[str]:
    """An empty database on a throwaway cluster, for every instance of the test."""
    bindir = pg_bindir()
    if bindir is None:
        message = ("PostgreSQL is not installed (apt-get install -y postgresql; scripts/test "
                   "does it)")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    cluster = PgCluster(bindir).start()
    try:
        yield cluster.create_database()
    finally:
        cluster.stop()

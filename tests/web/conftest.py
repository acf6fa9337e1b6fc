"""Service test helpers: fixture rules copied to a temp dir and TestClients built on them."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tonkoll.config import Settings

DATA_RULES = Path(__file__).resolve().parent / "data" / "rules"


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    """A private copy of the fixture rules that a test may rewrite."""
    target = tmp_path / "rules"
    shutil.copytree(DATA_RULES, target)
    return target


@pytest.fixture
def make_client(rules_dir: Path) -> Iterator[Callable[..., TestClient]]:
    """make_client(**settings) -> a started TestClient on the fixture rules."""
    clients: list[TestClient] = []

    def _make(**overrides: Any) -> TestClient:
        values: dict[str, Any] = {"rules_dirs": [rules_dir], "reload_interval": 0, **overrides}
        client = TestClient(create_app(Settings(**values)), raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    yield _make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client()


def touch_rule_file(path: Path, text: str) -> None:
    """Rewrite a rule file and make sure its mtime moves even on a coarse clock."""
    path.write_text(text, encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))


@pytest.fixture
def bump() -> Callable[[Path, str], None]:
    return touch_rule_file

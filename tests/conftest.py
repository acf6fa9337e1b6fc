"""Shared fixtures: the repo's paths and a real uvicorn process on a free loopback port."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from servers import free_port, stop, wait_healthy

from tonkoll.cli import EVENT_LOOP

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = ROOT / "rules"


@pytest.fixture(scope="session", autouse=True)
def private_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Services started by tests keep their data (the feedback database) in a temp folder,
    never in the checkout's data/."""
    path = tmp_path_factory.mktemp("data")
    before = os.environ.get("TONKOLL_DATA_DIR")
    os.environ["TONKOLL_DATA_DIR"] = str(path)
    yield path
    if before is None:
        os.environ.pop("TONKOLL_DATA_DIR", None)
    else:
        os.environ["TONKOLL_DATA_DIR"] = before


@dataclass
class LiveServer:
    """A real `uvicorn` process serving `api.app:create_app` on 127.0.0.1."""

    rules_dirs: list[Path]
    log_path: Path
    env: dict[str, str] = field(default_factory=dict)
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 20.0) -> LiveServer:
        if not self.port:
            self.port = free_port()
        env = {
            **os.environ,
            "TONKOLL_RULES_DIRS": ":".join(str(d) for d in self.rules_dirs),
            **self.env,
        }
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory",
             "--host", "127.0.0.1", "--port", str(self.port), "--loop", EVENT_LOOP],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            wait_healthy(self.base_url, self.proc, self.log_path, timeout)
        except RuntimeError:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        if self.proc:
            stop(self.proc)
        self.proc = None

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def pytest_configure(config: pytest.Config) -> None:
    """Starlette's TestClient sends `Host: testserver`: the tests allow that name besides the
    default loopback names, for the whole session (module-scoped apps too). The default itself
    is checked in tests/web/test_hardening.py and test_config.py."""
    os.environ["TONKOLL_ALLOWED_HOSTS"] = "localhost,127.0.0.1,::1,testserver"


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Callable[..., LiveServer]]:
    """Factory: start_server(rules_dirs=[...], env={...}) -> a started LiveServer."""
    servers: list[LiveServer] = []

    def _start(rules_dirs: list[Path] | None = None, env: dict[str, str] | None = None,
               port: int = 0) -> LiveServer:
        srv = LiveServer(rules_dirs or [RULES_DIR], tmp_path / f"server-{len(servers)}.log",
                         env or {}, port)
        servers.append(srv)
        return srv.start()

    yield _start
    for srv in servers:
        srv.stop()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One real service with the bundled rules for the whole session."""
    srv = LiveServer([RULES_DIR], tmp_path_factory.mktemp("live") / "server.log").start()
    yield srv
    srv.stop()

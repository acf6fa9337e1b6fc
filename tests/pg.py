"""A throwaway PostgreSQL cluster for tests: initdb and pg_ctl in a temporary folder, on a free
loopback port, removed afterwards. No mock: the tests talk to a real server.

PostgreSQL refuses to run as root, and CI runs as root: then the cluster belongs to an
unprivileged system user (`postgres`, which Debian's package creates, else `nobody`) and every
PostgreSQL command runs through `runuser -u <user>`.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
from servers import free_port

PG_ROOT = Path("/usr/lib/postgresql")


def pg_bindir() -> Path | None:
    """The newest PostgreSQL server binaries on this machine (Debian keeps them out of PATH)."""
    candidates: list[Path] = []
    if os.environ.get("TONKOLL_TEST_PG_BIN"):
        candidates.append(Path(os.environ["TONKOLL_TEST_PG_BIN"]))

    def version(p: Path) -> int:
        digits = re.sub(r"\D", "", p.parent.name)
        return int(digits) if digits else 0

    candidates += sorted(PG_ROOT.glob("*/bin"), key=version, reverse=True)
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for path in candidates:
        if (path / "initdb").exists() and (path / "pg_ctl").exists():
            return path
    return None


def unprivileged_user() -> str | None:
    """None when we are not root; else a system user that may own the cluster."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise RuntimeError("running as root and neither a 'postgres' nor a 'nobody' user exists "
                       "to run PostgreSQL as")


@dataclass
class PgCluster:
    bindir: Path
    base: Path = field(default_factory=lambda: Path())
    port: int = 0
    user: str | None = None

    def _run(self, *args: str, timeout: float = 120) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        done = subprocess.run(command, cwd=self.base, capture_output=True, text=True,
                              timeout=timeout)
        if done.returncode != 0:
            log = self.base / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} failed ({done.returncode}):\n{done.stdout}\n"
                               f"{done.stderr}\n{tail}")

    def start(self) -> PgCluster:
        self.user = unprivileged_user()
        # As root: /tmp itself (sticky, world-traversable), since pytest's own temp folders
        # are private to root and the postgres user could not reach them.
        self.base = Path(tempfile.mkdtemp(prefix="tonkoll-pg-",
                                          dir="/tmp" if self.user else None))
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chown(self.base, entry.pw_uid, entry.pw_gid)
        self.port = free_port()
        self._run("initdb", "-D", str(self.base / "data"), "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--locale=C", "--no-sync")
        options = (f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   "-c max_connections=100")
        self._run("pg_ctl", "-D", str(self.base / "data"), "-l", str(self.base / "server.log"),
                  "-w", "-t", "60", "-o", options, "start")
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A fresh, empty database; its SQLAlchemy URL."""
        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.base / "data"), "-m", "immediate", "-w", "stop",
                      timeout=60)
        finally:
            shutil.rmtree(self.base, ignore_errors=True)


def start_cluster() -> PgCluster:
    """A started throwaway cluster; a missing PostgreSQL fails the test under CI=true (never a
    silent skip there) and skips it elsewhere."""
    bindir = pg_bindir()
    if bindir is None:
        message = ("PostgreSQL is not installed (apt-get install -y postgresql; scripts/test "
                   "does it)")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return PgCluster(bindir).start()

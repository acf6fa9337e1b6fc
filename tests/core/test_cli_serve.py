"""`tonkoll serve` starts the real service (uvicorn, api.app:create_app) with --rules."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from servers import free_port, stop, wait_healthy

FIXTURES = Path(__file__).parent / "data" / "rules"


def test_serve_answers_health_with_the_given_rules(tmp_path: Path) -> None:
    port = free_port()
    exe = Path(sys.executable).parent / "tonkoll"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "tonkoll.cli"]
    log = (tmp_path / "serve.log").open("wb")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONKOLL_")}
    proc = subprocess.Popen([*cmd, "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--rules", str(FIXTURES)], stdout=log, stderr=subprocess.STDOUT,
                            env=env)
    try:
        health = wait_healthy(f"http://127.0.0.1:{port}", proc, tmp_path / "serve.log", 30)
        from tonkoll.rulebook.loader import load_rulebook

        assert health["rules_version"] == load_rulebook([FIXTURES]).version
    finally:
        stop(proc, sig=signal.SIGINT)
        log.close()

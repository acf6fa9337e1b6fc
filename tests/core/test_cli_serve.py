"""`tonkoll serve` starts the real service (uvicorn, api.web.app:create_app) with --rules."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

FIXTURES = Path(__file__).parent / "data" / "rules"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_health_with_the_given_rules(tmp_path: Path) -> None:
    port = _free_port()
    exe = Path(sys.executable).parent / "tonkoll"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "api.cli"]
    log = (tmp_path / "serve.log").open("wb")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONKOLL_")}
    proc = subprocess.Popen([*cmd, "serve", "--host", "127.0.0.1", "--port", str(port),
                             "--rules", str(FIXTURES)], stdout=log, stderr=subprocess.STDOUT,
                            env=env)
    try:
        health = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                url = f"http://127.0.0.1:{port}/v1/health"
                with urllib.request.urlopen(url, timeout=1) as resp:
                    health = json.loads(resp.read())
                break
            except OSError:
                time.sleep(0.2)
        assert health is not None, (tmp_path / "serve.log").read_text(errors="replace")
        from api.rulebook.loader import load_rulebook

        assert health["rules_version"] == load_rulebook([FIXTURES]).version
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()

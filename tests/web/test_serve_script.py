"""The README's serve command really starts a service that answers /v1/check."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import httpx
import pytest
from servers import free_port, stop, wait_healthy

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_scripts_serve_answers_check(tmp_path: Path) -> None:
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TONKOLL_")}
    proc = subprocess.Popen(
        [str(ROOT / "scripts" / "serve"), "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, proc, tmp_path / "serve.log", timeout=180)  # installs first
        r = httpx.post(base + "/v1/check", json={"text": "Vi ses i parken i morgon!"}, timeout=10)
        assert r.status_code == 200, r.text
        assert r.json()["language"] == "sv"
        assert httpx.get(base + "/v1/health").json()["rules"] > 0
    finally:
        stop(proc, timeout=15)
        log.close()

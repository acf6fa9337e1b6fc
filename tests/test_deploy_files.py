"""Dockerfile and docker-compose.yml: no Docker engine runs here, so check what can be checked —
they parse, and every path, command and URL they name exists in this repo and service."""

from __future__ import annotations

import json
import re
import shlex
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from fastapi.testclient import TestClient

from api.app import create_app
from tonkoll.cli import build_parser
from tonkoll.config import Settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_RULES = ROOT / "tests" / "web" / "data" / "rules"


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    lines = (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines()
    joined: list[str] = []
    buffer = ""
    for line in lines:
        if not buffer and (not line.strip() or line.lstrip().startswith("#")):
            continue
        buffer += line.rstrip("\\").strip() + " "
        if not line.rstrip().endswith("\\"):
            joined.append(buffer.strip())
            buffer = ""
    return [(ln.split(None, 1)[0].upper(), ln.split(None, 1)[1]) for ln in joined]


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def exec_form(args: str) -> list[str]:
    value = json.loads(args)
    assert isinstance(value, list) and all(isinstance(v, str) for v in value)
    return value


def answers_200(path: str) -> bool:
    app = create_app(Settings(rules_dirs=[FIXTURE_RULES], reload_interval=0))
    with TestClient(app) as client:
        return client.get(path).status_code == 200


def assert_serve_command(argv: list[str]) -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert argv[0] in scripts, f"{argv[0]} is not an installed script"
    assert scripts[argv[0]] == "tonkoll.cli:main"
    args = build_parser().parse_args(argv[1:])
    assert args.command == "serve"
    assert args.host == "0.0.0.0"
    assert args.workers and args.workers >= 2


def assert_healthcheck(code: str) -> None:
    urls = re.findall(r"https?://[^'\"\s]+", code)
    assert urls, code
    path = urlsplit(urls[0]).path
    assert path == "/v1/health" and answers_200(path)
    compile(code, "<healthcheck>", "exec")  # valid Python for `python -c`
    assert "curl" not in code and "wget" not in code  # neither is in python:3.11-slim


def test_dockerfile() -> None:
    steps = dockerfile()
    assert steps[0] == ("FROM", "python:3.11-slim")
    for op, args in steps:
        if op == "COPY":
            *sources, _target = shlex.split(args)
            for source in sources:
                assert (ROOT / source).exists(), f"COPY source {source} is missing"
    users = [args for op, args in steps if op == "USER"]
    assert users and users[-1] not in ("root", "0")
    assert any(op == "RUN" and "pip install ." in args for op, args in steps)
    env = " ".join(args for op, args in steps if op == "ENV")
    assert "TONKOLL_RULES_DIRS=/rules" in env
    (cmd,) = [args for op, args in steps if op == "CMD"]
    assert_serve_command(exec_form(cmd))
    (health,) = [args for op, args in steps if op == "HEALTHCHECK"]
    probe = exec_form(health.split("CMD", 1)[1].strip())
    assert probe[:2] == ["python", "-c"]
    assert_healthcheck(probe[2])


def test_compose() -> None:
    service = compose()["services"]["tonkoll"]
    assert (ROOT / service["build"] / "Dockerfile").exists()
    volumes = [v.split(":") for v in service["volumes"]]
    for source, *_ in volumes:
        assert (ROOT / source).is_dir(), f"volume source {source} is missing"
    targets = {v[1] for v in volumes}
    assert service["environment"]["TONKOLL_RULES_DIRS"] in targets
    for name in service["environment"]:
        assert name.startswith("TONKOLL_")
        assert name.removeprefix("TONKOLL_").lower() in Settings.model_fields, name
    assert_serve_command(service["command"])
    test = service["healthcheck"]["test"]
    assert test[:3] == ["CMD", "python", "-c"]
    assert_healthcheck(test[3])


@pytest.mark.parametrize("name", ["scripts/serve", "scripts/test", ".ci/run"])
def test_the_readme_commands_exist(name: str) -> None:
    path = ROOT / name
    assert path.exists() and path.stat().st_mode & 0o111, f"{name} is not executable"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    if name != ".ci/run":
        assert f"./{name}" in readme

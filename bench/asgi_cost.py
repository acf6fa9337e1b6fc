"""Per-request cost of the service in process, without network or uvicorn.

    .venv/bin/python -m bench.asgi_cost [--chars 280] [--inline]

Drives the ASGI apps directly (the minimal ceiling and Tonkoll) and prints the CPU
microseconds per `POST /v1/check`. `--inline` also measures Tonkoll with FastAPI's threadpool
replaced by a direct call, which shows what the thread hand-offs of sync endpoints and
sync dependencies cost. Used to find where the service spends its time (see README).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

from bench.texts import build_posts, read_swedish_texts

Asgi = Callable[[dict[str, Any], Any, Any], Awaitable[None]]


async def drive(app: Asgi, bodies: list[bytes], rounds: int) -> float:
    """CPU microseconds per request (this process, all threads) over `rounds` sequential
    requests cycling through `bodies`; CPU time, so other load on the machine matters less."""
    statuses: set[int] = set()

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.add(message["status"])

    cpu_start = time.process_time()
    for i in range(rounds):
        body = bodies[i % len(bodies)]
        scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
            "method": "POST", "scheme": "http", "path": "/v1/check",
            "raw_path": b"/v1/check", "query_string": b"", "root_path": "",
            "headers": [(b"host", b"127.0.0.1"), (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode())],
            "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80),
        }

        async def receive(body: bytes = body) -> dict[str, Any]:
            return {"type": "http.request", "body": body, "more_body": False}

        await app(scope, receive, send)
    cpu = time.process_time() - cpu_start
    if statuses != {200}:
        raise RuntimeError(f"unexpected statuses {statuses}")
    return cpu / rounds * 1e6


async def measure(factory: Callable[[], Any], bodies: list[bytes]) -> float:
    app = factory()
    async with app.router.lifespan_context(app):
        await drive(app, bodies, 300)
        return await drive(app, bodies, 2000)


def inline_threadpool() -> None:
    """Run sync endpoints and dependencies directly instead of in FastAPI's threadpool."""
    import fastapi.dependencies.utils
    import fastapi.routing

    async def run_inline(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    fastapi.routing.run_in_threadpool = run_inline  # type: ignore[assignment]
    fastapi.dependencies.utils.run_in_threadpool = run_inline  # type: ignore[assignment]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=280)
    parser.add_argument("--inline", action="store_true")
    args = parser.parse_args()
    import logging
    import shutil
    import tempfile
    from pathlib import Path

    from api.app import create_app as create_service
    from bench.minimal_app import create_app as create_minimal
    from tonkoll.config import Settings

    # A snapshot of the rules: an edit during the run would make the watcher reload (and
    # count a rule-book load into the request cost).
    snapshot = Path(tempfile.mkdtemp()) / "rules"
    shutil.copytree(Path(__file__).resolve().parent.parent / "rules", snapshot)

    def create_app(rate_limit: int = 0) -> Any:
        # One client sends every request: the default rate limit (300 a minute) would answer
        # 429, so it is off, or (below) so high that only its bookkeeping is measured.
        return create_service(Settings(rules_dirs=[snapshot], api_tokens=[],
                                       rate_limit_per_minute=rate_limit))

    bodies = [json.dumps({"text": p}, ensure_ascii=False).encode()
              for p in build_posts(read_swedish_texts(), args.chars, 40)]
    results = {"minimal": asyncio.run(measure(create_minimal, bodies)),
               "tonkoll": asyncio.run(measure(create_app, bodies))}
    logging.getLogger("tonkoll").setLevel(logging.WARNING)
    results["tonkoll, log level WARNING"] = asyncio.run(measure(create_app, bodies))
    results["tonkoll, WARNING, rate limit on"] = asyncio.run(
        measure(lambda: create_app(10**9), bodies))
    if args.inline:
        inline_threadpool()
        results["tonkoll, no threadpool"] = asyncio.run(measure(create_app, bodies))
    for name, micros in results.items():
        print(f"{name:<28} {micros:8.1f} µs CPU per request")


if __name__ == "__main__":
    main()

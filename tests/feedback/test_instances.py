"""Two service instances on one database, four client processes posting at once through HTTP:
every count arrives exactly once (SQLite shared by two processes on one machine; PostgreSQL as
several instances behind a load balancer would use it)."""

from __future__ import annotations

import json
import multiprocessing
import urllib.request
from collections.abc import Callable
from typing import Any

import pytest

from tonkoll.feedback.counters import total_events
from tonkoll.feedback.database import make_engine

CLIENTS, BATCHES = 4, 25
RULES = ["klarsprak.stela-verb", "rost.man", "dialog.utsandning"]


def _post(urls: list[str], client: int, results: Any) -> None:
    sent = 0
    try:
        for n in range(BATCHES):
            events = [{"rule_id": rule, "event": "shown", "language": "sv",
                       "channel": "facebook", "rules_version": "v1", "count": client + 1}
                      for rule in RULES]
            body = json.dumps({"events": events}).encode()
            request = urllib.request.Request(urls[(client + n) % len(urls)] + "/v1/feedback",
                                             data=body,
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=30) as resp:
                sent += json.loads(resp.read())["stored"]
        results.put(sent)
    except Exception as exc:  # noqa: BLE001 - reported to the test
        results.put(f"{type(exc).__name__}: {exc}")


@pytest.mark.slow
def test_two_instances_four_clients_exact(db_url: str, start_server: Callable[..., Any]) -> None:
    env = {"TONKOLL_DATABASE_URL": db_url, "TONKOLL_FEEDBACK_PER_MINUTE": "0",
           "TONKOLL_LOG_LEVEL": "WARNING"}
    servers = [start_server(env=env), start_server(env=env)]  # both migrate on start
    known = json.loads(urllib.request.urlopen(servers[0].base_url + "/v1/rules").read())
    assert set(RULES) <= {r["id"] for r in known["rules"]}
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    procs = [ctx.Process(target=_post, args=([s.base_url for s in servers], c, results))
             for c in range(CLIENTS)]
    for p in procs:
        p.start()
    answers = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    assert all(isinstance(a, int) for a in answers), answers
    expected = sum((c + 1) * len(RULES) * BATCHES for c in range(CLIENTS))
    assert sum(answers) == expected
    engine = make_engine(db_url)
    assert total_events(engine) == expected
    engine.dispose()

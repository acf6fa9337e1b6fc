"""Three `tonkoll serve` instances (two workers each) behind HAProxy, sharing one rule directory
and one PostgreSQL database, under a steady load of /v1/check and /v1/feedback, all on loopback
and within two minutes:

- an edited rule reaches every instance within 3 s, and no answer mixes books: its header, its
  body's `rules_version` and the message it carries all belong to the same book;
- a broken rule file: every instance keeps the last good book and says `degraded`;
- SIGTERM to one instance: it fails readiness first, HAProxy takes it out, nothing fails;
- SIGKILL to another: HAProxy takes it out, retries and redispatch hide it, no check fails; a
  restarted instance rejoins;
- the feedback counts sent through all instances add up exactly in PostgreSQL, batch by batch.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from cluster.lb import SERVERS, Answer, HAProxy, Instance, Load, haproxy_binary, within
from tonkoll.feedback.database import counts, make_engine
from tonkoll.rulebook.loader import load_rulebook

ROOT = Path(__file__).resolve().parents[2]
DRAFT = {"text": "Du erhåller beskedet i morgon.", "language": "sv", "channel": "facebook"}
RULE_FILE = Path("sv") / "klarsprak.yml"
RULE_ID = "klarsprak.stela-verb"  # the rule DRAFT triggers ("erhåller")
MARK = "Obs: "  # the edit: its messages start with this
REDISPATCHED = re.compile(r" \d+/\d+/\d+/\d+/\+\d+ ")  # httplog: retries, + = redispatched
CONVERGE = 3.0  # seconds: every instance on the new book
INSTANCE_ENV = {
    # HAProxy is every request's client address, so a per-address limit would count the
    # whole load as one client: the limits are the load balancer's job here.
    "TONKOLL_RATE_LIMIT_PER_MINUTE": "0",
    "TONKOLL_FEEDBACK_PER_MINUTE": "0",
    "TONKOLL_LOG_LEVEL": "info",
    "TONKOLL_SHUTDOWN_DELAY": "1",
    "TONKOLL_SHUTDOWN_GRACE": "5",
}


def replace_text(path: Path, text: str) -> None:
    """Write a whole file at once, as an editor or `git pull` does (temp file + rename), and
    move its mtime on even on a coarse clock."""
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))


def edit(text: str) -> str:
    """The rule file with RULE_ID's messages (every `message…:` key of its entry) marked."""
    start = text.index(f"id: {RULE_ID}\n")
    end = text.find("\n  - id:", start)
    end = len(text) if end < 0 else end
    block = re.sub(r'(\n\s+message\w*: ")', rf"\g<1>{MARK}", text[start:end])
    return text[:start] + block + text[end:]


def message_of(answer: Answer) -> str:
    assert answer.body is not None
    (message,) = [f["message"] for f in answer.body["findings"] if f["rule_id"] == RULE_ID]
    return str(message)


def book_version(text: str, rules: Path, scratch: Path) -> str:
    """The version the service must reach: the rules with `text` as the edited file."""
    shutil.copytree(rules, scratch)
    (scratch / RULE_FILE).write_text(text, encoding="utf-8")
    return load_rulebook([scratch]).version


def check(client: httpx.Client, _: int) -> httpx.Response:
    return client.post("/v1/check", json=DRAFT)


def feedback_event(request_id: int) -> dict[str, Any]:
    """One batch's event. Its `rules_version` is a tag unique to the batch, so the database can
    be checked batch by batch: each one counted exactly once, or (only if the SIGKILL cut it)
    at most once."""
    return {"rule_id": "klarsprak.stela-verb", "event": "shown", "language": "sv",
            "channel": "facebook", "rules_version": f"t{request_id}",
            "count": 1 + request_id % 5}


def feedback(client: httpx.Client, request_id: int) -> httpx.Response:
    return client.post("/v1/feedback", json={"events": [feedback_event(request_id)]})


def stored_per_batch(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(counts.c.rules_version, func.sum(counts.c["count"]))
                                .group_by(counts.c.rules_version)).all()
    finally:
        engine.dispose()
    return {tag: int(n) for tag, n in rows}


def wait_every_worker(instances: list[Instance], message: str, since: float,
                      timeout: float) -> float:
    """Seconds from `since` (epoch) until every worker of every instance logged `message`
    (each worker logs its own reloads); AssertionError after `timeout`."""
    while True:
        seen = {i.name: [t for t in i.logged(message) if t >= since - 0.01] for i in instances}
        if all(len(times) >= i.workers for i, times in zip(instances, seen.values(), strict=True)):
            return max(t for times in seen.values() for t in times) - since
        if time.time() - since > timeout:
            raise AssertionError(f"not every worker logged {message!r} within {timeout}s: {seen}")
        time.sleep(0.05)


def wait_health(instances: list[Instance], ok: Callable[[dict[str, Any]], bool],
                timeout: float) -> None:
    """Until every instance's /v1/health satisfies `ok` (on whichever worker answers)."""
    started = time.monotonic()
    while not all(ok(i.health()) for i in instances):
        assert time.monotonic() - started < timeout, [i.health() for i in instances]
        time.sleep(0.05)


@pytest.mark.slow
def test_three_instances_behind_haproxy(tmp_path: Path, shared_pg_url: str) -> None:
    binary = haproxy_binary()
    began = time.monotonic()
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    target = rules / RULE_FILE
    good = target.read_text(encoding="utf-8")
    assert edit(good) != good and MARK not in good
    broken_text = edit(good).replace("\nrules:\n", "\nrules: [\n", 1)  # a YAML error
    assert broken_text != edit(good)

    env = {**INSTANCE_ENV, "TONKOLL_DATABASE_URL": shared_pg_url}  # all migrate it at once
    instances = [Instance(name, rules, tmp_path, env) for name in SERVERS]
    lb = HAProxy(binary, tmp_path, [(i.name, i.port) for i in instances])
    try:
        for i in instances:
            i.launch()
        v0 = {(h["rules_version"], h["rules"]) for h in (i.wait_ready() for i in instances)}
        assert len(v0) == 1
        ((version0, rules_count),) = v0
        version1 = book_version(edit(good), rules, tmp_path / "expected")
        lb.start()
        lb.wait_status(lambda s: set(s.values()) == {"UP"}, timeout=15)

        with (Load(lb.url, check, threads=2, pause=0.02, resend=True) as load,
              Load(lb.url, feedback, threads=2, pause=0.05) as fb):
            load.wait_for(lambda a: a.status == 200, timeout=10)
            phases: dict[str, float] = {"load": time.monotonic()}
            time.sleep(1.0)

            # 1. Edit a rule: every worker of every instance on the new book within 3 s.
            phases["edit"] = time.monotonic()
            edited = time.time()
            replace_text(target, edit(good))
            took = wait_every_worker(instances, f"rules reloaded: {rules_count} rules, version "
                                     f"{version1}", edited, CONVERGE)
            assert took <= CONVERGE, took
            wait_health(instances, lambda h: h["rules_version"] == version1, 1)
            phases["converged"] = phases["edit"] + CONVERGE
            time.sleep(max(0.0, phases["converged"] + 0.5 - time.monotonic()))

            # 2. Break the file: every worker refuses it and keeps the last good book; every
            # instance says degraded, naming the file.
            broken = time.time()
            replace_text(target, broken_text)
            took_refused = wait_every_worker(
                instances, f"rules not reloaded, keeping version {version1}: {target}:", broken,
                CONVERGE)
            assert took_refused <= CONVERGE, took_refused
            for i in instances:
                health = i.health()
                assert health["status"] == "degraded" and health["rules_version"] == version1
                assert health["last_error"].startswith(f"{target}:")
            mended = time.time()
            replace_text(target, edit(good))
            wait_every_worker(instances, f"rules reloaded: {rules_count} rules, version "
                              f"{version1}", mended, CONVERGE)
            wait_health(instances, lambda h: h["status"] == "ok", CONVERGE)

            # 3. SIGTERM to t2: readiness fails first, HAProxy takes it out, t2 drains.
            sigterm, killed = instances[1], instances[0]
            phases["sigterm"] = time.monotonic()
            sigterm.signal_group(signal.SIGTERM)
            out = lb.wait_status(lambda s: s[sigterm.name] == "DOWN", timeout=5)
            assert out < float(INSTANCE_ENV["TONKOLL_SHUTDOWN_DELAY"]), out  # while it still
            # takes connections (it said 503, see the log check below)
            sigterm.finish()
            sigterm.launch().wait_ready()
            lb.wait_status(lambda s: s[sigterm.name] == "UP", timeout=10)

            # 4. SIGKILL to t1 (supervisor and workers): out, no failure, then back in.
            phases["kill"] = time.monotonic()
            killed.kill()
            lb.wait_status(lambda s: s[killed.name] == "DOWN", timeout=5)
            phases["down"] = time.monotonic()
            time.sleep(0.5)
            killed.launch().wait_ready()
            lb.wait_status(lambda s: s[killed.name] == "UP", timeout=10)
            phases["rejoined"] = time.monotonic()
            load.wait_for(lambda a: a.instance == killed.name, timeout=5)
            time.sleep(0.5)
            fb.wait_for(lambda a: a.instance == killed.name, timeout=5)
        answers, fb_answers = load.snapshot(), fb.snapshot()
    finally:
        lb.stop()
        for i in instances:
            i.signal_group(signal.SIGTERM)
        for i in instances:
            i.finish()

    # Zero failed requests reached the client, through edits, a broken file, a drained and a
    # killed instance.
    failed = [a for a in answers if a.status != 200]
    assert not failed, (failed[:5], {k: v - phases["load"] for k, v in phases.items()},
                        [a.started - phases["load"] for a in failed])
    assert len(answers) > 200, len(answers)
    # Resent: only a request cut by the SIGKILL (sent before HAProxy had taken the dead
    # instance out, on a kept-alive connection to it).
    resent = [a for a in answers if a.resent]
    assert all(a.started < phases["down"] and a.ended > phases["kill"] for a in resent), resent

    # No answer mixes books: header, body and message agree.
    for a in answers:
        assert a.body is not None and a.header == a.body["rules_version"], a
        message = message_of(a)
        if a.header == version0:
            assert not message.startswith(MARK), a
        else:
            assert a.header == version1 and message.startswith(MARK), a
    # Every answer started after the convergence time is from the new book.
    late = within(answers, phases["converged"])
    assert late and {a.header for a in late} == {version1}

    # Every instance answered before the edit, and the killed one again after it rejoined.
    early = within(answers, phases["load"], phases["edit"])
    assert {a.instance for a in early} == {i.name for i in instances}
    assert killed.name in {a.instance for a in within(answers, phases["rejoined"])}

    # Feedback: every batch the service acknowledged is in PostgreSQL exactly once, with its
    # count; nothing else is there. A batch may fail only between the SIGKILL and HAProxy
    # taking the dead instance out (HAProxy does not replay a batch that may have reached an
    # instance: it could be counted twice); such a batch is in the database once or not at all.
    stored = stored_per_batch(shared_pg_url)
    sent = {f"t{a.request_id}": feedback_event(a.request_id)["count"] for a in fb_answers}
    acked = [a for a in fb_answers if a.status == 200]
    cut = [a for a in fb_answers if a.status != 200]
    for a in acked:
        count = sent[f"t{a.request_id}"]
        assert a.body == {"stored": count, "skipped": 0}, a
        assert stored.get(f"t{a.request_id}") == count, a
    for a in cut:
        assert a.started < phases["down"] and a.ended > phases["kill"], a  # the kill's window
        assert stored.get(f"t{a.request_id}") in (None, sent[f"t{a.request_id}"]), a
    assert set(stored) <= set(sent), set(stored) - set(sent)
    assert len(cut) <= 2, cut
    assert sum(stored.values()) == sum(sent[f"t{a.request_id}"] for a in acked) + sum(
        stored.get(f"t{a.request_id}", 0) for a in cut)
    assert len(acked) > 50 and {a.instance for a in acked} == {i.name for i in instances}

    # HAProxy took the SIGTERMed instance out because it answered 503, not because it was gone.
    log = lb.log_path.read_text(encoding="utf-8", errors="replace")
    assert f"checks/{sigterm.name} is DOWN, reason: Layer7 wrong status, code: 503" in log
    assert f"checks/{killed.name} is DOWN, reason: Layer4 connection problem" in log
    print(f"{len(answers)} checks ({len(resent)} resent after the SIGKILL), "
          f"{len(acked)} feedback batches ({sum(stored.values())} events "
          f"in PostgreSQL, {len(cut)} cut by the SIGKILL), "
          f"every worker on the edit in {took:.2f}s, refused the "
          f"broken file in {took_refused:.2f}s, "
          f"requests HAProxy retried on another instance: {len(REDISPATCHED.findall(log))}")
    assert time.monotonic() - began < 120

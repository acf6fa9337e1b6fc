"""Engine benchmark: rule-book load time, `check` latency per post size, peak memory."""

from __future__ import annotations

import gc
import resource
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.stats import proc_status_kb, summarise_ms
from bench.texts import build_posts

SIZES = (280, 1000, 5000)


def time_calls(fn: Callable[[str], object], posts: list[str], rounds: int) -> list[int]:
    """Nanosecond timings of `fn(post)`, cycling through the posts `rounds` times in total."""
    samples: list[int] = []
    clock = time.perf_counter_ns
    for i in range(rounds):
        post = posts[i % len(posts)]
        start = clock()
        fn(post)
        samples.append(clock() - start)
    return samples


def bench_engine(rules_dir: Path, texts: list[str], iterations: int = 2000,
                 warmup: int = 300) -> dict[str, Any]:
    """Measure the engine in this process; returns a JSON-ready dict."""
    from tonkoll.engine import check
    from tonkoll.rulebook.loader import load_rulebook

    rss_before_kb = proc_status_kb()
    load_ns: list[int] = []
    book = None
    for _ in range(5):
        start = time.perf_counter_ns()
        book = load_rulebook([rules_dir])
        load_ns.append(time.perf_counter_ns() - start)
    assert book is not None
    rss_after_load_kb = proc_status_kb()

    result: dict[str, Any] = {
        "rules_version": getattr(book, "version", ""),
        "rules": len(getattr(book, "rules", ()) or ()),
        "load": summarise_ms(load_ns),
        "check": {},
    }
    for size in SIZES:
        posts = build_posts(texts, size, 25)
        def run(text: str) -> object:
            return check(text, book, language="auto", channel="generic")
        time_calls(run, posts, warmup)
        gc.collect()
        rounds = iterations if size <= 1000 else max(200, iterations // 4)
        stats = summarise_ms(time_calls(run, posts, rounds))
        stats["chars"] = round(sum(len(p) for p in posts) / len(posts))
        stats["findings_mean"] = round(
            sum(len(run(p).findings) for p in posts) / len(posts), 1)  # type: ignore[attr-defined]
        result["check"][str(size)] = stats

    result["memory"] = measure_memory(rules_dir, texts, check, load_rulebook)
    result["memory"]["rss_before_load_mb"] = round(rss_before_kb / 1024, 1)
    result["memory"]["rss_after_load_mb"] = round(rss_after_load_kb / 1024, 1)
    result["memory"]["rss_now_mb"] = round(proc_status_kb() / 1024, 1)
    result["memory"]["max_rss_mb"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def measure_memory(rules_dir: Path, texts: list[str], check: Callable[..., Any],
                   load: Callable[..., Any]) -> dict[str, float]:
    """tracemalloc peaks: of one rule-book load, and of checking a 5,000-character post."""
    gc.collect()
    tracemalloc.start()
    book = load([rules_dir])
    _, load_peak = tracemalloc.get_traced_memory()
    retained, _ = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    base, _ = tracemalloc.get_traced_memory()
    for post in build_posts(texts, 5000, 5):
        check(post, book, language="auto", channel="generic")
    _, check_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "load_peak_mb": round(load_peak / 2**20, 2),
        "book_retained_mb": round(retained / 2**20, 2),
        "check_5000_peak_extra_mb": round((check_peak - base) / 2**20, 3),
    }

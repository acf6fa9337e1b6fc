"""Realistic Swedish drafts for the benchmark, built from the real texts in bench/data."""

from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL = ROOT / "bench" / "data" / "dev.jsonl"


def read_swedish_texts(path: Path = DEFAULT_EVAL) -> list[str]:
    """Every Swedish text in a JSON Lines evaluation file, in file order."""
    if not path.is_file():
        raise SystemExit(f"bench: evaluation texts not found at {path} (use --eval-file)")
    texts: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        if item.get("lang") == "sv" and str(item.get("text", "")).strip():
            texts.append(str(item["text"]).strip())
    if not texts:
        raise SystemExit(f"bench: no Swedish texts in {path}")
    return texts


def build_post(texts: list[str], size: int, rng: random.Random) -> str:
    """Concatenate randomly chosen real texts (as paragraphs) until about `size` characters.

    The result is cut at the last word boundary at or before `size`, so it stays real prose.
    """
    parts: list[str] = []
    length = 0
    while length < size:
        text = rng.choice(texts)
        parts.append(text)
        length += len(text) + 2
    post = "\n\n".join(parts)
    if len(post) <= size:
        return post
    cut = post.rfind(" ", 0, size + 1)
    return post[: cut if cut > size * 0.8 else size].rstrip()


def build_posts(texts: list[str], size: int, count: int, seed: int = 5) -> list[str]:
    """`count` different posts of about `size` characters (deterministic for a given seed)."""
    rng = random.Random(seed * 100_003 + size)
    return [build_post(texts, size, rng) for _ in range(count)]

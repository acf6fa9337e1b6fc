"""The engine median now against the engine of another commit, on the same posts, interleaved.

    .venv/bin/python -m bench.versus faec7c9            # 1,000 characters, 4 rounds
    .venv/bin/python -m bench.versus faec7c9 --chars 280 --rounds 6

An issue's speed goal reads "within 25 % of today's": this prints both medians and their ratio.
The other commit is checked out with `git worktree` into a temporary folder and timed with its
own code and its own bundled rules, in its own process, alternating with this tree's, so that a
busy machine slows both alike. Each process checks the same 100 posts (built from this tree's
`bench/data/dev.jsonl`) once to warm up, then 7 times; its figure is the lowest of the 7
per-round medians of CPU time per check. The ratio compares the lowest figures of all rounds
(the medians of the rounds beside it). Needs git; not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.texts import DEFAULT_EVAL, build_post, read_swedish_texts

ROOT = Path(__file__).resolve().parent.parent
POSTS = 100

# Run in a child process inside either tree: only `check` and `load_rulebook`, which every
# commit since the layout move (faec7c9) has under these names.
_TIMER = """
import json, statistics, sys, time
from pathlib import Path
from tonkoll.engine import check
from tonkoll.rulebook.loader import load_rulebook
book = load_rulebook([Path("rules")], run_examples=False)
posts = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
for post in posts:
    check(post, book)
medians = []
for _ in range(7):
    times = []
    for post in posts:
        start = time.process_time_ns()
        check(post, book)
        times.append(time.process_time_ns() - start)
    medians.append(statistics.median(times) / 1e6)
print(json.dumps(min(medians)))
"""


def time_tree(tree: Path, posts_file: Path) -> float:
    """Milliseconds: the engine of ``tree`` on the posts (see the module docstring)."""
    out = subprocess.run(
        [sys.executable, "-c", _TIMER, str(posts_file)], cwd=tree, check=True,
        capture_output=True, text=True, env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
    )
    return float(json.loads(out.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.versus",
                                     description=(__doc__ or "").split("\n")[0])
    parser.add_argument("commit", help="the other commit (e.g. faec7c9)")
    parser.add_argument("--chars", type=int, default=1000, help="post size (default 1000)")
    parser.add_argument("--rounds", type=int, default=4, help="alternating rounds (default 4)")
    args = parser.parse_args(argv)

    rng = random.Random(1)
    texts = read_swedish_texts(DEFAULT_EVAL)
    posts = [build_post(texts, args.chars, rng) for _ in range(POSTS)]
    with tempfile.TemporaryDirectory(prefix="tonkoll-versus-") as tmp:
        other = Path(tmp) / "other"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(other),
                        args.commit], check=True)
        try:
            posts_file = Path(tmp) / "posts.json"
            posts_file.write_text(json.dumps(posts), encoding="utf-8")
            now: list[float] = []
            then: list[float] = []
            for _ in range(args.rounds):
                now.append(time_tree(ROOT, posts_file))
                then.append(time_tree(other, posts_file))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(other)],
                           check=False)
    print(f"engine median at {args.chars} characters, {POSTS} posts, {args.rounds} rounds "
          "(ms of CPU per check)")
    print(f"  this tree  {' '.join(f'{t:.3f}' for t in now)}   lowest {min(now):.3f}")
    print(f"  {args.commit:<9}  {' '.join(f'{t:.3f}' for t in then)}   lowest {min(then):.3f}")
    print(f"  ratio {min(now) / min(then):.3f} (of the lowest), "
          f"{statistics.median(now) / statistics.median(then):.3f} (of the medians)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

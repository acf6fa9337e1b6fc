"""Many phrases, one pass: a trie of lower-cased tokens, built once at load time.

``scan`` walks the post's tokens once; from each token it follows the trie as far as the text
allows, so the cost does not grow with the number of phrases (10,000 forms sharing a first word
cost the same as one). Because tokens ignore whitespace, a phrase matches across any run of
spaces or line breaks, and because it works on whole tokens it matches on word boundaries only.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress, count
from typing import Generic, TypeVar

from tonkoll.text.segment import tokenize_phrase

P = TypeVar("P")


class _Node(Generic[P]):
    __slots__ = ("children", "payloads")

    def __init__(self) -> None:
        self.children: dict[str, _Node[P]] = {}
        self.payloads: list[P] = []


class PhraseLookup(Generic[P]):
    def __init__(self) -> None:
        self.root: _Node[P] = _Node()
        self.size = 0

    def add(self, phrase: str, payload: P) -> bool:
        """Register a phrase; False when it has no tokens (nothing could ever match)."""
        keys = tokenize_phrase(phrase)
        if not keys:
            return False
        node = self.root
        for key in keys:
            child = node.children.get(key)
            if child is None:
                child = node.children[key] = _Node()
            node = child
        node.payloads.append(payload)
        self.size += 1
        return True

    def scan(self, keys: Sequence[str]) -> list[tuple[int, int, P]]:
        """Every (first token index, last token index, payload) where a phrase occurs, given
        the post's tokens' lower-case keys (the caller reads them once for every kind)."""
        out: list[tuple[int, int, P]] = []
        root = self.root.children
        n = len(keys)
        # Most tokens start no phrase: the few that do are found in one C-level pass, so the
        # post is not walked token by token in Python.
        for i in compress(count(), map(root.__contains__, keys)):
            node: _Node[P] | None = root[keys[i]]
            j = i
            while node is not None:
                for payload in node.payloads:
                    out.append((i, j, payload))
                j += 1
                if j >= n or not node.children:
                    break
                node = node.children.get(keys[j])
        return out

"""Many phrases, one pass: a token-sequence lookup keyed on lower-cased tokens.

Built once at load time from (phrase, payload) pairs; ``scan`` walks the post's tokens once.
Because tokens ignore whitespace, a phrase matches across any run of spaces or line breaks,
and because it works on whole tokens it matches on word boundaries only.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

from api.text.segment import Token, tokenize_phrase


@dataclass
class PhraseLookup:
    # first token -> [(remaining tokens, payloads)], longest phrase first
    table: dict[str, list[tuple[tuple[str, ...], list[Hashable]]]] = field(default_factory=dict)

    def add(self, phrase: str, payload: Hashable) -> bool:
        """Register a phrase; False when it has no tokens (nothing could ever match)."""
        keys = tokenize_phrase(phrase)
        if not keys:
            return False
        bucket = self.table.setdefault(keys[0], [])
        rest = keys[1:]
        for existing_rest, payloads in bucket:
            if existing_rest == rest:
                payloads.append(payload)
                return True
        bucket.append((rest, [payload]))
        bucket.sort(key=lambda item: len(item[0]), reverse=True)
        return True

    def scan(self, tokens: Sequence[Token]) -> list[tuple[int, int, Hashable]]:
        """Every (first token index, last token index, payload) where a phrase occurs."""
        out: list[tuple[int, int, Hashable]] = []
        table = self.table
        n = len(tokens)
        for i, tok in enumerate(tokens):
            bucket = table.get(tok.lower)
            if bucket is None:
                continue
            for rest, payloads in bucket:
                k = len(rest)
                if k:
                    if i + k >= n:
                        continue
                    if any(tokens[i + 1 + j].lower != rest[j] for j in range(k)):
                        continue
                for payload in payloads:
                    out.append((i, i + k, payload))
        return out


def build_lookup(items: Iterable[tuple[str, Hashable]]) -> tuple[PhraseLookup, list[str]]:
    """A lookup of all phrases, plus the phrases that tokenise to nothing."""
    lookup = PhraseLookup()
    empty = [phrase for phrase, payload in items if not lookup.add(phrase, payload)]
    return lookup, empty

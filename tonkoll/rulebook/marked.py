"""Examples mark what a rule must find with [[…]]: parse_marked reads those marks."""

from __future__ import annotations

OPEN, CLOSE = "[[", "]]"


def parse_marked(example: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove [[ ]] markers; return the plain text and the marked (start, end) spans."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos, length = 0, 0
    while True:
        i = example.find(OPEN, pos)
        if i < 0:
            break
        j = example.find(CLOSE, i + 2)
        if j < 0:
            raise ValueError("[[ saknar ett avslutande ]]")
        out.append(example[pos:i])
        length += i - pos
        inner = example[i + 2 : j]
        spans.append((length, length + len(inner)))
        out.append(inner)
        length += len(inner)
        pos = j + 2
    out.append(example[pos:])
    text = "".join(out)
    if CLOSE in example[pos:]:
        raise ValueError("]] utan ett inledande [[")
    return text, spans

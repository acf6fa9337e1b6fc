"""kind: absence — the rule fires when something is missing from the whole post.

None of the `absent` words or phrases occurs (they are found by the shared phrase lookup in the
same single pass as substitutions), `also_absent_pattern` does not match either, and the post has
at least `min_words` words. One hit on the first sentence.
"""

from __future__ import annotations

from tonkoll.engine.pattern import CompiledPattern
from tonkoll.text.segment import Segmentation


def absence_span(
    seg: Segmentation, present: bool, pattern: CompiledPattern | None, min_words: int,
    data: bytes | None = None,
) -> tuple[int, int] | None:
    """(start, end) of the first sentence when the rule fires, else None (``data``: the text
    UTF-8 encoded, when the caller has it)."""
    if present or seg.words < min_words:
        return None
    if pattern is not None and pattern.occurs(seg, data):
        return None
    return seg.first_sentence_span()

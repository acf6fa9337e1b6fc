"""Markdown for the rule reference: escaping rule text so it shows as written.

Rule text is text (issue 13): every line break (also a lone \\r, which Markdown reads as one)
becomes a space, so no value starts a block such as a heading; a code span's fence is longer
than any backtick run inside, so no value closes it early. /regler renders with raw HTML off.
"""

from __future__ import annotations

import re

_LINE_BREAK = re.compile("\r\n?|[\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def md(text: str) -> str:
    """Escape what Markdown would otherwise interpret in running text."""
    out = text.replace("\\", "\\\\")
    for ch in "*_`|<>[]":
        out = out.replace(ch, "\\" + ch)
    return _LINE_BREAK.sub(" ", out)


def code(text: str) -> str:
    """An inline code span that nothing inside can close or break out of."""
    text = _LINE_BREAK.sub(" ", text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or longest else ""
    return f"{fence}{pad}{text}{pad}{fence}"

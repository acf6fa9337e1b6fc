"""Markdown for the rule reference: escaping rule text so it shows as written."""

from __future__ import annotations


def md(text: str) -> str:
    """Escape what Markdown would otherwise interpret in running text."""
    out = text.replace("\\", "\\\\")
    for ch in "*_`|<>[]":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split("\n"))


def code(text: str) -> str:
    """An inline code span that survives backticks inside."""
    fence = "``" if "`" in text else "`"
    pad = " " if "`" in text else ""
    return f"{fence}{pad}{text}{pad}{fence}"

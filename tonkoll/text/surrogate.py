"""Lone surrogates: the one fix, used by the engine (RE2 needs UTF-8) and the HTTP layer."""

from __future__ import annotations

import re

LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(text: str) -> str:
    """``text`` with lone surrogates (JSON allows "\\ud800") replaced by U+FFFD.

    Both are one code point and one UTF-16 unit, so every offset stays the same, and the result
    always encodes to UTF-8.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return LONE_SURROGATE.sub("\ufffd", text)
    return text

"""The channels a post can be written for: the one list that rule files, the engine, the CLI and
the HTTP service use. Add a channel here (and to the pages and extension that offer it: a test
compares them with this list). `reply` is a comment or a reply to someone: the extension sets it
when the text box is a comment field; rules about whole posts (an invitation to talk, the first
line before "Visa mer") leave replies alone, and replies get their own checks."""

from __future__ import annotations

from typing import Literal, get_args

Channel = Literal["generic", "facebook", "x", "instagram", "linkedin", "reply"]
CHANNELS: tuple[str, ...] = get_args(Channel)  # plain str: the engine takes any str

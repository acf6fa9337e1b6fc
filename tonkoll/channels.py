"""The channels a post can be written for: the one list that rule files, the engine, the CLI and
the HTTP service use. Add a channel here (and to the pages and extension that offer it: a test
compares them with this list)."""

from __future__ import annotations

from typing import Literal, get_args

Channel = Literal["generic", "facebook", "x", "instagram", "linkedin"]
CHANNELS: tuple[str, ...] = get_args(Channel)  # plain str: the engine takes any str

"""The checking engine: check(text, book, ...) -> Report."""

from tonkoll.engine.check import check, check_detailed

__all__ = ["check", "check_detailed"]

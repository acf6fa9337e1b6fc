"""Tonkoll: tone hints for people who write social-media posts on behalf of a Swedish city."""

__version__ = "0.1.0"

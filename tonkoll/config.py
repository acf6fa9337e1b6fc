"""Service settings, read from the environment (prefix TONKOLL_) by pydantic-settings.

The names are part of the contract; the README's IT section lists every one of them.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

BUNDLED_RULES = Path(__file__).resolve().parent.parent / "rules"
EXTENSION_ORIGINS = r"^(chrome-extension|moz-extension)://[A-Za-z0-9_-]+$"


def default_rules_dir() -> Path:
    """The repo's bundled rules; for an installed package (no repo around it), ./rules."""
    return BUNDLED_RULES if BUNDLED_RULES.is_dir() else Path.cwd() / "rules"


def default_data_dir() -> Path:
    """Where the service keeps its data (the feedback counters' SQLite file): the checkout's
    data/ when run from the repo, else $XDG_DATA_HOME/tonkoll (~/.local/share/tonkoll)."""
    if BUNDLED_RULES.is_dir():
        return BUNDLED_RULES.parent / "data"
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "tonkoll"


def _split(value: object, sep: str) -> object:
    """Turn "a<sep>b" into ["a", "b"], dropping blanks; lists pass through unchanged."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(sep) if part.strip()]
    return value


class Settings(BaseSettings):
    """Everything the service can be told from outside. Defaults suit a laptop."""

    model_config = SettingsConfigDict(env_prefix="TONKOLL_", extra="ignore")

    rules_dirs: Annotated[list[Path], NoDecode] = Field(
        default_factory=lambda: [default_rules_dir()],
        description="Rule directories separated by ':'; later ones add, override or disable.",
    )
    max_chars: int = Field(default=10_000, ge=1, le=1_000_000)
    api_tokens: Annotated[list[str], NoDecode] = Field(default_factory=list)
    allowed_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    allowed_origin_regex: str | None = EXTENSION_ORIGINS
    # On by default (issue 13): typing in the extension sends at most ~90 checks a minute
    # (700 ms debounce), so 300 leaves room for a few tabs; 0 turns it off.
    rate_limit_per_minute: int = Field(default=300, ge=0)
    try_rate_limit_per_minute: int = Field(default=30, ge=0)
    # Host header names the service answers to (issue 13: DNS rebinding against a service on
    # a staff member's own 127.0.0.1); "*" allows any. Behind a proxy, add the public name.
    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["localhost", "127.0.0.1", "::1"]
    )
    header_timeout: float = Field(default=10.0, gt=0, le=300)  # seconds to send the headers
    body_timeout: float = Field(default=20.0, gt=0, le=300)  # seconds to send the body
    reload_interval: float = Field(default=0.5, ge=0.0, le=60.0)
    log_level: str = "INFO"
    # Graceful shutdown (api/shutdown.py): after SIGTERM /v1/health answers 503 for
    # shutdown_delay seconds while requests are still served, then no new connections are
    # taken and those in flight get shutdown_grace seconds to finish.
    shutdown_delay: float = Field(default=2.0, ge=0.0, le=120.0)
    shutdown_grace: int = Field(default=20, ge=0, le=600)
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    workers: int = Field(default=1, ge=1, le=64)
    # Field feedback (tonkoll/feedback): daily counters in a database, /statistik for admins.
    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str = ""  # empty: sqlite:///<data_dir>/tonkoll.db
    feedback_days: int = Field(default=400, ge=1, le=36_500)
    feedback_per_minute: int = Field(default=30, ge=0)  # per key or address; 0 = no limit
    admin_tokens: Annotated[list[str], NoDecode] = Field(default_factory=list)

    @field_validator("rules_dirs", mode="before")
    @classmethod
    def _split_dirs(cls, value: object) -> object:
        return _split(value, ":")

    @field_validator("api_tokens", "allowed_origins", "allowed_hosts", "admin_tokens",
                     mode="before")
    @classmethod
    def _split_commas(cls, value: object) -> object:
        return _split(value, ",")

    @field_validator("rules_dirs")
    @classmethod
    def _need_a_dir(cls, value: list[Path]) -> list[Path]:
        return value or [default_rules_dir()]

    @field_validator("allowed_origin_regex", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def feedback_database_url(self) -> str:
        """TONKOLL_DATABASE_URL, or an SQLite file in the data directory."""
        return self.database_url or f"sqlite:///{self.data_dir / 'tonkoll.db'}"

    @property
    def max_body_bytes(self) -> int:
        """Largest request body read: the text limit as JSON escapes (12 bytes per
        character at worst, e.g. an emoji as two \\uXXXX escapes) plus room for the rest."""
        return self.max_chars * 12 + 64 * 1024


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

from pathlib import Path

import pytest

from tonkoll.config import BUNDLED_RULES, EXTENSION_ORIGINS, Settings


def test_defaults_suit_a_laptop(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("RULES_DIRS", "MAX_CHARS", "API_TOKENS", "ALLOWED_ORIGINS",
                 "RATE_LIMIT_PER_MINUTE", "TRY_RATE_LIMIT_PER_MINUTE", "ALLOWED_HOSTS"):
        monkeypatch.delenv(f"TONKOLL_{name}", raising=False)
    s = Settings()
    assert s.rules_dirs == [BUNDLED_RULES]
    assert s.max_chars == 10_000
    assert s.api_tokens == []
    assert s.rate_limit_per_minute == 300  # on by default (issue 13)
    assert s.try_rate_limit_per_minute == 30
    assert s.allowed_hosts == ["localhost", "127.0.0.1", "::1"]
    assert (s.header_timeout, s.body_timeout) == (10.0, 20.0)
    assert s.allowed_origin_regex == EXTENSION_ORIGINS


def test_environment_names_are_the_contract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TONKOLL_RULES_DIRS", "/srv/rules:/srv/extra")
    monkeypatch.setenv("TONKOLL_MAX_CHARS", "500")
    monkeypatch.setenv("TONKOLL_API_TOKENS", "abc, def ,")
    monkeypatch.setenv("TONKOLL_ALLOWED_ORIGINS", "chrome-extension://abcdef,moz-extension://x-y")
    monkeypatch.setenv("TONKOLL_ALLOWED_ORIGIN_REGEX", "")
    monkeypatch.setenv("TONKOLL_RATE_LIMIT_PER_MINUTE", "30")
    s = Settings()
    assert s.rules_dirs == [Path("/srv/rules"), Path("/srv/extra")]
    assert s.max_chars == 500
    assert s.api_tokens == ["abc", "def"]
    assert s.allowed_origins == ["chrome-extension://abcdef", "moz-extension://x-y"]
    assert s.allowed_origin_regex is None
    assert s.rate_limit_per_minute == 30


def test_body_limit_leaves_room_for_escaped_text() -> None:
    s = Settings(max_chars=100)
    assert s.max_body_bytes >= 100 * 12


def test_bad_values_are_refused() -> None:
    with pytest.raises(ValueError):
        Settings(max_chars=0)

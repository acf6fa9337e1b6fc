"""Fixtures for the core tests: the small fixture rule book under tests/core/data/rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from tonkoll.rulebook.loader import load_rulebook
from tonkoll.rulebook.model import Rulebook

DATA = Path(__file__).parent / "data"
FIXTURE_RULES = DATA / "rules"


@pytest.fixture(scope="session")
def book() -> Rulebook:
    return load_rulebook([FIXTURE_RULES])

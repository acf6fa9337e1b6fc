"""Fixtures for issue 12 (advice quality): the bundled rule book."""

from __future__ import annotations

import pytest
from advice_helpers import RULES

from tonkoll.rulebook.loader import load_rulebook
from tonkoll.rulebook.model import Rulebook


@pytest.fixture(scope="session")
def bundled() -> Rulebook:
    return load_rulebook([RULES])

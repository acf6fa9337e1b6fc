"""Fixtures for the robustness tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from robust_helpers import RULES_DIR


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled rules that a test may rewrite and break."""
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    return target

"""Fixtures of the hostile-input suite."""

from __future__ import annotations

import pytest

from .hostile_support import HostilePlans


@pytest.fixture
def hostile(tmp_path) -> HostilePlans:
    """A copy of the fictional Exempelby plans in tmp, to break on purpose."""
    return HostilePlans(tmp_path)

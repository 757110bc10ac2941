"""Shared fixtures: the fictional Exempelby plans and site settings with a fixed date."""

from __future__ import annotations

import pytest
from tp_site_support import ACCESSIBILITY, FIXTURE_PLANS, TODAY

from tryggplan.load.project import load_paths
from tryggplan.settings import SiteSettings


@pytest.fixture(scope="session")
def project():
    result = load_paths([FIXTURE_PLANS], base=FIXTURE_PLANS.parent)
    assert result.problems == []
    return result.project


@pytest.fixture()
def settings() -> SiteSettings:
    return SiteSettings(today=TODAY, accessibility=dict(ACCESSIBILITY))

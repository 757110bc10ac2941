"""Fixtures for progress tests: the fictional municipality Exempelby (kommunkod 0999).

Nothing in fixtures/ describes a real municipality; every value is invented for tests.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest

from tryggplan.load.project import load_project

HERE = Path(__file__).resolve().parent
FIXTURE_PLANS = HERE / "fixtures" / "plans"
GOLDEN = HERE / "golden"
TODAY = _dt.date(2025, 2, 1)


@pytest.fixture(scope="session")
def project():
    result = load_project(FIXTURE_PLANS, base=HERE.parent.parent)
    assert result.problems == []
    return result.project


@pytest.fixture(scope="session")
def muni(project):
    return project.municipalities["exempelby"]


@pytest.fixture(scope="session")
def doc(muni):
    return muni.documents["trygghetsplan"]


@pytest.fixture(scope="session")
def today():
    return TODAY


@pytest.fixture(scope="session")
def real_project(repo_root):
    result = load_project(repo_root / "plans", base=repo_root)
    assert result.problems == []
    return result.project

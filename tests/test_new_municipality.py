"""Data, not tests: a new municipality with a plan under plans/ needs no change anywhere else.

A copy of plans/ gets a fictional municipality (Exempelby (fiktiv), kommunkod 0999, with the
realistic plan of tests/cases/valid/realistic-plan). With the code and every test rule untouched,
it validates, passes the data-driven checks the bundled plans pass, and builds into the site.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_seeds import check_plans_tree

from tryggplan import urls

ROOT = Path(__file__).resolve().parent.parent
NEW = Path(__file__).resolve().parent / "cases" / "valid" / "realistic-plan" / "plans" / "exempelby"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The site project around plans/ plus the new municipality, as a pull request would leave it."""
    tmp = tmp_path_factory.mktemp("ny-kommun")
    for name in ("hooks", "overrides", "docs", "schema"):
        shutil.copytree(ROOT / name, tmp / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    shutil.copytree(ROOT / "plans", tmp / "plans")
    assert not (tmp / "plans" / NEW.name).exists(), "den påhittade kommunen ska vara ny"
    shutil.copytree(NEW, tmp / "plans" / NEW.name)
    return tmp


def test_new_municipality_passes_the_data_driven_checks(project):
    check_plans_tree(project / "plans", project)


@pytest.mark.build
@pytest.mark.xdist_group("build")
def test_new_municipality_builds_into_the_site(project, tmp_path):
    site = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                           "-d", str(site)], cwd=project, capture_output=True, text=True,
                          env=os.environ | {"NO_MKDOCS_2_WARNING": "1"}, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    page = site / urls.href("index.md", f"{NEW.name}/trygghetsplan/index.md") / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "Trygghetsplan för Exempelby 2025–2026" in html
    assert "Exempelby" in (site / "index.html").read_text(encoding="utf-8")

"""The bundled site builds with both supported engines, MkDocs 1.6 and ProperDocs (its maintained
fork), and both give the same pages: the same HTML files and the same main content on each."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from test_build import ENV, EXAMPLE_PAGE, ROOT, make_project

pytestmark = [pytest.mark.build, pytest.mark.xdist_group("build")]

ENGINES = {"mkdocs": [sys.executable, "-m", "mkdocs"], "properdocs": [sys.executable, "-m", "properdocs"]}
#: The search hook adds data-pagefind-* attributes to the article tag of indexed pages.
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"[^>]*>(.*?)</article>', re.DOTALL)


def _build(engine: str, project: Path, site: Path) -> str:
    import subprocess

    result = subprocess.run([*ENGINES[engine], "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                            cwd=project, capture_output=True, text=True, env=ENV, timeout=600, check=False)
    assert result.returncode == 0, f"{engine}: {result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def both_sites(tmp_path_factory) -> dict[str, Path]:
    """The bundled plans and docs (with the real example page) built once per engine, same fixed date."""
    project = make_project(tmp_path_factory.mktemp("project"), ROOT / "plans",
                           example=(ROOT / "docs" / EXAMPLE_PAGE).read_text(encoding="utf-8"))
    sites = {}
    for engine in ENGINES:
        sites[engine] = tmp_path_factory.mktemp(engine)
        output = _build(engine, project, sites[engine])
        assert not [line for line in output.splitlines() if "WARNING" in line], f"{engine}: {output}"
    return sites


def _files(site: Path, pattern: str) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob(pattern)}


def test_both_engines_build_the_same_set_of_pages_and_downloads(both_sites):
    mkdocs, properdocs = both_sites["mkdocs"], both_sites["properdocs"]
    pages = _files(mkdocs, "*.html")
    assert len(pages) > 100
    assert pages == _files(properdocs, "*.html")
    # Pagefind names its filter and meta files by a hash that differs from run to run even for the
    # same pages, so the search bundles are compared by their entry files only.
    def outside_search(site: Path) -> set[str]:
        return _files(site, "*") - _files(site, "pagefind/**/*") - _files(site, "pagefind-fler/**/*")

    assert outside_search(mkdocs) == outside_search(properdocs)
    for bundle in ("pagefind", "pagefind-fler"):
        assert (mkdocs / bundle / "pagefind-entry.json").is_file() and (properdocs / bundle / "pagefind-entry.json").is_file()


def test_every_page_has_the_same_main_content_under_both_engines(both_sites):
    mkdocs, properdocs = both_sites["mkdocs"], both_sites["properdocs"]
    differ = []
    for page in sorted(_files(mkdocs, "*.html")):
        a = ARTICLE.search((mkdocs / page).read_text(encoding="utf-8"))
        b = ARTICLE.search((properdocs / page).read_text(encoding="utf-8"))
        assert a and b, page
        if a.group(1) != b.group(1):
            differ.append(page)
    assert differ == []


def test_the_generator_differs_so_the_second_build_really_ran_properdocs(both_sites):
    home = (both_sites["properdocs"] / "index.html").read_text(encoding="utf-8")
    assert "ProperDocs" in home
    assert "ProperDocs" not in (both_sites["mkdocs"] / "index.html").read_text(encoding="utf-8")

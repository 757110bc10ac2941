"""Reserved names: no municipality, document, unit or indicator may take over one of the site's own pages."""

from __future__ import annotations

import pytest

from tryggplan import urls
from tryggplan.load import reserved
from tryggplan.settings import SiteSettings
from tryggplan.site import generate

from .hostile_support import INDICATORS, ORGANISATION, ROOT


@pytest.mark.parametrize("name", ["om", "tillganglighet", "bidra", "kommuner", "assets", "search", "index"])
def test_a_municipality_named_like_a_site_page_is_rejected(hostile, name):
    hostile.rename_municipality(name)
    problems = hostile.problems()
    assert [(p.code, p.file, p.line) for p in problems] == [("id-reserved", f"plans/{name}/organisation.yaml", 1)]


@pytest.mark.parametrize("name", sorted(urls.RESERVED_IN_MUNICIPALITY - {"index"}))
def test_a_document_named_like_a_municipality_page_is_rejected(hostile, name):
    hostile.rename_document("program-exempelby", name)
    problems = hostile.problems()
    assert [(p.code, p.file) for p in problems] == [("id-reserved", f"plans/exempelby/{name}/plan.yaml")]


def test_a_unit_or_indicator_called_index_is_rejected(hostile):
    hostile.edit(ORGANISATION, "partners:\n", "  - id: index\n    name: Förteckning\n    kind: roll\npartners:\n")
    hostile.edit(INDICATORS, "  - id: otrygghet\n", "  - id: index\n")
    codes = [(p.code, p.file.rsplit("/", 1)[-1]) for p in hostile.problems()]
    assert ("id-reserved", "organisation.yaml") in codes and ("id-reserved", "indicators.yaml") in codes


def test_hand_written_pages_are_reserved_from_docs():
    names = reserved.hand_written_names(ROOT / "plans")
    assert {"om", "bidra", "assets", "index"} <= names
    assert names <= urls.RESERVED_TOP_LEVEL, "add the new page in docs/ to urls.RESERVED_TOP_LEVEL"


def test_every_generated_page_outside_a_municipality_is_reserved(hostile):
    from tryggplan.load.project import load_paths

    project = load_paths([hostile.root], base=hostile.base).project
    pages, downloads = generate(project, SiteSettings(accessibility={"organisation": "x", "compliance": "delvis",
                                                                      "assessment_date": "2026-01-01", "method": "x",
                                                                      "updated": "2026-01-01", "contact": "x"}))
    munis = set(project.municipalities)
    for item in list(pages) + list(downloads):
        first = item.path.split("/")[0].removesuffix(".md")
        if first not in munis:
            assert first in urls.RESERVED_TOP_LEVEL, item.path
        else:
            parts = item.path.split("/")
            if len(parts) > 1 and parts[1].removesuffix(".md") not in project.municipalities[first].documents:
                assert parts[1].removesuffix(".md") in urls.RESERVED_IN_MUNICIPALITY, item.path

"""Golden files for every renderer on the fictional Exempelby plans.

Regenerate after an intended change with: UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/site/test_golden.py
and review the diff of tests/site/golden/ before committing.
"""

from __future__ import annotations

import os

import pytest
from tp_site_support import GOLDEN, TODAY

from tryggplan.authoring.history import Change
from tryggplan.views.accessibility import render_accessibility_statement
from tryggplan.views.home import overview, render_municipalities_index, render_municipality_page
from tryggplan.views.plan import render_document_page
from tryggplan.views.responsibility import render_responsibility_page
from tryggplan.views.units import render_forums_page, render_unit_page, render_units_index

CHANGES = [Change("b" * 40, "2025-03-02", "Exempelby: ny åtgärd om belysning"),
           Change("a" * 40, "2024-12-11", "Exempelby: åtgärdsplan 2025–2026")]


def _pages(project, settings) -> dict[str, str]:
    muni = project.municipalities["exempelby"]
    doc = muni.documents["trygg-i-exempelby"]
    return {
        "plan.md": render_document_page(project, muni, doc, settings, CHANGES),
        "plan-utan-historik.md": render_document_page(project, muni, muni.documents["program-exempelby"], settings),
        "vem-gor-vad.md": render_responsibility_page(muni, doc),
        "enhet-tos.md": render_unit_page(muni, muni.units["tos"]),
        "enhet-polisen.md": render_unit_page(muni, muni.units["polisen"]),
        "enheter.md": render_units_index(muni),
        "samverkan.md": render_forums_page(muni),
        "kommun.md": render_municipality_page(muni, TODAY),
        "kommuner.md": render_municipalities_index(project),
        "oversikt.html": overview(project, "index.md", TODAY),
        "tillganglighet.md": render_accessibility_statement(settings.accessibility, "Testplats"),
    }


NAMES = ["plan.md", "plan-utan-historik.md", "vem-gor-vad.md", "enhet-tos.md", "enhet-polisen.md", "enheter.md",
         "samverkan.md", "kommun.md", "kommuner.md", "oversikt.html", "tillganglighet.md"]


@pytest.mark.parametrize("name", NAMES)
def test_golden(project, settings, name):
    actual = _pages(project, settings)[name]
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} saknas: kör med UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8")


def test_person_names_hidden_unless_enabled(project, settings):
    muni = project.municipalities["exempelby"]
    doc = muni.documents["trygg-i-exempelby"]
    assert "Testa Testsson" not in render_document_page(project, muni, doc, settings)
    settings.show_person_names = True
    assert "Testa Testsson" in render_document_page(project, muni, doc, settings)

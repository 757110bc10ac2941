"""Properties of the plan page that must hold for any plan, checked on Exempelby."""

from __future__ import annotations

import re

from tryggplan import urls
from tryggplan.views.plan import render_document_page


def _page(project, settings):
    muni = project.municipalities["exempelby"]
    doc = muni.documents["trygg-i-exempelby"]
    return doc, render_document_page(project, muni, doc, settings)


def test_every_action_area_and_cause_has_its_anchor(project, settings):
    doc, page = _page(project, settings)
    for action in doc.all_actions():
        assert f'id="{urls.action_anchor(action.id)}"' in page
    for area in doc.all_areas():
        assert f'id="{urls.area_anchor(area.id)}"' in page
    for cause in doc.all_causes():
        assert f'id="{urls.cause_anchor(cause.id)}"' in page


def test_lead_and_participants_in_text_with_abbr(project, settings):
    _doc, page = _page(project, settings)
    assert "Ansvarig:</span>" in page and "Medverkar:</span>" in page
    assert "Sektor Trygghet och stöd (ToS)</a>" in page  # full name, abbreviation in parentheses
    assert 'href="../enheter/tos/"' in page


def test_footnote_ids_are_prefixed_per_section(project, settings):
    _doc, page = _page(project, settings)
    ids = re.findall(r'id="([^"]*fn:[^"]*)"', page)
    assert ids and len(ids) == len(set(ids))


def test_banners_and_followup(project, settings):
    _doc, page = _page(project, settings)
    assert 'role="status"' in page and "Revidering försenad" in page
    assert "Påbörjad (2025)" in page
    assert "Ingen uppföljning rapporterad" in page
    assert "Anmärkning om källan" in page


def test_indicator_links_only_to_existing_indicators(project, settings):
    _doc, page = _page(project, settings)
    assert 'href="../indikatorer/otrygghet/"' in page
    assert 'href="../indikatorer/utsatta-unga/"' in page

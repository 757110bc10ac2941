"""Goals that a section introduces ("Målet … är att:") follow that section's text, as in the source."""

from __future__ import annotations

from pathlib import Path

from tryggplan.load.project import load_paths
from tryggplan.settings import SiteSettings
from tryggplan.views.plan import render_document_page

PLANS = Path(__file__).resolve().parents[2] / "plans"


def test_koping_goals_follow_the_sentence_that_introduces_them():
    project = load_paths([PLANS], base=PLANS.parent).project
    muni = project.municipalities["koping"]
    doc = muni.documents["riktlinje-trygghet-2024-2026"]
    page = render_document_page(project, muni, doc, SiteSettings())
    intro = page.index("arbetet är att:</p>")
    first_goal = page.index(doc.goals[0].text)
    next_section = page.index("Vem omfattas av riktlinjen")
    assert intro < first_goal < next_section  # the list sits right under its colon
    assert 'id="mal"' not in page  # and is not repeated as a separate "Mål" block at the end

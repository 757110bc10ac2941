"""The document shapes beyond one decided plan, loaded from the case folders and rendered.

Joint documents, signed and rolling medborgarlöften, periods across a year boundary, narrative
follow-up without status, qualitative indicators and actions directly under a document. All
municipalities here are fictional.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tryggplan.formatting import swedish_period
from tryggplan.load.crossref import period_bounds
from tryggplan.load.project import load_paths
from tryggplan.progress.charts import period_position, short_period
from tryggplan.settings import SiteSettings
from tryggplan.site import generate

ROOT = Path(__file__).resolve().parent
VALID = ROOT / "cases" / "valid"
INVALID = ROOT / "cases" / "invalid"
TODAY = dt.date(2025, 11, 1)
ACCESSIBILITY = {"organisation": "Test", "compliance": "delvis", "known_gaps": ["En känd brist."],
                 "assessment_date": "2025-10-01", "updated": "2025-10-02", "method": "Automatiska tester.",
                 "contact": "tillganglighet@example.org"}


def _project(case: str):
    result = load_paths([VALID / case / "plans"], base=VALID / case)
    assert result.problems == [], result.problems
    return result.project


def _pages(project) -> dict[str, str]:
    pages, _ = generate(project, SiteSettings(today=TODAY, accessibility=dict(ACCESSIBILITY)))
    return {page.path: page.content for page in pages}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# ---- joint documents -------------------------------------------------------------------------

def test_joint_document_is_stored_once_and_listed_for_every_participating_municipality():
    project = _project("joint-document")
    assert len(project.documents()) == 1
    (doc,) = project.documents()
    assert doc.municipality_ids() == ["norrvik", "sodervik", "vastero"]
    for muni in ("norrvik", "sodervik", "vastero"):
        assert project.documents_for(muni) == [doc]
        assert project.documents_for(muni)[0] is doc
    # A partner that is another municipality in plans/ counts as that municipality.
    partner = next(u for u in project.municipalities["norrvik"].units.values() if u.id == "sodervik-kommun")
    assert (partner.kind, partner.code, partner.municipality) == ("kommun", "0997", "sodervik")
    labels = {party.label: party.roles for party in doc.parties}
    assert labels["Södervik (fiktiv)"] == ["ägare", "undertecknare"]
    assert labels["Lokalpolisområde Vikarna (fiktivt)"] == ["ägare", "undertecknare"]
    assert labels["Räddningstjänsten Vikarna (fiktiv)"] == ["medverkande"]

    pages = _pages(project)
    for muni in ("norrvik", "sodervik", "vastero"):
        assert "Samverkansöverenskommelse för Vikarna 2025–2026" in pages[f"{muni}/index.md"]
    assert "1 dokument" in _text(pages["kommuner/index.md"]).replace("\u202f", " ")
    assert _text(pages["kommuner/index.md"]).count("– 1 dokument") == 3
    # One page for the document, in the folder that holds it.
    assert [p for p in pages if p.endswith("samverkansoverenskommelse-2025/index.md")] == \
        ["norrvik/samverkansoverenskommelse-2025/index.md"]


def test_signed_document_shows_signatories_without_names_and_no_decision():
    project = _project("joint-document")
    page = _text(_pages(project)["norrvik/samverkansoverenskommelse-2025/index.md"])
    assert "Undertecknat 10 februari 2025" in page
    assert "Lokalpolisområdeschef, Lokalpolisområde Vikarna (fiktivt)" in page
    assert "Påhittad Person A" not in page  # person names are hidden unless show_person_names
    assert "Uppgift saknas i källan" not in page  # a signed document is not "missing a decision"
    assert "Samverkansöverenskommelse" in page
    assert "hämtad 5 mars 2025" in page


# ---- rolling documents with rounds --------------------------------------------------------------

def test_rolling_document_rounds_in_order_current_first():
    project = _project("rolling-medborgarlofte")
    doc = project.document("exempelby/medborgarlofte")
    assert [r.id for r in doc.rounds] == ["omgang-2021-3", "omgang-2021-4", "omgang-2022-1", "omgang-2022-2"]
    assert [r.id for r in doc.rounds_newest_first()][0] == "omgang-2022-2"
    winter = doc.round("omgang-2021-4")
    assert winter.period == "2021-12--2022-02"
    assert [a.id for a in winter.actions] == ["skolvagar"]
    assert doc.action("skolvagar").round_id == "omgang-2021-4"

    page = _text(_pages(project)["exempelby/medborgarlofte/index.md"])
    positions = [page.index(t) for t in ("Juni–augusti 2022", "Mars–maj 2022", "Vintern 2021–2022",
                                         "September–november 2021")]
    assert positions == sorted(positions)
    assert "senaste omgången" in page
    assert "Gäller" not in page and "Giltighetstid anges inte" in page


def test_round_followup_is_narrative_and_never_lists_another_rounds_actions():
    project = _project("rolling-medborgarlofte")
    doc = project.document("exempelby/medborgarlofte")
    followup = next(f for f in doc.followups if f.period == "2021-12--2022-02")
    assert followup.round == "omgang-2021-4"
    assert followup.actions == []
    assert [e.actions for e in followup.entries] == [["skolvagar"], []]

    page = _text(_pages(project)["exempelby/medborgarlofte/uppfoljning-2021-12--2022-02.md"])
    assert "december 2021–februari 2022" in page
    assert "Trafikkontroller vid skolorna" in page
    for other in ("Gemensamma kvällsvandringar", "Snabbare klottersanering", "Närvaro vid badplatserna"):
        assert other not in page
    assert "Status:" not in page  # no status is invented for narrative entries
    assert "utan status" in page


def test_action_of_another_round_in_a_followup_is_an_error():
    result = load_paths([INVALID / "round-other-action" / "plans"], base=INVALID / "round-other-action")
    codes = [p.code for p in result.problems]
    assert codes == ["ref-action-other-round", "ref-unknown-action"]
    assert "a2022" in result.problems[0].message and "r2019" in result.problems[0].message


@pytest.mark.parametrize(("period", "swedish"), [
    ("2021-12--2022-02", "december 2021–februari 2022"),
    ("2024-09--2024-11", "september–november 2024"),
    ("2024--2026", "2024–2026"),
    ("2024-05", "maj 2024"),
    ("2024-T1", "tertial 1 2024"),
])
def test_periods_of_any_length(period, swedish):
    assert swedish_period(period) == swedish


def test_period_range_bounds_and_axis_position():
    assert period_bounds("2021-12--2022-02") == (dt.date(2021, 12, 1), dt.date(2022, 2, 28))
    assert period_bounds("2024--2026") == (dt.date(2024, 1, 1), dt.date(2026, 12, 31))
    assert period_position("2021-12") < period_position("2021-12--2022-02") < period_position("2022-02")
    assert short_period("2021-12--2022-02") == "dec 2021–feb 2022"


# ---- qualitative indicators ---------------------------------------------------------------------

def test_qualitative_observations_are_stored_as_statements_not_numbers():
    project = _project("qualitative-indicator")
    doc = project.document("exempelby/trygghetsplan")
    trend = doc.indicator("anmalda-brott-trend")
    assert trend.unit == "kvalitativ" and trend.value_count() == 0
    latest = trend.observations[-1]
    assert (latest.period, latest.statement, latest.trend, latest.compared_with) == \
        ("2024", "Ungefär oförändrat jämfört med 2023.", "oförändrad", "2023")
    listed = doc.indicator("utsatta-omraden").observations[0]
    assert listed.answer is False and "utsatta områden" in listed.list

    pages = _pages(project)
    page = _text(pages["exempelby/indikatorer/utsatta-omraden.md"])
    assert "Ingen stadsdel i Exempelby finns på listan." in page
    assert "Svar: nej" in page
    raw = pages["exempelby/indikatorer/utsatta-omraden.md"]
    assert 'id="utveckling"' not in raw and "<svg" not in raw  # no empty chart of invented numbers
    index = _text(pages["exempelby/indikatorer/index.md"])
    assert "Ungefär oförändrat jämfört med 2023. (2024)" in index


# ---- structure in source order, Brå's columns ---------------------------------------------------

def test_actions_directly_under_the_document_in_source_order():
    project = _project("actions-under-document")
    doc = project.document("exempelby/medborgarlofte-centrum")
    assert [a.id for a in doc.actions] == ["busstationen", "belysning"]
    assert [a.area_id for a in doc.all_actions()] == ["", ""]
    assert [kind for kind, _ in doc.outline()] == ["section", "actions", "section"]
    assert doc.action("busstationen").operational_goal.startswith("Polis eller trygghetsvärdar")

    pages = _pages(project)
    page = pages["exempelby/medborgarlofte-centrum/index.md"]
    body = page[page.index("\n---\n"):]  # after the front matter
    assert body.index("Bakgrund") < body.index("Ökad närvaro vid busstationen") < body.index("Löftet följs upp")
    text = _text(page)
    assert "Operativt mål" in text and "Punktinsats" in text
    followup = _text(pages["exempelby/medborgarlofte-centrum/uppfoljning-2024-h1.md"])
    assert "Grön (enligt källans färgmarkering)" in followup
    assert "Ökad närvaro vid busstationen på kvällstid" in followup


def test_without_order_sections_come_before_areas():
    project = _project("full-document")
    doc = project.document("exempelby/trygghetsplan")
    kinds = [kind for kind, _ in doc.outline()]
    assert kinds == sorted(kinds, key=lambda k: {"section": 0, "area": 1, "actions": 2}[k])


# ---- organisation files -----------------------------------------------------------------------

def test_kommunkod_is_used_by_one_organisation_file_only():
    case = INVALID / "kommunkod-duplicate"
    result = load_paths([case / "plans"], base=case)
    (problem,) = result.problems
    assert problem.code == "code-duplicate"
    assert "plans/alfa/organisation.yaml" in problem.message


def test_unknown_party_municipality_suggests_the_folder():
    case = INVALID / "unknown-party-municipality"
    result = load_paths([case / "plans"], base=case)
    problem = next(p for p in result.problems if p.code == "ref-unknown-municipality")
    assert "Menade du \"exempelby\" (Exempelby (fiktiv))?" in problem.hint


# ---- the bundled seeds ---------------------------------------------------------------------------

def test_seed_placeholder_rows_are_not_actions_and_encoding_notes_are_editorial():
    result = load_paths([ROOT.parent / "plans"], base=ROOT.parent)
    assert result.problems == []
    project = result.project
    stockholm = project.document("stockholm/kungsholmen-atgardsplan-2024")
    assert not [a for a in stockholm.all_actions() if "saknas i källtexten" in a.title]
    area = stockholm.area("otrygga-och-brottsutsatta-platser")
    assert "Rad 7" in area.editorial_note and "inte gick att läsa" in area.remark
    texts = [doc.remark for doc in project.documents()] + [a.remark for doc in project.documents()
                                                           for a in doc.all_actions()]
    for text in texts:
        assert "Extraktionen" not in text and "responsible_text" not in text and "schemat" not in text


def test_editorial_notes_are_collected_for_the_om_uppgifterna_block():
    project = load_paths([ROOT.parent / "plans"], base=ROOT.parent).project
    stockholm = project.document("stockholm/kungsholmen-atgardsplan-2024")
    notes = dict(stockholm.editorial_notes())
    assert "Rad 7" in notes["Området Otrygga och brottsutsatta platser"]
    assert "Avsnittet Instruktioner i mallens kolumner" in notes
    assert all(note for _, note in stockholm.editorial_notes())
    hedemora = dict(project.municipalities["hedemora"].editorial_notes())
    assert "Hedemora bostäder" in hedemora["Parten Hedemorabostäder"]

"""Indicator, index and follow-up pages and the dashboard: golden HTML, structure, faithfulness."""

from __future__ import annotations

import datetime as _dt
import re

import pytest
from progress_testutil import check_html, golden

from tryggplan.settings import SiteSettings
from tryggplan.site import progress_pages
from tryggplan.views import progress_html

SETTINGS = SiteSettings(today=_dt.date(2025, 2, 1))


def _pages(project):
    return (list(progress_pages.indicator_pages(project, SETTINGS))
            + list(progress_pages.followup_pages(project, SETTINGS)))


def test_golden_indicator_page(project, muni, doc):
    golden("otrygghet-kvall.html", progress_html.render_indicator(project, muni, doc, doc.indicator("otrygghet-kvall"),
                                                                  SETTINGS) + "\n")


def test_golden_followup_page(project, muni, doc):
    followup = next(f for f in doc.followups if f.period == "2024")
    golden("uppfoljning-2024.html", progress_html.render_followup(project, muni, doc, followup, SETTINGS) + "\n")


def test_golden_dashboard(muni, doc):
    golden("dashboard.html", progress_html.render_dashboard(doc, muni, SETTINGS) + "\n")


def test_pages_generated(project):
    paths = {p.path for p in _pages(project)}
    assert "exempelby/indikatorer/index.md" in paths
    assert "exempelby/indikatorer/otrygghet-kvall.md" in paths
    assert "exempelby/indikatorer/otrygghet-kvall.svg" in paths
    assert "exempelby/trygghetsplan/uppfoljning-2024.md" in paths


@pytest.mark.parametrize("which", ["fixture", "real"])
def test_every_chart_has_table_and_text_alternative(project, real_project, which):
    chosen = project if which == "fixture" else real_project
    for page in _pages(chosen):
        if not page.path.endswith(".md"):
            continue
        charts_on_page = page.content.count("<svg")
        assert page.content.count('role="img"') >= charts_on_page
        assert page.content.count("<title id=") == charts_on_page
        assert page.content.count("<desc id=") == charts_on_page
        assert page.content.count('class="tp-data-table"') == charts_on_page, page.path
        assert check_html(page.content.split("\n\n", 1)[1]) == [], page.path


def test_tables_are_accessible(project):
    for page in _pages(project):
        if not page.path.endswith(".md"):
            continue
        for table in re.findall(r"<table.*?</table>", page.content, re.S):
            assert "<caption>" in table
            assert 'scope="col"' in table
        for wrapper in re.findall(r'<div class="tp-scroll"[^>]*>', page.content):
            assert 'tabindex="0"' in wrapper and 'role="region"' in wrapper and "aria-label=" in wrapper
            assert "data-search-exclude" in wrapper


def test_indicator_page_content(project, muni, doc):
    html = progress_html.render_indicator(project, muni, doc, doc.indicator("otrygghet-kvall"), SETTINGS)
    for text in ("Nationella trygghetsundersökningen (NTU)", "Lägre är bättre", "U07451", "https://www.kolada.se/",
                 "årligen", "Fiktiv indikator; värdena är påhittade.", "För få svar för att redovisa.",
                 "Stor förbättring", "(18 / 23)<sup>1/3</sup> − 1", "−7,8\u00a0% per år", "0,96",
                 "<strong>ganska</strong>", "../../trygghetsplan/uppfoljning-2024/"):
        assert text in html, text
    manual = progress_html.render_indicator(project, muni, doc, doc.indicator("anmalda-brott"), SETTINGS)
    assert "Kommunens egen bedömning" in manual and "Beräknad bedömning" in manual and "Liten förbättring" in manual


def test_followup_page_content(project, muni, doc):
    followup = next(f for f in doc.followups if f.period == "2024")
    html = progress_html.render_followup(project, muni, doc, followup, SETTINGS)
    assert "Mål 11: Hållbara städer och samhällen" in html and "Mål 16: Fredliga och inkluderande samhällen" in html
    assert '<a href="../../fritidsplan/">Fritidsplan</a>' in html  # document exists -> plan page
    assert "Ett dokument som inte finns i tryggplan (finns inte på den här webbplatsen)" in html
    assert '<a href="https://example.org/rapport">Extern rapport</a>' in html
    assert "{{ inte_jinja }}" not in html  # Markdown output neutralises Jinja delimiters
    assert "Bättre belysning i centrum &amp; &lt;parken&gt;" in html  # titles escaped
    assert "Ingen uppföljning rapporterad" in html  # skolsamverkan, sommarjobb
    assert "Överprövad upphandling." in html and "Fiktiv anmärkning som ska bevaras vid import." in html
    assert "Ändrad status från 2023 till 2024" in html


def test_dashboard(muni, doc):
    html = progress_html.render_dashboard(doc, muni, SETTINGS)
    assert check_html(html) == []
    # One stacked bar, a legend with the numbers; försenad only as reported (fritidsgard).
    assert html.count('class="tp-stack"') == 1 and "<meter" not in html
    assert 'Försenad: <strong data-tp-state="försenad">1</strong> av 6' in html
    assert ("Tidsgränsen har passerat – ingen uppföljning rapporterad: <strong data-tp-state="
            '"tidsgränsen har passerat – ingen uppföljning rapporterad">1</strong> av 6') in html
    assert 'data-tp-total="6">4 av 6</strong> åtgärder en rapporterad status' in html
    assert "härledd" not in html.lower()
    assert "På väg mot målet: 3" in html  # otrygghet, anmalda-brott (manual), deltagare
    assert 'href="uppfoljning-2024/"' in html
    assert "Så räknas läget" in html


def test_agenda_goal_table_is_complete():
    assert sorted(progress_html.AGENDA2030_GOALS) == list(range(1, 18))
    assert progress_html.agenda2030_text(3) == "Mål 3: God hälsa och välbefinnande"


def test_kungalv_followup_renders_completely(real_project):
    """Every text field of Kungälv's 2023 follow-up appears on the page (escaped, or as Markdown)."""
    muni = real_project.municipalities["kungalv"]
    doc = muni.documents["program-social-hallbarhet"]
    followup = next(f for f in doc.followups if f.period == "2023")
    page = next(p for p in progress_pages.followup_pages(real_project, SETTINGS)
                if p.path == "kungalv/program-social-hallbarhet/uppfoljning-2023.md")
    html = page.content.split("---\n\n", 1)[1]  # after the front matter (tp_title)
    assert html.startswith("# Uppföljning program Social Hållbarhet 2023\n\n")
    assert check_html(html.split("\n\n", 1)[1]) == []

    def present(text: str) -> None:
        # Compare on plain words: Markdown and escaping change punctuation, not words.
        text = re.sub(r"(?m)^\s*(\d+\.|[-*])\s+", "", text)  # list markers become <ol>/<ul>
        words = re.findall(r"\w+", text)
        plain = " ".join(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", html.replace("&amp;", "&"))))
        assert " ".join(words) in plain, text[:80]

    for value in (followup.title, followup.summary, followup.reported_body, followup.remark):
        for paragraph in value.split("\n\n"):
            present(paragraph)
    assert "20 februari 2024" in html
    for section in followup.sections:
        present(section.title)
        for paragraph in section.body.split("\n\n"):
            present(paragraph)
    for comment in followup.indicators:
        present(comment.heading)
        for paragraph in comment.comment.split("\n\n"):
            present(paragraph)
    for area in followup.areas:
        for field in (area.focus, area.assessment):
            for paragraph in field.split("\n\n"):
                present(paragraph)
        for strategy in area.strategies:
            present(strategy)
        for example in area.good_examples:
            present(example.title)
            for paragraph in example.body.split("\n\n"):
                present(paragraph)
        for goal in area.agenda2030:
            assert progress_html.agenda2030_text(goal) in html
        for link in area.related_documents:
            present(link.title)
    assert html.count('<a href="../../trygg-i-kungalv/">Trygg i Kungälv</a>') == 4
    assert "Dokumentet har inga enskilda åtgärder att följa upp." in html

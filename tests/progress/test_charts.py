"""SVG charts: golden output, text alternative, contrast, determinism."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from progress_testutil import golden

from tryggplan.progress import charts

NS = "{http://www.w3.org/2000/svg}"


def test_golden_svg(doc, muni):
    golden("otrygghet-kvall.svg", charts.render_chart(doc.indicator("otrygghet-kvall"), muni.name) + "\n")


def test_chart_is_deterministic(doc):
    indicator = doc.indicator("anmalda-brott")
    assert charts.render_chart(indicator) == charts.render_chart(indicator)


@pytest.mark.parametrize("indicator_id", ["otrygghet-kvall", "anmalda-brott", "deltagare-fritid", "en-matning",
                                          "bilbrander", "skadegorelse", "nojdhet-index"])
def test_svg_is_well_formed_and_accessible(doc, indicator_id):
    svg = charts.render_chart(doc.indicator(indicator_id), "Exempelby kommun (fiktiv)")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("width") == "100%" and root.get("viewBox")
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert title is not None and title.text
    assert desc is not None and desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_text_alternative_states_the_trend(doc, muni):
    text = charts.describe(doc.indicator("otrygghet-kvall"), muni.name)
    assert text.startswith("Andelen i Exempelby kommun (fiktiv) minskade från 23 procent 2021 till 18 procent 2024 "
                           "(preliminärt).")
    assert "Kvinnor: från 30 procent 2021 till 25 procent 2024; värde saknas för 2023." in text
    assert "Riket: 23 procent 2024." in text and "Liknande kommuner: 20 procent 2024." in text
    assert "Målet: högst 15 procent till 2026." in text
    increase = charts.describe(doc.indicator("deltagare-fritid"))
    assert increase.startswith("Antalet ökade från 300 2022 till 520 2024.")


def test_decimal_comma_on_axis(real_project):
    indicator = real_project.document("kungalv/program-social-hallbarhet").indicator("langvarigt-ekonomiskt-bistand")
    svg = charts.render_chart(indicator)
    assert ">0,5<" in svg and "0.5<" not in svg


def test_palette_contrast_at_least_3_to_1():
    colours = set(charts.OWN_COLOURS) | {c for c, _, _ in charts.COMPARISON_STYLES.values()}
    colours |= {charts.TARGET_COLOUR, charts.TEXT_COLOUR, charts.AXIS_COLOUR}
    for colour in colours:
        assert charts.contrast_ratio(colour) >= 3, colour


def test_comparisons_are_dashed_and_hollow(doc):
    svg = charts.render_chart(doc.indicator("otrygghet-kvall"))
    assert 'stroke-dasharray="6 4"' in svg  # riket
    assert 'stroke-dasharray="2 3"' in svg  # liknande kommuner
    assert 'fill="#ffffff" stroke="#374151"' in svg  # hollow riket markers


def test_escaping_in_svg():
    from tryggplan.model import Indicator, Series, Value

    indicator = Indicator("x", "<script>&", "d", "intern", "antal",
                          series=[Series("totalt", "kommun", [Value("2020", 1), Value("2021", 2)])])
    svg = charts.render_chart(indicator)
    assert "<script>" not in svg
    ET.fromstring(svg)

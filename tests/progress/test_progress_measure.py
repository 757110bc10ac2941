"""The Open SDG progress measure against hand-computed cases, every guard, and a property test."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tryggplan.model import Assessment, Indicator, Series, Target, Value
from tryggplan.progress import measure


def make(values, target=None, direction="lower", assessment=None):
    indicator = Indicator("x", "X", "d", "intern", "procent", direction=direction,
                          series=[Series("totalt", "kommun", [Value(p, v) for p, v in values])],
                          targets=[target] if target else [], assessment=assessment)
    return indicator


def test_fixture_substantial(doc):
    # base 23 (2021), latest 18 (2024), target at most 15 by 2026, lower is better.
    # cagr_o = (18/23)^(1/3) - 1 = 0.921542 - 1 = -0.078459
    # cagr_r = (15/23)^(1/5) - 1 = 0.918063 - 1 = -0.081937
    # ratio  = -1 * -0.078459 / 0.081937 = 0.9575 >= 0.95 -> stor förbättring
    result = measure.measure_progress(doc.indicator("otrygghet-kvall"))
    assert result.cagr == pytest.approx(-0.078459, abs=1e-6)
    assert result.required_cagr == pytest.approx(-0.081937, abs=1e-6)
    assert result.ratio == pytest.approx(0.95755, abs=1e-5)
    assert result.status == result.computed_status == "stor förbättring"
    assert (result.base_period, result.base_value, result.latest_period, result.latest_value) == ("2021", 23, "2024", 18)
    assert result.method == "target" and result.direction == "lower"


def test_fixture_change_percent_with_manual_override(doc):
    # baseline 9000 (2022), -20 % -> target 7200 by 2025; latest 8700 (2024).
    # cagr_o = (8700/9000)^(1/2) - 1 = 0.983192 - 1 = -0.016808
    # cagr_r = (7200/9000)^(1/3) - 1 = 0.928318 - 1 = -0.071682
    # ratio  = 0.016808 / 0.071682 = 0.2345 -> liten förbättring (0 <= r < 0.6)
    result = measure.measure_progress(doc.indicator("anmalda-brott"))
    assert result.target_value == pytest.approx(7200)
    assert result.base_from_target is True
    assert result.ratio == pytest.approx(0.23448, abs=1e-5)
    assert result.computed_status == "liten förbättring"
    assert result.status == "måttlig förbättring"  # the municipality's own assessment wins
    assert result.differs is True


def test_fixture_achieved_and_guards(doc):
    statuses = {i.id: measure.measure_progress(i) for i in doc.indicators}
    assert statuses["deltagare-fritid"].status == "målet nått"  # 520 >= 500
    assert "målår" in statuses["nojdhet-index"].reason  # no target year
    assert "minst två värden" in statuses["en-matning"].reason  # one point
    assert "noll eller negativt" in statuses["bilbrander"].reason  # base 0
    assert "efter målåret 2023" in statuses["skadegorelse"].reason  # 2024 > 2023
    for key in ("nojdhet-index", "en-matning", "bilbrander", "skadegorelse"):
        assert statuses[key].status == "går inte att bedöma"


@pytest.mark.parametrize(("latest", "expected"), [
    # higher is better, base 50 (2020), target at least 80 by 2030, latest from 2024.
    # cagr_r = (80/50)^(1/10) - 1 = 0.048122;  cagr_o = (latest/50)^(1/4) - 1
    (60, "stor förbättring"),   # cagr_o = 1.2^0.25 - 1 = 0.046635; ratio 0.9691 >= 0.95
    (55, "liten förbättring"),  # cagr_o = 1.1^0.25 - 1 = 0.024114; ratio 0.5011 < 0.6
    (50, "liten förbättring"),  # cagr_o = 0 -> ratio 0 (0 <= r < 0.6)
    (45, "försämring"),         # cagr_o = 0.9^0.25 - 1 = -0.026 -> ratio < 0
    (80, "målet nått"),         # 80 >= 80
])
def test_higher_is_better(latest, expected):
    target = Target("at_least", "minst 80", 80, 2030)
    result = measure.measure_progress(make([("2020", 50), ("2024", latest)], target, "higher"))
    if result.ratio is not None:
        assert result.ratio == pytest.approx(((latest / 50) ** 0.25 - 1) / ((80 / 50) ** 0.1 - 1))
    assert result.status == expected


def test_moderate_band():
    # at most 10 by 2030 from 20 (2020): cagr_r = 0.5^(0.1) - 1 = -0.066967
    # latest 16 (2024): cagr_o = 0.8^(0.25) - 1 = -0.054258; ratio = 0.8102 -> måttlig förbättring
    result = measure.measure_progress(make([("2020", 20), ("2024", 16)], Target("at_most", "högst 10", 10, 2030)))
    assert result.ratio == pytest.approx(0.8102, abs=1e-4)
    assert result.status == "måttlig förbättring"


def test_change_absolute_and_baseline_first_value():
    # +10 from the first value 40 (2020) -> target 50 by 2025; latest 45 (2023)
    # cagr_o = (45/40)^(1/3) - 1 = 0.040042; cagr_r = (50/40)^(1/5) - 1 = 0.045640; ratio 0.8773
    target = Target("change_absolute", "öka med 10", 10, 2025)
    result = measure.measure_progress(make([("2020", 40), ("2023", 45)], target, "none"))
    assert result.target_value == 50 and result.direction == "higher" and result.base_from_target is False
    assert result.ratio == pytest.approx(0.8773, abs=1e-4)
    assert result.status == "måttlig förbättring"


def test_trend_method_without_target_value():
    # Open SDG method 1: no target value, lower is better. 100 -> 90 over 2 years:
    # cagr = 0.9^(0.5) - 1 = -0.051317; progress = +0.051317 >= 0.015 -> stor förbättring
    result = measure.measure_progress(make([("2020", 100), ("2022", 90)], Target("at_most", "lägre"), "lower"))
    assert result.method == "trend"
    assert result.ratio == pytest.approx(0.051317, abs=1e-6)
    assert result.status == "stor förbättring"


def test_guards():
    at_most = Target("at_most", "högst 1", 1, 2030)
    assert measure.measure_progress(make([], at_most)).reason.startswith("Det finns inga värden")
    assert measure.measure_progress(make([("2020", 5)], at_most)).status == "går inte att bedöma"
    assert "noll eller negativt" in measure.measure_progress(make([("2020", -2), ("2022", 5)], at_most)).reason
    assert "samma år" in measure.measure_progress(make([("2020", 5), ("2020-12", 4)], at_most)).reason
    assert "efter målåret" in measure.measure_progress(
        make([("2020", 5), ("2031", 4)], at_most)).reason
    assert "inget målår" in measure.measure_progress(
        make([("2020", 5), ("2022", 4)], Target("at_most", "högst 1", 1))).reason
    no_direction = Target("change_percent", "ändra", 0, 2030)
    assert "högre eller lägre" in measure.measure_progress(make([("2020", 5), ("2022", 4)], no_direction, "none")).reason
    assert measure.measure_progress(make([("2020", 5)])).reason == "Indikatorn har inget målvärde."


def test_base_already_at_target_then_worse():
    # base 10 == target 10 -> required growth 0; latest 12 misses it -> försämring
    result = measure.measure_progress(make([("2020", 10), ("2022", 12)], Target("at_most", "högst 10", 10, 2025)))
    assert result.status == "försämring"


def test_target_achieved_even_without_year():
    # Kungälv-like change_percent -40 without year: achieved is still recognised.
    target = Target("change_percent", "minska 40 %", -40, None, baseline_period="2019-12", baseline_value=170)
    assert measure.measure_progress(make([("2019-12", 170), ("2023-12", 100)], target)).status == "målet nått"
    assert "målår" in measure.measure_progress(make([("2019-12", 170), ("2023-12", 147)], target)).reason


def test_manual_assessment_shown_even_when_not_computable():
    manual = Assessment("stor förbättring", "Vi ser tydliga tecken.")
    result = measure.measure_progress(make([("2020", 5)], Target("at_most", "högst 1", 1, 2030), assessment=manual))
    assert result.status == "stor förbättring" and result.computed_status == "går inte att bedöma" and result.differs


def test_real_kungalv_indicators_do_not_crash(real_project):
    for doc in real_project.documents():
        for indicator in doc.indicators:
            for result in measure.indicator_progress(indicator):
                assert result.status in measure.PROGRESS_STATES


numbers = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**12, 10**12))
periods = st.integers(1990, 2100).map(str)


@settings(max_examples=300, deadline=None)
@given(values=st.lists(st.tuples(periods, numbers), max_size=6, unique_by=lambda t: t[0]),
       kind=st.sampled_from(["at_most", "at_least", "change_percent", "change_absolute"]),
       target_value=numbers, year=st.one_of(st.none(), st.integers(1990, 2100)),
       baseline=st.one_of(st.none(), st.tuples(periods, st.floats(allow_nan=False))),
       direction=st.sampled_from(["lower", "higher", "none"]))
def test_progress_never_raises(values, kind, target_value, year, baseline, direction):
    target = Target(kind, "mål", target_value, year, baseline_period=baseline[0] if baseline else "",
                    baseline_value=baseline[1] if baseline else None)
    indicator = make(sorted(values), target, direction)
    result = measure.measure_progress(indicator)
    assert result.status in measure.PROGRESS_STATES
    for number in (result.cagr, result.required_cagr, result.ratio):
        assert number is None or math.isfinite(number)

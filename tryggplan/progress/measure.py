"""Progress of indicators toward their targets: the Open SDG progress measure (see `measure_progress`).

Pure logic on the typed model; no HTML, no files, no printing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from tryggplan.formatting import period_last_year
from tryggplan.model import TOTAL, Assessment, Document, Indicator, Series, Target

# --- progress toward targets ---------------------------------------------------------------

ACHIEVED = "målet nått"
SUBSTANTIAL = "stor förbättring"
MODERATE = "måttlig förbättring"
LIMITED = "liten förbättring"
DETERIORATION = "försämring"
NOT_AVAILABLE = "går inte att bedöma"
PROGRESS_STATES = (ACHIEVED, SUBSTANTIAL, MODERATE, LIMITED, DETERIORATION, NOT_AVAILABLE)
ON_TRACK = frozenset({ACHIEVED, SUBSTANTIAL, MODERATE})
OFF_TRACK = frozenset({LIMITED, DETERIORATION})

#: Open SDG's default thresholds. With a target value (method 2) they apply to the ratio of
#: observed to required growth; without one (method 1) to the observed growth itself.
TARGET_THRESHOLDS = {"high": 0.95, "med": 0.6, "low": 0.0}
TREND_THRESHOLDS = {"high": 0.015, "med": 0.005, "low": 0.0}

PROGRESS_METHOD = (
    "Så bedöms utvecklingen mot målet (samma metod som Open SDG, den öppna plattformen för "
    "rapportering av de globala målen): vi räknar ut den genomsnittliga årliga förändringen i procent "
    "från basvärdet (målets basvärde eller, om det saknas, det första värdet) till det senaste värdet, "
    "och jämför den med den årliga förändring som skulle behövas för att nå målvärdet till målåret. "
    "Kvoten mellan de två avgör bedömningen: minst 0,95 ger stor förbättring, 0,6–0,95 måttlig "
    "förbättring, 0–0,6 liten förbättring och under 0 försämring. Är målvärdet redan nått står det "
    "\"målet nått\". Utvecklingen går inte att bedöma när det finns färre än två värden, basvärdet är "
    "noll eller negativt, målet saknar målår eller målåret redan har passerat. Har kommunen gjort en "
    "egen bedömning visas den, och båda visas när de skiljer sig."
)


@dataclass(frozen=True, slots=True)
class Progress:
    """Progress of one indicator toward one target, with every number used.

    status is what the site shows (the manual assessment when there is one), computed_status
    what the method gives. cagr, required_cagr and ratio are fractions (0.05 = 5 %).
    """

    indicator_id: str
    status: str
    computed_status: str
    reason: str
    target: Target | None = None
    manual: Assessment | None = None
    method: str = ""  # "target" (Open SDG method 2), "trend" (method 1) or "" (not computed)
    direction: str = ""  # "lower" or "higher"
    breakdown: str = TOTAL
    base_period: str = ""
    base_value: float | None = None
    base_from_target: bool = False
    latest_period: str = ""
    latest_value: float | None = None
    target_value: float | None = None
    target_year: int | None = None
    cagr: float | None = None
    required_cagr: float | None = None
    ratio: float | None = None
    points: int = 0

    @property
    def differs(self) -> bool:
        """True when a manual assessment says something other than the computed result."""
        return self.manual is not None and self.manual.status != self.computed_status

    @property
    def on_track(self) -> bool | None:
        if self.status in ON_TRACK:
            return True
        if self.status in OFF_TRACK:
            return False
        return None


def kommun_series(indicator: Indicator, breakdown: str = TOTAL) -> Series | None:
    for series in indicator.series:
        if series.comparison == "kommun" and series.breakdown == breakdown:
            return series
    return None


def series_points(series: Series | None) -> list[tuple[str, float]]:
    if series is None:
        return []
    return [(v.period, float(v.value)) for v in series.values
            if v.value is not None and not isinstance(v.value, bool) and math.isfinite(float(v.value))]


def _direction(target: Target, indicator: Indicator) -> str:
    if target.kind == "at_most":
        return "lower"
    if target.kind == "at_least":
        return "higher"
    if target.value:
        return "lower" if target.value < 0 else "higher"
    return indicator.direction if indicator.direction in ("lower", "higher") else ""


def _growth(current: float, base: float, years: int) -> float:
    """Compound annual growth rate: (current / base) ** (1 / years) - 1 (Open SDG growth_calculation)."""
    if current == 0:
        return -1.0
    growth = math.exp(math.log(current / base) / years) - 1
    if not math.isfinite(growth):
        raise OverflowError("growth out of range")
    return growth


def _classify(value: float, thresholds: dict[str, float]) -> str:
    if value >= thresholds["high"]:
        return SUBSTANTIAL
    if value >= thresholds["med"]:
        return MODERATE
    if value >= thresholds["low"]:
        return LIMITED
    return DETERIORATION


def primary_target(indicator: Indicator) -> Target | None:
    """The target the indicator is judged by: the first for the total, else the first."""
    for target in indicator.targets:
        if target.breakdown == TOTAL:
            return target
    return indicator.targets[0] if indicator.targets else None


def measure_progress(indicator: Indicator, target: Target | None = None, *, manual: bool | None = None) -> Progress:
    """Progress of an indicator toward a target, adapted from Open SDG's progress measure.

    Source: open-sdg/sdg-build, `sdg/ProgressMeasure.py` (`SeriesProgress.methodology_2`,
    `growth_calculation`, `get_progress_status`), documented in Open SDG's "Progress status"
    guide. Open SDG computes

        observed growth  cagr_o = (current / base) ** (1 / (current_year - base_year)) - 1
        required growth  cagr_r = (target / base) ** (1 / (target_year - base_year)) - 1
        ratio            = direction * cagr_o / abs(cagr_r)      (direction +1 higher, -1 lower)

    and maps the ratio with the thresholds 0.95 / 0.6 / 0 to substantial / moderate / limited
    progress / deterioration, or "target achieved" when the current value already meets the
    target. Without a target value (method 1) the observed growth itself is compared with
    0.015 / 0.005 / 0.

    What we changed: the base is the target's baseline when it has one, otherwise the first
    value (Open SDG: a configured base year, default 2015); the direction comes from the
    target kind (at_most -> lower, at_least -> higher, a negative change -> lower) before the
    indicator's direction; change_percent / change_absolute targets are turned into a target
    value from the baseline. Where Open SDG substitutes 0.001 for a zero base or target, or
    computes past the target year, we say "går inte att bedöma" and why. A manual assessment
    overrides the computed status (the computed one is kept in `computed_status`). Never raises.
    """
    if target is None:
        target = primary_target(indicator)
    assessment = indicator.assessment if (manual is None and target is primary_target(indicator)) or manual else None

    def result(status: str, reason: str, **numbers: Any) -> Progress:
        shown = assessment.status if assessment is not None else status
        return Progress(indicator.id, shown, status, reason, target, assessment, **numbers)

    if target is None:
        return result(NOT_AVAILABLE, "Indikatorn har inget målvärde.")
    breakdown = target.breakdown or TOTAL
    points = series_points(kommun_series(indicator, breakdown))
    direction = _direction(target, indicator)
    numbers: dict[str, Any] = {"breakdown": breakdown, "direction": direction, "target_year": target.year}
    if target.baseline_period and target.baseline_value is not None and math.isfinite(float(target.baseline_value)):
        base_period, base_value, from_target = target.baseline_period, float(target.baseline_value), True
    elif points:
        (base_period, base_value), from_target = points[0], False
    else:
        return result(NOT_AVAILABLE, "Det finns inga värden för indikatorn ännu.", **numbers)
    numbers.update(base_period=base_period, base_value=base_value, base_from_target=from_target)
    later = [p for p in points if p[0] > base_period]
    if not points:
        return result(NOT_AVAILABLE, "Det finns inga uppmätta värden efter basvärdet ännu.", **numbers)
    latest_period, latest_value = points[-1]
    distinct = {base_period} | {p for p, _ in points}
    numbers.update(latest_period=latest_period, latest_value=latest_value, points=len(distinct))
    if not direction:
        return result(NOT_AVAILABLE, "Det framgår inte om högre eller lägre värden är bättre.", **numbers)

    target_value: float | None = None
    raw = target.value
    if raw is not None and not math.isfinite(float(raw)):
        raw = None
    if raw is not None:
        if target.kind in ("at_most", "at_least"):
            target_value = float(raw)
        elif target.kind == "change_percent":
            target_value = base_value * (1 + float(raw) / 100)
        else:
            target_value = base_value + float(raw)
    numbers["target_value"] = target_value
    sign = 1 if direction == "higher" else -1

    if target_value is not None and later:
        met = latest_value <= target_value if sign < 0 else latest_value >= target_value
        if met:
            return result(ACHIEVED, "Det senaste värdet når målvärdet.", **numbers)
    if not later or len(distinct) < 2:
        return result(NOT_AVAILABLE, "Det behövs minst två värden – ett basvärde och ett senare värde – för att "
                                     "räkna ut utvecklingen.", **numbers)
    base_year, latest_year = period_last_year(base_period), period_last_year(latest_period)
    if base_value <= 0:
        return result(NOT_AVAILABLE, "Basvärdet är noll eller negativt, och då går den årliga förändringen i "
                                     "procent inte att räkna ut.", **numbers)
    if latest_value < 0:
        return result(NOT_AVAILABLE, "Det senaste värdet är negativt, och då går den årliga förändringen i "
                                     "procent inte att räkna ut.", **numbers)
    if latest_year <= base_year:
        return result(NOT_AVAILABLE, "Basvärdet och det senaste värdet är från samma år; det behövs minst ett "
                                     "års skillnad.", **numbers)
    try:
        cagr = _growth(latest_value, base_value, latest_year - base_year)
    except (OverflowError, ValueError, ZeroDivisionError):
        return result(NOT_AVAILABLE, "Talen är för stora eller för små för att räkna med.", **numbers)
    numbers["cagr"] = cagr

    if target_value is None:
        progress = sign * cagr
        return result(_classify(progress, TREND_THRESHOLDS),
                      "Målet har inget målvärde, så den årliga förändringen jämförs med Open SDG:s gränser "
                      "för utveckling utan målvärde (1,5 %, 0,5 % och 0 % per år).",
                      method="trend", ratio=progress, **numbers)
    if target.year is None:
        return result(NOT_AVAILABLE, "Målet har inget målår, så det går inte att räkna ut vilken takt som "
                                     "behövs för att nå det.", **numbers)
    if latest_year > target.year:
        return result(NOT_AVAILABLE, f"Det senaste värdet är från efter målåret {target.year}, och målet är inte "
                                     "nått; takten mot målet går inte längre att bedöma.", **numbers)
    if target.year <= base_year:
        return result(NOT_AVAILABLE, "Målåret ligger inte efter basåret.", **numbers)
    if target_value < 0:
        return result(NOT_AVAILABLE, "Målvärdet är negativt, och då går den årliga förändringen i procent inte "
                                     "att räkna ut.", **numbers)
    try:
        required = _growth(target_value, base_value, target.year - base_year)
    except (OverflowError, ValueError, ZeroDivisionError):
        return result(NOT_AVAILABLE, "Talen är för stora eller för små för att räkna med.", **numbers)
    numbers["required_cagr"] = required
    if required == 0 or not math.isfinite(required):
        return result(DETERIORATION, "Basvärdet var redan lika med målvärdet, men det senaste värdet når inte "
                                     "målet.", method="target", **numbers)
    ratio = sign * cagr / abs(required)
    if not math.isfinite(ratio):
        return result(NOT_AVAILABLE, "Talen är för stora eller för små för att räkna med.", **numbers)
    return result(_classify(ratio, TARGET_THRESHOLDS),
                  "Kvoten mellan den faktiska och den nödvändiga årliga förändringen avgör bedömningen.",
                  method="target", ratio=ratio, **numbers)


def indicator_progress(indicator: Indicator) -> list[Progress]:
    """One Progress per target (the manual assessment applies to the primary target only)."""
    primary = primary_target(indicator)
    return [measure_progress(indicator, t, manual=t is primary) for t in indicator.targets]


@dataclass(frozen=True, slots=True)
class IndicatorSummary:
    """Indicators of a document by progress: on track, off track, not assessable."""

    total: int
    on_track: int
    off_track: int
    not_assessed: int
    by_status: dict[str, int] = field(default_factory=dict)


def indicator_summary(doc: Document) -> IndicatorSummary:
    statuses = [measure_progress(i).status for i in doc.indicators]
    by_status = {s: statuses.count(s) for s in PROGRESS_STATES}
    on = sum(by_status[s] for s in ON_TRACK)
    off = sum(by_status[s] for s in OFF_TRACK)
    return IndicatorSummary(len(statuses), on, off, len(statuses) - on - off, by_status)

"""Progress of a plan: action status, roll-ups and progress of indicators toward their targets.

Pure logic on the typed model: no HTML, no files, no printing. Dates come in as arguments
(`today`), so every result is reproducible.

Three parts:

* **Action status** (`effective_status`): the reported status for the latest follow-up period,
  or "ingen uppföljning rapporterad"; an action whose deadline has passed without being
  reported as "genomförd" or "inställd" is "försenad", marked as derived with a Swedish reason.
* **Roll-ups** (`status_frame`, `rollup`, `status_changes`) with pandas: counts and shares per
  status per area and for the whole plan, and status changes between consecutive periods.
* **Progress toward targets** (`measure_progress`): the Open SDG progress measure, see its
  docstring.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import math
from dataclasses import dataclass, field

import pandas as pd

from .formatting import swedish_date, swedish_period
from .model import STATUSES, TOTAL, Action, ActionReport, Assessment, Document, Indicator, Series, Target

# --- action status --------------------------------------------------------------------------

NOT_STARTED, STARTED, DONE, LATE, CANCELLED, ONGOING = STATUSES
NO_REPORT = "ingen uppföljning rapporterad"
#: Every state an action can be in on the site, in display order.
ACTION_STATES: tuple[str, ...] = (DONE, ONGOING, STARTED, NOT_STARTED, LATE, CANCELLED, NO_REPORT)
_CLOSED = (DONE, CANCELLED)


@dataclass(frozen=True, slots=True)
class EffectiveStatus:
    """The status an action is shown with, and where it came from.

    status: one of ACTION_STATES. period: the follow-up period of the report it came from
    ("" when there is none). derived: True when tryggplan set the status (deadline passed);
    reason: a Swedish sentence that says how the status was arrived at.
    """

    action_id: str
    status: str
    period: str = ""
    report: ActionReport | None = None
    derived: bool = False
    reason: str = ""
    reported_status: str = ""
    deadline: _dt.date | None = None
    previous_period: str = ""
    previous_status: str = ""

    @property
    def late(self) -> bool:
        return self.status == LATE

    @property
    def reported(self) -> bool:
        return self.report is not None


def deadline_date(text: str) -> _dt.date | None:
    """ÅÅÅÅ-MM-DD -> that day; ÅÅÅÅ-MM -> the last day of that month; anything else -> None."""
    if not text:
        return None
    parts = text.split("-")
    try:
        year, month = int(parts[0]), int(parts[1])
        if len(parts) == 3:
            return _dt.date(year, month, int(parts[2]))
        if len(parts) == 2:
            return _dt.date(year, month, calendar.monthrange(year, month)[1])
    except (ValueError, IndexError):
        return None
    return None


def _report_for(doc: Document, action_id: str, period: str) -> ActionReport | None:
    for followup in doc.followups:
        if followup.period == period:
            for report in followup.actions:
                if report.action == action_id:
                    return report
    return None


def _periods(doc: Document) -> list[str]:
    return sorted({f.period for f in doc.followups})


def effective_status(action: Action, doc: Document, today: _dt.date, period: str | None = None) -> EffectiveStatus:
    """The status of one action for the latest follow-up period (or `period` if given).

    Rules, in order:
    1. The report for that period gives the status. Without one, an earlier "genomförd" or
       "inställd" still holds (closed stays closed); otherwise the state is
       "ingen uppföljning rapporterad" (the latest earlier report is kept as `previous_*`).
    2. If the deadline (timing.deadline; a month means its last day) is before `today` and the
       status is not "genomförd" or "inställd", the status becomes "försenad", derived.
    """
    periods = _periods(doc)
    if period is None:
        period = periods[-1] if periods else ""
    report = _report_for(doc, action.id, period) if period else None
    previous_period = previous_status = ""
    for earlier in reversed([p for p in periods if p < period] if period else []):
        earlier_report = _report_for(doc, action.id, earlier)
        if earlier_report is not None:
            previous_period, previous_status = earlier, earlier_report.status
            break
    deadline = deadline_date(action.timing.deadline)
    deadline_text = swedish_date(action.timing.deadline)
    passed = deadline is not None and deadline < today
    common = dict(action_id=action.id, deadline=deadline, previous_period=previous_period,
                  previous_status=previous_status)
    if report is not None:
        if passed and report.status not in _CLOSED and report.status != LATE:
            return EffectiveStatus(
                status=LATE, period=period, report=report, derived=True, reported_status=report.status,
                reason=(f"Härledd: rapporterad status för {swedish_period(period)} är \"{report.status}\", men "
                        f"tidsgränsen {deadline_text} har passerat utan att åtgärden rapporterats som "
                        "genomförd eller inställd."), **common)
        return EffectiveStatus(status=report.status, period=period, report=report, reported_status=report.status,
                               reason=f"Rapporterad i uppföljningen för {swedish_period(period)}.", **common)
    if previous_status in _CLOSED:
        earlier_report = _report_for(doc, action.id, previous_period)
        return EffectiveStatus(
            status=previous_status, period=previous_period, report=earlier_report, reported_status=previous_status,
            reason=(f"Rapporterad som {previous_status} i uppföljningen för {swedish_period(previous_period)}; "
                    "inte med i senare uppföljningar."), **common)
    if not period:
        missing = "Ingen uppföljning är rapporterad för dokumentet"
    else:
        missing = f"Ingen uppföljning är rapporterad för åtgärden i uppföljningen för {swedish_period(period)}"
    if passed:
        return EffectiveStatus(
            status=LATE, period="", derived=True,
            reason=(f"Härledd: tidsgränsen {deadline_text} har passerat och åtgärden är inte rapporterad "
                    f"som genomförd eller inställd. {missing}."), **common)
    return EffectiveStatus(status=NO_REPORT, period="", reason=f"{missing}.", **common)


def report_status(action: Action, doc: Document, period: str) -> str:
    """The status reported for one period exactly, or NO_REPORT (no deadline rule)."""
    report = _report_for(doc, action.id, period)
    return report.status if report else NO_REPORT


# --- roll-ups ------------------------------------------------------------------------------

ROLLUP_METHOD = (
    "Så räknas läget: varje åtgärd i dokumentet räknas en gång, med statusen från den senaste "
    "uppföljningen. En åtgärd som inte finns med i den senaste uppföljningen räknas som "
    "\"ingen uppföljning rapporterad\". En åtgärd vars tidsgräns (\"Klar senast\"; en månad räknas "
    "till och med månadens sista dag) har passerat utan att den rapporterats som genomförd eller "
    "inställd räknas som försenad, och det står vid åtgärden att statusen är härledd. Andelen är "
    "antalet åtgärder med en status delat med alla åtgärder i dokumentet (eller i området), "
    "avrundat till hela procent. Aktiviteter under en åtgärd räknas inte för sig."
)

_FRAME_COLUMNS = ["action", "title", "area", "status", "period", "derived", "late", "reported"]


def status_frame(doc: Document, today: _dt.date) -> pd.DataFrame:
    """One row per action: action id, title, area id, effective status, period, derived, late, reported."""
    rows = []
    for action in doc.all_actions():
        result = effective_status(action, doc, today)
        rows.append({"action": action.id, "title": action.title, "area": action.area_id, "status": result.status,
                     "period": result.period, "derived": result.derived, "late": result.late,
                     "reported": result.reported})
    return pd.DataFrame(rows, columns=_FRAME_COLUMNS)


@dataclass(frozen=True, slots=True)
class Rollup:
    """Counts and shares (0–100, whole percent) per status for a set of actions."""

    total: int
    counts: dict[str, int]
    shares: dict[str, int]
    late: int
    derived: int
    missing_report: int


def _rollup_of(frame: pd.DataFrame) -> Rollup:
    counts = frame["status"].value_counts().reindex(list(ACTION_STATES), fill_value=0)
    total = int(len(frame))
    shares = (counts * 100 / total).round().astype(int) if total else counts * 0
    return Rollup(total=total, counts={k: int(v) for k, v in counts.items()},
                  shares={k: int(v) for k, v in shares.items()},
                  late=int(frame["late"].sum()) if total else 0,
                  derived=int(frame["derived"].sum()) if total else 0,
                  missing_report=int((~frame["reported"].astype(bool)).sum()) if total else 0)


def rollup(doc: Document, today: _dt.date) -> tuple[Rollup, dict[str, Rollup]]:
    """The plan's roll-up and one per area (area id -> Rollup, areas with actions, in document order)."""
    frame = status_frame(doc, today)
    per_area = {}
    for area in doc.all_areas():
        part = frame[frame["area"] == area.id]
        if len(part):
            per_area[area.id] = _rollup_of(part)
    return _rollup_of(frame), per_area


def rollup_table(doc: Document, today: _dt.date) -> pd.DataFrame:
    """Counts per area (rows, plus "Hela dokumentet") and status (columns), with "totalt" and "försenade"."""
    frame = status_frame(doc, today)
    table = pd.crosstab(frame["area"], frame["status"]).reindex(columns=list(ACTION_STATES), fill_value=0)
    order = [a.id for a in doc.all_areas() if a.id in table.index]
    table = table.reindex(order)
    table["totalt"] = table[list(ACTION_STATES)].sum(axis=1)
    table["försenade"] = frame.groupby("area")["late"].sum().reindex(order).astype(int)
    whole = table.sum(axis=0).rename("Hela dokumentet")
    return pd.concat([table, whole.to_frame().T]).astype(int)


def status_changes(doc: Document) -> pd.DataFrame:
    """Status changes between consecutive follow-up periods, as reported (no deadline rule).

    Columns: from_period, to_period, action, title, from_status, to_status. A missing report
    counts as "ingen uppföljning rapporterad" (except after "genomförd"/"inställd", which
    stay closed); unchanged statuses are left out.
    """
    periods = _periods(doc)
    rows = []
    for before, after in zip(periods, periods[1:]):
        for action in doc.all_actions():
            old, new = report_status(action, doc, before), report_status(action, doc, after)
            if old in _CLOSED and new == NO_REPORT:
                continue  # closed stays closed: leaving it out of later follow-ups is no change
            if old != new:
                rows.append({"from_period": before, "to_period": after, "action": action.id,
                             "title": action.title, "from_status": old, "to_status": new})
    return pd.DataFrame(rows, columns=["from_period", "to_period", "action", "title", "from_status", "to_status"])


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


def _points(series: Series | None) -> list[tuple[str, float]]:
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

    def result(status: str, reason: str, **numbers) -> Progress:
        shown = assessment.status if assessment is not None else status
        return Progress(indicator.id, shown, status, reason, target, assessment, **numbers)

    if target is None:
        return result(NOT_AVAILABLE, "Indikatorn har inget målvärde.")
    breakdown = target.breakdown or TOTAL
    points = _points(kommun_series(indicator, breakdown))
    direction = _direction(target, indicator)
    numbers: dict = {"breakdown": breakdown, "direction": direction, "target_year": target.year}
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
    base_year, latest_year = int(base_period[:4]), int(latest_period[:4])
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

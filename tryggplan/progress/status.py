"""Action status and roll-ups: what follow-ups reported for each action, counted per area and plan.

Pure logic on the typed model: no HTML, no files, no printing. Dates come in as arguments
(`today`), so every result is reproducible.

* **Action status** (`effective_status`): the reported status for the latest follow-up period,
  or "ingen uppföljning rapporterad"; an action whose deadline has passed without being
  reported as "genomförd" or "inställd" is "försenad", marked as derived with a Swedish reason.
* **Roll-ups** (`status_frame`, `rollup`, `status_changes`) with pandas: counts and shares per
  status per area and for the whole plan, and status changes between consecutive periods.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from tryggplan.formatting import swedish_date, swedish_period
from tryggplan.model import STATUSES, Action, ActionReport, Document

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
    common: dict[str, Any] = dict(action_id=action.id, deadline=deadline, previous_period=previous_period,
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

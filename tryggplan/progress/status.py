"""Action status and counts: what follow-ups reported for each action, counted per area and plan.

Pure logic on the typed model: no HTML, no files, no printing. Dates come in as arguments
(`today`), so every result is reproducible.

* **Action status** (`effective_status`): the status a follow-up reported for the action, and
  nothing else. A passed deadline without a report is its own state ("tidsgränsen har
  passerat – ingen uppföljning rapporterad"); it is never counted as "försenad", because no one
  reported that. A report without a status (a narrative entry) stays without one.
* **Counts** (`counts`): the one function that counts actions per state, for a document and per
  area. Every page that shows counts (plan page, follow-up page, dashboard, overview) calls it.
* **Status changes** (`status_changes`) between consecutive periods, as reported.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from tryggplan.formatting import swedish_date, swedish_period
from tryggplan.model import STATUSES, Action, ActionReport, Document

# --- action status --------------------------------------------------------------------------

NOT_STARTED, STARTED, DONE, LATE, CANCELLED, ONGOING = STATUSES
NO_REPORT = "ingen uppföljning rapporterad"
DEADLINE_PASSED = "tidsgränsen har passerat – ingen uppföljning rapporterad"
NO_STATUS = "redovisad utan status"
#: Statuses a follow-up can report, in display order.
REPORTED_STATES: tuple[str, ...] = (DONE, ONGOING, STARTED, NOT_STARTED, LATE, CANCELLED)
#: Every state an action can be in on the site, in display order.
ACTION_STATES: tuple[str, ...] = (*REPORTED_STATES, NO_STATUS, DEADLINE_PASSED, NO_REPORT)
#: States that mean "no follow-up reported anything about the action".
UNREPORTED_STATES: tuple[str, ...] = (DEADLINE_PASSED, NO_REPORT)
_CLOSED = (DONE, CANCELLED)


@dataclass(frozen=True, slots=True)
class EffectiveStatus:
    """The state an action is shown with, and where it came from.

    status: one of ACTION_STATES. period: the follow-up period of the report it came from
    ("" when there is none). deadline_passed: the deadline is before `today` and the action was
    not reported as genomförd or inställd (shown as a fact next to the status, never as a
    status). reason: a Swedish sentence that says where the state comes from.
    """

    action_id: str
    status: str
    period: str = ""
    report: ActionReport | None = None
    reason: str = ""
    reported_status: str = ""
    deadline: _dt.date | None = None
    deadline_passed: bool = False
    previous_period: str = ""
    previous_status: str = ""

    @property
    def late(self) -> bool:
        """Reported as försenad by a follow-up (never derived)."""
        return self.status == LATE

    @property
    def reported(self) -> bool:
        return self.report is not None

    @property
    def derived(self) -> bool:
        """Kept for callers of the old API: tryggplan never derives a status any more."""
        return False


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
    """The action's report for the period; a narrative entry that names the action counts as a
    report without a status (it never gets one)."""
    narrative = None
    for followup in doc.followups:
        if followup.period == period:
            for report in followup.actions:
                if report.action == action_id:
                    return report
            if narrative is None and any(action_id in entry.actions for entry in getattr(followup, "entries", [])):
                narrative = ActionReport(action=action_id, status="")
    return narrative


def _periods(doc: Document, action: Action | None = None) -> list[str]:
    """Follow-up periods; for an action in a rolling document's round, only that round's."""
    round_id = getattr(action, "round_id", "") if action is not None else ""
    if round_id:
        return sorted({f.period for f in doc.followups if getattr(f, "round", "") == round_id})
    return sorted({f.period for f in doc.followups if not getattr(f, "round", "")} or
                  {f.period for f in doc.followups})


def _reported(report: ActionReport) -> str:
    return getattr(report, "status", "") or NO_STATUS


def effective_status(action: Action, doc: Document, today: _dt.date, period: str | None = None) -> EffectiveStatus:
    """The state of one action for the latest follow-up period (or `period` if given).

    Rules, in order:
    1. The report for that period gives the status (a report without one is NO_STATUS).
    2. Without one, an earlier "genomförd" or "inställd" still holds (closed stays closed).
    3. Otherwise, if the deadline (timing.deadline; a month means its last day) is before
       `today`, the state is DEADLINE_PASSED, else NO_REPORT. Neither is a reported status.
    """
    periods = _periods(doc, action)
    if period is None:
        period = periods[-1] if periods else ""
    report = _report_for(doc, action.id, period) if period else None
    previous_period = previous_status = ""
    for earlier in reversed([p for p in periods if p < period] if period else []):
        earlier_report = _report_for(doc, action.id, earlier)
        if earlier_report is not None:
            previous_period, previous_status = earlier, _reported(earlier_report)
            break
    deadline = deadline_date(action.timing.deadline)
    deadline_text = swedish_date(action.timing.deadline)
    passed = deadline is not None and deadline < today
    common: dict[str, Any] = dict(action_id=action.id, deadline=deadline, previous_period=previous_period,
                  previous_status=previous_status)
    if report is not None:
        status = _reported(report)
        open_passed = passed and status not in _CLOSED
        reason = f"Rapporterad i uppföljningen för {swedish_period(period)}."
        if open_passed:
            reason += f" Tidsgränsen {deadline_text} har passerat."
        return EffectiveStatus(status=status, period=period, report=report, reported_status=status,
                               deadline_passed=open_passed, reason=reason, **common)
    if previous_status in _CLOSED:
        earlier_report = _report_for(doc, action.id, previous_period)
        return EffectiveStatus(
            status=previous_status, period=previous_period, report=earlier_report, reported_status=previous_status,
            reason=(f"Rapporterad som {previous_status} i uppföljningen för {swedish_period(previous_period)}; "
                    "inte med i senare uppföljningar."), **common)
    if not period:
        missing = "Ingen uppföljning är rapporterad för dokumentet"
    else:
        missing = f"Uppföljningen för {swedish_period(period)} redovisar inte åtgärden"
    if passed:
        return EffectiveStatus(
            status=DEADLINE_PASSED, period="", deadline_passed=True,
            reason=f"Tidsgränsen {deadline_text} har passerat. {missing}.", **common)
    return EffectiveStatus(status=NO_REPORT, period="", reason=f"{missing}.", **common)


def state_label(result: EffectiveStatus) -> str:
    """The state as a resident reads it on the action, with the deadline's date when it passed.

    "Påbörjad (2024)", "Tidsgränsen 30 juni 2024 har passerat (beräknat) – ingen uppföljning rapporterad".
    """
    if result.status == DEADLINE_PASSED:
        when = swedish_date(result.deadline.isoformat()) if result.deadline else ""
        # Computed from the build date, so it says so (the developers' rule: derived is labelled).
        return f"Tidsgränsen {when} har passerat (beräknat) – ingen uppföljning rapporterad".replace("  ", " ")
    text = result.status[:1].upper() + result.status[1:]
    if result.period:
        text += f" ({swedish_period(result.period)})"
    return text


def report_status(action: Action, doc: Document, period: str) -> str:
    """The status reported for one period exactly, or NO_REPORT (no carry-over, no deadline rule)."""
    report = _report_for(doc, action.id, period)
    return _reported(report) if report else NO_REPORT


# --- counts ---------------------------------------------------------------------------------

ROLLUP_METHOD = (
    "Så räknas läget: varje åtgärd i dokumentet räknas en gång, med den status som den senaste "
    "uppföljningen rapporterade för den. En åtgärd som rapporterats som genomförd eller inställd i en "
    "tidigare uppföljning räknas som det. En åtgärd som ingen uppföljning har rapporterat räknas som "
    "\"ingen uppföljning rapporterad\"; har dess tidsgräns (\"klar senast\"; en månad räknas till och med "
    "månadens sista dag) passerat står det \"tidsgränsen har passerat – ingen uppföljning rapporterad\". "
    "Det är inte samma sak som försenad: försenad räknas bara när en uppföljning har rapporterat det. "
    "Aktiviteter under en åtgärd räknas inte för sig."
)


@dataclass(frozen=True, slots=True)
class Rollup:
    """Counts per state for a set of actions; the one source of every number on the site.

    counts has every state in ACTION_STATES (zeros included); shares are whole percent.
    reported: actions with a status or narrative from a follow-up; late: reported as försenad;
    deadline_passed: not reported and past the deadline; missing_report: not reported at all.
    """

    total: int
    counts: dict[str, int]
    shares: dict[str, int]
    reported: int = 0
    late: int = 0
    deadline_passed: int = 0
    missing_report: int = 0
    derived: int = 0  # kept for callers of the old API: always 0

    def shown(self) -> list[str]:
        """The states that have at least one action, in display order."""
        return [s for s in ACTION_STATES if self.counts.get(s)]


@dataclass(frozen=True, slots=True)
class StatusCounts:
    """A document's counts for one follow-up period: the whole document and each area with actions."""

    period: str
    has_followup: bool
    whole: Rollup
    per_area: dict[str, Rollup] = field(default_factory=dict)
    statuses: dict[str, EffectiveStatus] = field(default_factory=dict)


def _rollup_of(results: list[EffectiveStatus]) -> Rollup:
    counts = {s: 0 for s in ACTION_STATES}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
    total = len(results)
    shares = {s: (round(n * 100 / total) if total else 0) for s, n in counts.items()}
    return Rollup(total=total, counts=counts, shares=shares,
                  reported=sum(1 for r in results if r.reported),
                  late=counts[LATE], deadline_passed=counts[DEADLINE_PASSED],
                  missing_report=sum(1 for r in results if not r.reported))


def counts(doc: Document, today: _dt.date, period: str | None = None) -> StatusCounts:
    """THE count of a document's actions per state (latest period, or `period`), whole and per area."""
    periods = _periods(doc)
    # Without a period each action takes its own latest (a round's action: its round's latest).
    results = {a.id: effective_status(a, doc, today, period) for a in doc.all_actions()}
    if period is None:
        period = periods[-1] if periods else ""
    by_area: dict[str, list[EffectiveStatus]] = {}
    for action in doc.all_actions():
        by_area.setdefault(action.area_id, []).append(results[action.id])
    per_area = {a.id: _rollup_of(by_area[a.id]) for a in doc.all_areas() if a.id in by_area}
    return StatusCounts(period=period, has_followup=bool(periods), whole=_rollup_of(list(results.values())),
                        per_area=per_area, statuses=results)


def rollup(doc: Document, today: _dt.date) -> tuple[Rollup, dict[str, Rollup]]:
    """The plan's roll-up and one per area (from `counts`, latest period)."""
    result = counts(doc, today)
    return result.whole, result.per_area


_FRAME_COLUMNS = ["action", "title", "area", "status", "period", "late", "reported", "deadline_passed"]


def status_frame(doc: Document, today: _dt.date) -> pd.DataFrame:
    """One row per action (from `counts`): id, title, area, state, period, late, reported, deadline_passed."""
    result = counts(doc, today)
    rows = [{"action": a.id, "title": a.title, "area": a.area_id, "status": result.statuses[a.id].status,
             "period": result.statuses[a.id].period, "late": result.statuses[a.id].late,
             "reported": result.statuses[a.id].reported, "deadline_passed": result.statuses[a.id].deadline_passed}
            for a in doc.all_actions()]
    return pd.DataFrame(rows, columns=_FRAME_COLUMNS)


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

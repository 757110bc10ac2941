"""Action status: only what a follow-up reported; a passed deadline is its own state, never "försenad"."""

from __future__ import annotations

import datetime as _dt

from tryggplan.model import Action, Document, FollowUp, Timing
from tryggplan.progress import status as action_status


def test_deadline_month_means_last_day():
    assert action_status.deadline_date("2024-02") == _dt.date(2024, 2, 29)  # leap year
    assert action_status.deadline_date("2024-06") == _dt.date(2024, 6, 30)
    assert action_status.deadline_date("2024-06-15") == _dt.date(2024, 6, 15)
    assert action_status.deadline_date("") is None
    assert action_status.deadline_date("2024") is None


def _status(doc, action_id, today):
    return action_status.effective_status(doc.action(action_id), doc, today)


def test_reported_status_stands_when_the_deadline_has_passed(doc, today):
    # belysning: deadline 2024-06 (30 June 2024) < 1 Feb 2025, reported "påbörjad" for 2024.
    result = _status(doc, "belysning", today)
    assert result.status == "påbörjad"
    assert result.deadline_passed is True
    assert result.period == "2024"
    assert result.reported_status == "påbörjad"
    assert "försenad" not in result.reason and "juni 2024" in result.reason


def test_before_deadline_the_reported_status_stands(doc):
    result = _status(doc, "belysning", _dt.date(2024, 6, 30))  # the deadline day itself has not passed
    assert result.status == "påbörjad"
    assert result.deadline_passed is False


def test_closed_in_earlier_period_stays_closed(doc, today):
    # trygghetsvandringar: "genomförd" 2023, not in the 2024 follow-up, deadline 2023-12-31 passed.
    result = _status(doc, "trygghetsvandringar", today)
    assert result.status == "genomförd"
    assert result.period == "2023"
    assert result.deadline_passed is False


def test_reported_late_is_not_derived(doc, today):
    result = _status(doc, "fritidsgard", today)
    assert (result.status, result.late, result.period) == ("försenad", True, "2024")


def test_no_report_for_latest_period_is_its_own_state(doc, today):
    result = _status(doc, "skolsamverkan", today)
    assert result.status == action_status.NO_REPORT == "ingen uppföljning rapporterad"
    assert result.report is None and result.period == ""
    assert (result.previous_period, result.previous_status) == ("2023", "inte påbörjad")
    assert "2024" in result.reason


def test_never_reported_and_deadline_passed_is_its_own_state_not_late(doc, today):
    result = _status(doc, "sommarjobb", today)
    assert result.status == action_status.DEADLINE_PASSED
    assert (result.late, result.reported, result.deadline_passed) == (False, False, True)
    assert "september 2024" in result.reason and "försenad" not in result.reason
    label = action_status.state_label(result)
    assert label.startswith("Tidsgränsen ") and "september 2024" in label
    assert label.endswith("har passerat (beräknat) – ingen uppföljning rapporterad")


def test_report_without_status_gets_no_invented_status():
    action = Action("a", "A", "omr", timing=Timing(deadline="2020-01"))
    doc = Document("d", "m", "plan", "D", "beslutad")
    doc.followups.append(FollowUp.from_data({"document": "d", "period": "2024",
                                             "actions": [{"action": "a", "status": "påbörjad"}]}))
    doc.followups[0].actions[0].status = ""  # a narrative entry: the follow-up gives no status
    result = action_status.effective_status(action, doc, _dt.date(2025, 1, 1))
    assert result.status == action_status.NO_STATUS and result.reported and not result.late


def test_continuous_action_without_deadline(doc, today):
    assert _status(doc, "grannsamverkan", today).status == "löpande"


def test_document_without_followups():
    action = Action("a", "A", "omr", timing=Timing(deadline="2030-01"))
    doc = Document("d", "m", "plan", "D", "beslutad")
    result = action_status.effective_status(action, doc, _dt.date(2025, 1, 1))
    assert result.status == action_status.NO_REPORT
    assert "dokumentet" in result.reason
    passed = action_status.effective_status(action, doc, _dt.date(2030, 2, 1))
    assert (passed.status, passed.late) == (action_status.DEADLINE_PASSED, False)


def test_explicit_period(doc, today):
    assert action_status.effective_status(doc.action("belysning"), doc, _dt.date(2022, 6, 1), "2022").status == "inte påbörjad"


def test_inställd_with_passed_deadline_is_not_late():
    action = Action("a", "A", "omr", timing=Timing(deadline="2020-01"))
    doc = Document("d", "m", "plan", "D", "beslutad")
    doc.followups.append(FollowUp.from_data({"document": "d", "period": "2024",
                                             "actions": [{"action": "a", "status": "inställd"}]}))
    assert action_status.effective_status(action, doc, _dt.date(2025, 1, 1)).status == "inställd"

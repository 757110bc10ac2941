"""Roll-ups per area and plan, and status changes between periods (hand-counted)."""

from __future__ import annotations

from tryggplan.progress import status as action_status


def test_plan_rollup(doc, today):
    whole, per_area = action_status.rollup(doc, today)
    # 6 actions: genomförd 1 (trygghetsvandringar, 2023), löpande 1 (grannsamverkan), påbörjad 1
    # (belysning, deadline passed but reported påbörjad), försenad 1 (fritidsgard, reported),
    # deadline passed without report 1 (sommarjobb), no report 1 (skolsamverkan).
    assert whole.total == 6
    assert whole.counts == {"genomförd": 1, "löpande": 1, "påbörjad": 1, "inte påbörjad": 0, "försenad": 1,
                            "inställd": 0, "redovisad utan status": 0,
                            "tidsgränsen har passerat – ingen uppföljning rapporterad": 1,
                            "ingen uppföljning rapporterad": 1}
    # shares: 1/6 = 16.7 -> 17
    assert whole.shares["genomförd"] == 17 and whole.shares["försenad"] == 17
    assert (whole.late, whole.deadline_passed, whole.missing_report, whole.reported) == (1, 1, 2, 4)
    assert whole.shown() == ["genomförd", "löpande", "påbörjad", "försenad", action_status.DEADLINE_PASSED,
                             action_status.NO_REPORT]
    # trygg-centrum: belysning (påbörjad), trygghetsvandringar (genomförd), grannsamverkan (löpande)
    assert per_area["trygg-centrum"].counts["försenad"] == 0
    assert per_area["trygg-centrum"].shares["genomförd"] == 33  # 1/3
    # unga: fritidsgard reported late, sommarjobb past its deadline, skolsamverkan no report
    assert per_area["unga"].late == 1 and per_area["unga"].shares["försenad"] == 33
    assert per_area["unga"].deadline_passed == 1
    assert list(per_area) == ["trygg-centrum", "unga"]


def test_counts_for_an_earlier_period(doc, today):
    result = action_status.counts(doc, today, "2023")
    assert result.period == "2023" and result.has_followup
    assert sum(result.whole.counts.values()) == result.whole.total == 6


def test_rollup_table(doc, today):
    table = action_status.rollup_table(doc, today)
    assert list(table.index) == ["trygg-centrum", "unga", "Hela dokumentet"]
    assert table.loc["Hela dokumentet", "totalt"] == 6
    assert table.loc["Hela dokumentet", "försenade"] == 1
    assert table.loc["unga", "ingen uppföljning rapporterad"] == 1


def test_status_changes(doc):
    changes = action_status.status_changes(doc)
    rows = [tuple(r) for r in changes[["from_period", "to_period", "action", "from_status", "to_status"]].itertuples(index=False)]
    assert rows == [
        ("2022", "2023", "belysning", "inte påbörjad", "påbörjad"),
        ("2022", "2023", "trygghetsvandringar", "påbörjad", "genomförd"),
        ("2022", "2023", "fritidsgard", "inte påbörjad", "påbörjad"),
        ("2022", "2023", "skolsamverkan", "ingen uppföljning rapporterad", "inte påbörjad"),
        # trygghetsvandringar genomförd 2023 and absent 2024: closed stays closed, no change.
        ("2023", "2024", "fritidsgard", "påbörjad", "försenad"),
        ("2023", "2024", "skolsamverkan", "inte påbörjad", "ingen uppföljning rapporterad"),
    ]


def test_empty_document(today):
    from tryggplan.model import Document

    whole, per_area = action_status.rollup(Document("d", "m", "plan", "D", "beslutad"), today)
    assert whole.total == 0 and per_area == {}
    assert action_status.status_changes(Document("d", "m", "plan", "D", "beslutad")).empty


def test_method_text_is_swedish_and_names_the_rules():
    assert "ingen uppföljning rapporterad" in action_status.ROLLUP_METHOD
    assert "försenad" in action_status.ROLLUP_METHOD

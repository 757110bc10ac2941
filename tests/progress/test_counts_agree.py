"""Every page that shows action counts uses action_status.counts, so the numbers agree.

Built from the fictional Exempelby fixture (it has three follow-ups with reported statuses): the
plan page with its dashboard, the latest follow-up page, the municipality page and the site
overview each carry data-tp-reported / data-tp-total, and all must equal counts().
"""

from __future__ import annotations

import re

import pytest

from tryggplan import urls
from tryggplan.progress import status as action_status
from tryggplan.settings import SiteSettings
from tryggplan.site import generate

PAIR = re.compile(r'data-tp-reported="(\d+)" data-tp-total="(\d+)"')
STATE = re.compile(r'data-tp-state="([^"]+)">(\d+)<')


@pytest.fixture(scope="module")
def pages(project, today):
    return {p.path: p.content for p in generate(project, SiteSettings(today=today))[0]}


def test_counts_agree_across_plan_followup_dashboard_and_overview(pages, doc, today):
    expected = action_status.counts(doc, today).whole
    assert expected.total == 6 and expected.reported == 4  # hand-counted in test_rollup
    pair = (str(expected.reported), str(expected.total))
    plan = pages[urls.document_page(doc)]
    latest = pages[urls.followup_page(doc, doc.latest_followup().period)]
    municipality = pages[urls.municipality_page(doc.municipality_id)]
    overview = pages["oversikt.md"]
    for name, html in (("plan", plan), ("uppföljning", latest), ("kommun", municipality), ("översikt", overview)):
        found = PAIR.findall(html)
        assert pair in found, (name, found)
    # The stacked bars on the plan page and the follow-up page show the same count per state.
    plan_states = dict(STATE.findall(plan))
    followup_states = dict(STATE.findall(latest))
    assert plan_states == followup_states == {s: str(n) for s, n in expected.counts.items() if n}
    # Never counted as late without a report; the passed deadline is its own state.
    assert plan_states["försenad"] == "1"
    assert plan_states[action_status.DEADLINE_PASSED] == "1"


def test_earlier_followup_page_counts_its_own_period(pages, doc, today):
    earlier = action_status.counts(doc, today, "2023").whole
    html = pages[urls.followup_page(doc, "2023")]
    assert (str(earlier.reported), str(earlier.total)) in PAIR.findall(html)

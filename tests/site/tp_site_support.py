"""Constants shared by the site tests (importable by name: tests/site is on sys.path)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

HERE = Path(__file__).parent
FIXTURE_PLANS = HERE / "fixtures" / "plans"
GOLDEN = HERE / "golden"
TODAY = dt.date(2025, 11, 1)
ACCESSIBILITY = {
    "organisation": "Testorganisationen", "compliance": "delvis", "known_gaps": ["En känd brist."],
    "assessment_date": "2025-10-01", "updated": "2025-10-02", "method": "Automatiska tester.",
    "contact": "tillganglighet@example.org",
}

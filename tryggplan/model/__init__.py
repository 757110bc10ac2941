"""The typed model of plan data, built from validated YAML.

Only data that passed schema validation reaches these constructors, so they trust shapes and
fill defaults. Views and the site read this model, never raw YAML.
"""

from __future__ import annotations

from tryggplan.model.common import STATUSES, TOTAL, Link, Person, Section
from tryggplan.model.followup import ActionReport, AreaReport, Entry, FollowUp, GoodExample, IndicatorComment
from tryggplan.model.indicators import Assessment, Indicator, Observation, Series, Target, Value
from tryggplan.model.organisation import Forum, Method, Municipality, Unit
from tryggplan.model.parties import ROLE_LABELS, Party, Renewal, Signatory, Signing, Source
from tryggplan.model.plan import (
    Action,
    Activity,
    Area,
    Cause,
    Decision,
    Document,
    Goal,
    Responsibility,
    Revision,
    Round,
    Timing,
)
from tryggplan.model.project import Project

__all__ = [
    "Round",
    "Source",
    "Signing",
    "Signatory",
    "Renewal",
    "Party",
    "ROLE_LABELS",
    "Observation",
    "Entry",
    "Action",
    "ActionReport",
    "Activity",
    "Area",
    "AreaReport",
    "Assessment",
    "Cause",
    "Decision",
    "Document",
    "FollowUp",
    "Forum",
    "Goal",
    "GoodExample",
    "Indicator",
    "IndicatorComment",
    "Link",
    "Method",
    "Municipality",
    "Person",
    "Project",
    "Responsibility",
    "Revision",
    "STATUSES",
    "Section",
    "Series",
    "TOTAL",
    "Target",
    "Timing",
    "Unit",
    "Value",
]

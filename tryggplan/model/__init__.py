"""The typed model of plan data, built from validated YAML.

Only data that passed schema validation reaches these constructors, so they trust shapes and
fill defaults. Views and the site read this model, never raw YAML.
"""

from __future__ import annotations

from tryggplan.model.common import STATUSES, TOTAL, Link, Person, Section
from tryggplan.model.followup import ActionReport, AreaReport, FollowUp, GoodExample, IndicatorComment
from tryggplan.model.indicators import Assessment, Indicator, Series, Target, Value
from tryggplan.model.organisation import Forum, Method, Municipality, Unit
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
    Timing,
)
from tryggplan.model.project import Project

__all__ = [
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

"""The semantic diff of two versions of plans/ as data, and the text helpers its parts share."""

from __future__ import annotations

from dataclasses import dataclass, field

from tryggplan.formatting import swedish_number
from tryggplan.problems import Problem


@dataclass(slots=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(slots=True)
class ItemChange:
    """An added, removed, changed or renamed thing (area, action, indicator, unit …)."""

    change: str  # "tillagd", "borttagen", "ändrad", "nytt-id"
    id: str
    title: str
    old_id: str = ""
    details: list[str] = field(default_factory=list)
    fields: list[FieldChange] = field(default_factory=list)


@dataclass(slots=True)
class StatusChange:
    period: str
    action: str
    title: str
    old: str  # "" when the action was not reported before
    new: str  # "" when the report was removed


@dataclass(slots=True)
class PlanDiff:
    key: str
    title: str
    municipality: str
    change: str  # "tillagd", "borttagen", "ändrad", "oläslig"
    summary: str = ""  # for a whole document added or removed: what it holds
    metadata: list[FieldChange] = field(default_factory=list)
    areas: list[ItemChange] = field(default_factory=list)
    actions: list[ItemChange] = field(default_factory=list)
    followups: list[ItemChange] = field(default_factory=list)
    statuses: list[StatusChange] = field(default_factory=list)
    indicators: list[ItemChange] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.metadata or self.areas or self.actions or self.followups or self.statuses
                    or self.indicators) and self.change == "ändrad"


@dataclass(slots=True)
class OrganisationDiff:
    municipality: str
    name: str
    change: str
    metadata: list[FieldChange] = field(default_factory=list)
    units: list[ItemChange] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.metadata or self.units) and self.change == "ändrad"


@dataclass(slots=True)
class DiffResult:
    base: str
    head: str
    base_problems: list[Problem] = field(default_factory=list)
    head_problems: list[Problem] = field(default_factory=list)
    organisations: list[OrganisationDiff] = field(default_factory=list)
    plans: list[PlanDiff] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(self.organisations or self.plans)



# Rendering values


def display_text(value) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, (int, float)):
        return swedish_number(value)
    if isinstance(value, list):
        return ", ".join(display_text(v) for v in value) if value else "–"
    return " ".join(str(value).split())


def shorten(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def shorten_pair(old: str, new: str, limit: int = 90) -> tuple[str, str]:
    """Shorten two long texts around their first difference so the change stays visible."""
    if len(old) <= limit and len(new) <= limit:
        return old, new
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    start = max(0, start - 30)
    prefix = "…" if start else ""
    return prefix + shorten(old[start:], limit), prefix + shorten(new[start:], limit)



def count_text(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"

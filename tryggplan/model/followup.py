"""Follow-up reports per period: action reports, area reports, indicator comments."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tryggplan.model.common import Link, Person, Section
from tryggplan.model.parties import Source


@dataclass(slots=True)
class ActionReport:
    action: str
    status: str
    done: str = ""
    next: str = ""
    obstacles: str = ""
    reported_by: Person | None = None
    reported_at: str = ""
    remark: str = ""
    editorial_note: str = ""
    rating: str = ""


@dataclass(slots=True)
class Entry:
    """A narrative follow-up entry: text and links to zero or more actions, and no status."""

    text: str
    heading: str = ""
    actions: list[str] = field(default_factory=list)
    source_url: str = ""
    remark: str = ""
    editorial_note: str = ""


@dataclass(slots=True)
class GoodExample:
    body: str
    title: str = ""


@dataclass(slots=True)
class AreaReport:
    area: str
    focus: str = ""
    strategies: list[str] = field(default_factory=list)
    assessment: str = ""
    good_examples: list[GoodExample] = field(default_factory=list)
    agenda2030: list[int] = field(default_factory=list)
    related_documents: list[Link] = field(default_factory=list)


@dataclass(slots=True)
class IndicatorComment:
    indicator: str
    comment: str
    heading: str = ""


@dataclass(slots=True)
class FollowUp:
    document_id: str
    period: str
    title: str = ""
    reported_body: str = ""
    reported_date: str = ""
    reported_by: Person | None = None
    reported_diarienummer: str = ""
    summary: str = ""
    sections: list[Section] = field(default_factory=list)
    indicators: list[IndicatorComment] = field(default_factory=list)
    areas: list[AreaReport] = field(default_factory=list)
    actions: list[ActionReport] = field(default_factory=list)
    remark: str = ""
    editorial_note: str = ""
    source_file: str = ""
    round: str = ""
    entries: list[Entry] = field(default_factory=list)
    source: Source | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any], source_file: str = "") -> FollowUp:
        reported = data.get("reported") or {}
        return cls(
            document_id=data["document"], period=data["period"], title=data.get("title", ""),
            reported_body=reported.get("body", ""), reported_date=reported.get("date", ""),
            reported_by=Person.from_data(reported.get("by")),
            reported_diarienummer=reported.get("diarienummer", ""), summary=data.get("summary", ""),
            sections=[Section.from_data(s) for s in data.get("sections", [])],
            indicators=[IndicatorComment(i["indicator"], i["comment"], i.get("heading", ""))
                        for i in data.get("indicators", [])],
            areas=[AreaReport(
                a["area"], a.get("focus", ""), list(a.get("strategies", [])), a.get("assessment", ""),
                [GoodExample(g["body"], g.get("title", "")) for g in a.get("good_examples", [])],
                list(a.get("agenda2030", [])), [Link.from_data(link) for link in a.get("related_documents", [])],
            ) for a in data.get("areas", [])],
            actions=[ActionReport(
                r["action"], r["status"], r.get("done", ""), r.get("next", ""), r.get("obstacles", ""),
                Person.from_data(r.get("reported_by")), r.get("reported_at", ""), r.get("remark", ""), editorial_note=r.get("editorial_note", ""),
                rating=r.get("rating", ""),
            ) for r in data.get("actions", [])],
            remark=data.get("remark", ""), editorial_note=data.get("editorial_note", ""), source_file=source_file,
            round=data.get("round", ""),
            entries=[Entry(e["text"], e.get("heading", ""), list(e.get("actions", [])), e.get("source_url", ""),
                           e.get("remark", ""), e.get("editorial_note", "")) for e in data.get("entries", [])],
            source=Source.from_data(data.get("source")),
        )

    def entry_count(self) -> int:
        return len(self.actions) + len(self.areas) + len(self.entries)

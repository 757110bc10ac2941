"""Indicators with value series, targets and assessments."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tryggplan.model.common import TOTAL, Person


@dataclass(slots=True)
class Value:
    period: str
    value: float | None
    preliminary: bool = False
    remark: str = ""
    editorial_note: str = ""
    source_url: str = ""

    @property
    def year(self) -> int:
        """The year the period ends in (2022 for 2021-12--2022-02)."""
        return int(self.period.rpartition("--")[2][:4])


@dataclass(slots=True)
class Series:
    breakdown: str
    comparison: str
    values: list[Value]
    label: str = ""
    remark: str = ""
    editorial_note: str = ""

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Series:
        values = [Value(v["period"], v.get("value"), bool(v.get("preliminary", False)), v.get("remark", ""), editorial_note=v.get("editorial_note", ""),
                        source_url=v.get("source_url", ""))
                  for v in data.get("values", [])]
        values.sort(key=lambda v: v.period)
        return cls(data.get("breakdown", TOTAL), data.get("comparison", "kommun"), values,
                   data.get("label", ""), data.get("remark", ""), editorial_note=data.get("editorial_note", ""))


@dataclass(slots=True)
class Observation:
    """A qualitative outcome for a period: a trend statement or a yes/no answer, stored as the source says it."""

    period: str
    statement: str
    trend: str = ""
    compared_with: str = ""
    answer: bool | None = None
    list: str = ""
    source_name: str = ""
    source_url: str = ""
    remark: str = ""
    editorial_note: str = ""

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Observation:
        return cls(data["period"], data["statement"], data.get("trend", ""), data.get("compared_with", ""),
                   data.get("answer"), data.get("list", ""), data.get("source_name", ""),
                   data.get("source_url", ""), data.get("remark", ""), data.get("editorial_note", ""))


@dataclass(slots=True)
class Target:
    kind: str
    text: str
    value: float | None = None
    year: int | None = None
    breakdown: str = TOTAL
    baseline_period: str = ""
    baseline_value: float | None = None
    remark: str = ""
    editorial_note: str = ""

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Target:
        baseline = data.get("baseline") or {}
        return cls(data["kind"], data["text"], data.get("value"), data.get("year"),
                   data.get("breakdown", TOTAL), baseline.get("period", ""), baseline.get("value"),
                   data.get("remark", ""), editorial_note=data.get("editorial_note", ""))


@dataclass(slots=True)
class Assessment:
    status: str
    justification: str
    date: str = ""
    by: Person | None = None


@dataclass(slots=True)
class Indicator:
    id: str
    name: str
    document_id: str
    source_kind: str
    unit: str
    source_name: str = ""
    kolada_kpi: str = ""
    source_url: str = ""
    group: str = ""
    definition: str = ""
    area: str = ""
    direction: str = "none"
    breakdowns: dict[str, str] = field(default_factory=dict)
    frequency: str = ""
    series: list[Series] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    assessment: Assessment | None = None
    agenda2030: list[int] = field(default_factory=list)
    remark: str = ""
    editorial_note: str = ""

    @classmethod
    def from_data(cls, data: dict[str, Any], document_id: str) -> Indicator:
        source = data.get("source") or {}
        assessment = data.get("assessment")
        breakdowns = {TOTAL: "Totalt"}
        breakdowns.update({b["id"]: b["label"] for b in data.get("breakdowns", [])})
        return cls(
            id=data["id"], name=data["name"], document_id=document_id, source_kind=source.get("kind", ""),
            unit=data["unit"], source_name=source.get("name", ""), kolada_kpi=source.get("kolada_kpi", ""),
            source_url=source.get("url", ""), group=data.get("group", ""),
            definition=data.get("definition", ""), area=data.get("area", ""),
            direction=data.get("direction", "none"), breakdowns=breakdowns,
            frequency=data.get("frequency", ""),
            series=[Series.from_data(s) for s in data.get("series", [])],
            targets=[Target.from_data(t) for t in data.get("targets", [])],
            observations=sorted((Observation.from_data(o) for o in data.get("observations", [])),
                                key=lambda o: o.period),
            assessment=Assessment(assessment["status"], assessment["justification"],
                                  assessment.get("date", ""), Person.from_data(assessment.get("by")))
            if assessment else None,
            agenda2030=list(data.get("agenda2030", [])), remark=data.get("remark", ""), editorial_note=data.get("editorial_note", ""),
        )

    def value_count(self) -> int:
        return sum(1 for s in self.series for v in s.values if v.value is not None)

"""The typed model of plan data, built from validated YAML.

Only data that passed schema validation reaches these constructors, so they trust shapes and
fill defaults. Views and the site read this model, never raw YAML.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

TOTAL = "totalt"
STATUSES = ("inte påbörjad", "påbörjad", "genomförd", "försenad", "inställd", "löpande")


@dataclass(slots=True)
class Person:
    role: str = ""
    unit: str = ""
    person_name: str = ""

    @classmethod
    def from_data(cls, data: dict | None) -> Person | None:
        if not data:
            return None
        return cls(data.get("role", ""), data.get("unit", ""), data.get("person_name", ""))


@dataclass(slots=True)
class Link:
    title: str
    document: str = ""
    url: str = ""
    description: str = ""

    @classmethod
    def from_data(cls, data: dict) -> Link:
        return cls(data["title"], data.get("document", ""), data.get("url", ""), data.get("description", ""))


@dataclass(slots=True)
class Section:
    id: str
    title: str
    body: str
    sections: list[Section] = field(default_factory=list)

    @classmethod
    def from_data(cls, data: dict) -> Section:
        return cls(data["id"], data["title"], data["body"],
                   [cls.from_data(s) for s in data.get("sections", [])])

    def walk(self) -> Iterator[Section]:
        yield self
        for sub in self.sections:
            yield from sub.walk()


@dataclass(slots=True)
class Responsibility:
    lead: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    description: str = ""

    @classmethod
    def from_data(cls, data: dict | None) -> Responsibility:
        data = data or {}
        return cls(list(data.get("lead", [])), list(data.get("participants", [])), data.get("description", ""))

    @property
    def all(self) -> list[str]:
        return self.lead + [p for p in self.participants if p not in self.lead]

    def __bool__(self) -> bool:
        return bool(self.lead or self.participants or self.description)


@dataclass(slots=True)
class Timing:
    start: str = ""
    deadline: str = ""
    recurrence: str = ""
    continuous: bool = False
    text: str = ""

    @classmethod
    def from_data(cls, data: dict | None) -> Timing:
        data = data or {}
        return cls(data.get("start", ""), data.get("deadline", ""), data.get("recurrence", ""),
                   bool(data.get("continuous", False)), data.get("text", ""))

    def __bool__(self) -> bool:
        return bool(self.start or self.deadline or self.recurrence or self.continuous or self.text)


@dataclass(slots=True)
class Goal:
    id: str
    text: str
    indicators: list[str] = field(default_factory=list)
    measurement: str = ""
    remark: str = ""

    @classmethod
    def from_data(cls, data: dict) -> Goal:
        return cls(data["id"], data["text"], list(data.get("indicators", [])),
                   data.get("measurement", ""), data.get("remark", ""))


@dataclass(slots=True)
class Cause:
    id: str
    text: str
    number: int | None = None
    remark: str = ""

    @classmethod
    def from_data(cls, data: dict) -> Cause:
        return cls(data["id"], data["text"], data.get("number"), data.get("remark", ""))


@dataclass(slots=True)
class Activity:
    id: str
    title: str
    responsible: Responsibility
    responsible_text: str = ""
    timing: Timing = field(default_factory=Timing)
    remark: str = ""

    @classmethod
    def from_data(cls, data: dict) -> Activity:
        return cls(data["id"], data["title"], Responsibility.from_data(data.get("responsible")),
                   data.get("responsible_text", ""), Timing.from_data(data.get("timing")),
                   data.get("remark", ""))


@dataclass(slots=True)
class Action:
    id: str
    title: str
    area_id: str
    label: str = ""
    description: str = ""
    goals: list[str] = field(default_factory=list)
    causes: list[str] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    responsible: Responsibility = field(default_factory=Responsibility)
    responsible_text: str = ""
    partners: list[str] = field(default_factory=list)
    timing: Timing = field(default_factory=Timing)
    work_type: str = ""
    prevention: list[str] = field(default_factory=list)
    detailed_plan_proposal: str = ""
    methods: list[str] = field(default_factory=list)
    forums: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    followup_plan: str = ""
    remark: str = ""

    @classmethod
    def from_data(cls, data: dict, area_id: str) -> Action:
        return cls(
            id=data["id"], title=data["title"], area_id=area_id, label=data.get("label", ""),
            description=data.get("description", ""), goals=list(data.get("goals", [])),
            causes=list(data.get("causes", [])),
            activities=[Activity.from_data(a) for a in data.get("activities", [])],
            responsible=Responsibility.from_data(data.get("responsible")),
            responsible_text=data.get("responsible_text", ""), partners=list(data.get("partners", [])),
            timing=Timing.from_data(data.get("timing")), work_type=data.get("work_type", ""),
            prevention=list(data.get("prevention", [])),
            detailed_plan_proposal=data.get("detailed_plan_proposal", ""),
            methods=list(data.get("methods", [])), forums=list(data.get("forums", [])),
            indicators=list(data.get("indicators", [])), followup_plan=data.get("followup_plan", ""),
            remark=data.get("remark", ""),
        )

    def units(self) -> list[str]:
        """Every unit or partner id responsible for the action or one of its activities, lead first."""
        seen: dict[str, None] = {}
        for unit in self.responsible.all:
            seen.setdefault(unit)
        for activity in self.activities:
            for unit in activity.responsible.all:
                seen.setdefault(unit)
        for partner in self.partners:
            seen.setdefault(partner)
        return list(seen)

    def role_of(self, unit: str) -> str:
        """'lead', 'participant' or '' for a unit, counting activities too."""
        if unit in self.responsible.lead or any(unit in a.responsible.lead for a in self.activities):
            return "lead"
        if (unit in self.responsible.participants or unit in self.partners
                or any(unit in a.responsible.participants for a in self.activities)):
            return "participant"
        return ""


@dataclass(slots=True)
class Area:
    id: str
    title: str
    kind: str = ""
    description: str = ""
    situation: str = ""
    definitions: str = ""
    goals: list[Goal] = field(default_factory=list)
    causes: list[Cause] = field(default_factory=list)
    action_summary: list[str] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    agenda2030: list[int] = field(default_factory=list)
    remark: str = ""
    parent_id: str = ""

    @classmethod
    def from_data(cls, data: dict, parent_id: str = "") -> Area:
        area_id = data["id"]
        return cls(
            id=area_id, title=data["title"], kind=data.get("kind", ""),
            description=data.get("description", ""), situation=data.get("situation", ""),
            definitions=data.get("definitions", ""),
            goals=[Goal.from_data(g) for g in data.get("goals", [])],
            causes=[Cause.from_data(c) for c in data.get("causes", [])],
            action_summary=list(data.get("action_summary", [])),
            actions=[Action.from_data(a, area_id) for a in data.get("actions", [])],
            areas=[cls.from_data(a, area_id) for a in data.get("areas", [])],
            indicators=list(data.get("indicators", [])), agenda2030=list(data.get("agenda2030", [])),
            remark=data.get("remark", ""), parent_id=parent_id,
        )

    def walk(self) -> Iterator[Area]:
        yield self
        for sub in self.areas:
            yield from sub.walk()

    def all_actions(self) -> list[Action]:
        return [action for area in self.walk() for action in area.actions]


@dataclass(slots=True)
class Value:
    period: str
    value: float | None
    preliminary: bool = False
    remark: str = ""

    @property
    def year(self) -> int:
        return int(self.period[:4])


@dataclass(slots=True)
class Series:
    breakdown: str
    comparison: str
    values: list[Value]
    label: str = ""
    remark: str = ""

    @classmethod
    def from_data(cls, data: dict) -> Series:
        values = [Value(v["period"], v.get("value"), bool(v.get("preliminary", False)), v.get("remark", ""))
                  for v in data.get("values", [])]
        values.sort(key=lambda v: v.period)
        return cls(data.get("breakdown", TOTAL), data.get("comparison", "kommun"), values,
                   data.get("label", ""), data.get("remark", ""))


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

    @classmethod
    def from_data(cls, data: dict) -> Target:
        baseline = data.get("baseline") or {}
        return cls(data["kind"], data["text"], data.get("value"), data.get("year"),
                   data.get("breakdown", TOTAL), baseline.get("period", ""), baseline.get("value"),
                   data.get("remark", ""))


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
    assessment: Assessment | None = None
    agenda2030: list[int] = field(default_factory=list)
    remark: str = ""

    @classmethod
    def from_data(cls, data: dict, document_id: str) -> Indicator:
        source = data["source"]
        assessment = data.get("assessment")
        breakdowns = {TOTAL: "Totalt"}
        breakdowns.update({b["id"]: b["label"] for b in data.get("breakdowns", [])})
        return cls(
            id=data["id"], name=data["name"], document_id=document_id, source_kind=source["kind"],
            unit=data["unit"], source_name=source.get("name", ""), kolada_kpi=source.get("kolada_kpi", ""),
            source_url=source.get("url", ""), group=data.get("group", ""),
            definition=data.get("definition", ""), area=data.get("area", ""),
            direction=data.get("direction", "none"), breakdowns=breakdowns,
            frequency=data.get("frequency", ""),
            series=[Series.from_data(s) for s in data.get("series", [])],
            targets=[Target.from_data(t) for t in data.get("targets", [])],
            assessment=Assessment(assessment["status"], assessment["justification"],
                                  assessment.get("date", ""), Person.from_data(assessment.get("by")))
            if assessment else None,
            agenda2030=list(data.get("agenda2030", [])), remark=data.get("remark", ""),
        )

    def value_count(self) -> int:
        return sum(1 for s in self.series for v in s.values if v.value is not None)


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
    source_file: str = ""

    @classmethod
    def from_data(cls, data: dict, source_file: str = "") -> FollowUp:
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
                Person.from_data(r.get("reported_by")), r.get("reported_at", ""), r.get("remark", ""),
            ) for r in data.get("actions", [])],
            remark=data.get("remark", ""), source_file=source_file,
        )

    def entry_count(self) -> int:
        return len(self.actions) + len(self.areas)


@dataclass(slots=True)
class Decision:
    body: str = ""
    date: str = ""
    paragraph: str = ""
    diarienummer: str = ""
    text: str = ""

    def __bool__(self) -> bool:
        return bool(self.body or self.date or self.paragraph or self.diarienummer or self.text)


@dataclass(slots=True)
class Revision:
    date: str
    description: str
    paragraph: str = ""
    diarienummer: str = ""
    changed_by: Person | None = None


@dataclass(slots=True)
class Document:
    id: str
    municipality_id: str
    kind: str
    title: str
    status: str
    short_title: str = ""
    organisation_unit: str = ""
    summary: str = ""
    diarienummer: str = ""
    document_date: str = ""
    decision: Decision = field(default_factory=Decision)
    replaces: dict = field(default_factory=dict)
    validity_start: str = ""
    validity_end: str = ""
    validity_text: str = ""
    owner: Person | None = None
    responsible: Person | None = None
    updated_by: Person | None = None
    created_by: Person | None = None
    author_date: str = ""
    revise_by: str = ""
    governance: dict = field(default_factory=dict)
    revisions: list[Revision] = field(default_factory=list)
    legal_basis: list[Link] = field(default_factory=list)
    related_documents: list[Link] = field(default_factory=list)
    parent: str = ""
    child_documents: list[Link] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    indicator_ids: list[str] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)
    remark: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    followups: list[FollowUp] = field(default_factory=list)
    source_files: list[str] = field(default_factory=list)

    @classmethod
    def from_data(cls, data: dict) -> Document:
        decision = data.get("decision") or {}
        validity = data.get("validity") or {}
        return cls(
            id=data["id"], municipality_id=data["municipality"], kind=data["kind"], title=data["title"],
            status=data["status"], short_title=data.get("short_title", ""),
            organisation_unit=data.get("organisation_unit", ""), summary=data.get("summary", ""),
            diarienummer=data.get("diarienummer", ""), document_date=data.get("document_date", ""),
            decision=Decision(decision.get("body", ""), decision.get("date", ""), decision.get("paragraph", ""),
                              decision.get("diarienummer", ""), decision.get("text", "")),
            replaces=dict(data.get("replaces") or {}),
            validity_start=validity.get("start", ""), validity_end=validity.get("end", ""),
            validity_text=validity.get("text", ""),
            owner=Person.from_data(data.get("owner")), responsible=Person.from_data(data.get("responsible")),
            updated_by=Person.from_data(data.get("updated_by")), created_by=Person.from_data(data.get("created_by")),
            author_date=data.get("author_date", ""), revise_by=data.get("revise_by", ""),
            governance=dict(data.get("governance") or {}),
            revisions=[Revision(r["date"], r["description"], r.get("paragraph", ""), r.get("diarienummer", ""),
                                Person.from_data(r.get("changed_by"))) for r in data.get("revisions", [])],
            legal_basis=[Link.from_data(x) for x in data.get("legal_basis", [])],
            related_documents=[Link.from_data(x) for x in data.get("related_documents", [])],
            parent=data.get("parent", ""),
            child_documents=[Link.from_data(x) for x in data.get("child_documents", [])],
            sections=[Section.from_data(s) for s in data.get("sections", [])],
            goals=[Goal.from_data(g) for g in data.get("goals", [])],
            indicator_ids=list(data.get("indicators", [])),
            areas=[Area.from_data(a) for a in data.get("areas", [])],
            remark=data.get("remark", ""),
        )

    @property
    def key(self) -> str:
        return f"{self.municipality_id}/{self.id}"

    @property
    def display_title(self) -> str:
        return self.short_title or self.title

    def all_areas(self) -> list[Area]:
        return [area for top in self.areas for area in top.walk()]

    def all_actions(self) -> list[Action]:
        return [action for area in self.all_areas() for action in area.actions]

    def all_causes(self) -> list[Cause]:
        return [cause for area in self.all_areas() for cause in area.causes]

    def action(self, action_id: str) -> Action | None:
        for action in self.all_actions():
            if action.id == action_id:
                return action
        return None

    def area(self, area_id: str) -> Area | None:
        for area in self.all_areas():
            if area.id == area_id:
                return area
        return None

    def indicator(self, indicator_id: str) -> Indicator | None:
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        return None

    def latest_followup(self) -> FollowUp | None:
        return max(self.followups, key=lambda f: f.period) if self.followups else None


@dataclass(slots=True)
class Unit:
    id: str
    name: str
    kind: str
    abbreviation: str = ""
    parent: str = ""
    description: str = ""
    source: str = ""
    remark: str = ""
    external: bool = False

    @property
    def label(self) -> str:
        return self.abbreviation or self.name


@dataclass(slots=True)
class Forum:
    id: str
    name: str
    abbreviation: str = ""
    purpose: str = ""
    tasks: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    members_description: str = ""
    convenor: list[str] = field(default_factory=list)
    chair: list[str] = field(default_factory=list)
    reports_to: str = ""
    frequency: str = ""
    methods: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    remark: str = ""


@dataclass(slots=True)
class Method:
    id: str
    name: str
    abbreviation: str = ""
    description: str = ""
    prevention: list[str] = field(default_factory=list)
    url: str = ""
    documents: list[str] = field(default_factory=list)
    remark: str = ""


@dataclass(slots=True)
class Municipality:
    id: str
    name: str
    code: str
    website: str = ""
    remark: str = ""
    units: dict[str, Unit] = field(default_factory=dict)
    forums: dict[str, Forum] = field(default_factory=dict)
    methods: dict[str, Method] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: dict) -> Municipality:
        muni = data["municipality"]
        result = cls(muni["id"], muni["name"], muni["code"], muni.get("website", ""), muni.get("remark", ""))
        for unit in data.get("units", []):
            result.units[unit["id"]] = Unit(
                unit["id"], unit["name"], unit["kind"], unit.get("abbreviation", ""), unit.get("parent", ""),
                unit.get("description", ""), unit.get("source", ""), unit.get("remark", ""))
        for partner in data.get("partners", []):
            result.units[partner["id"]] = Unit(
                partner["id"], partner["name"], partner["kind"], partner.get("abbreviation", ""), "",
                partner.get("description", ""), "", partner.get("remark", ""), external=True)
        for forum in data.get("forums", []):
            result.forums[forum["id"]] = Forum(
                forum["id"], forum["name"], forum.get("abbreviation", ""), forum.get("purpose", ""),
                list(forum.get("tasks", [])), list(forum.get("members", [])),
                forum.get("members_description", ""), list(forum.get("convenor", [])),
                list(forum.get("chair", [])), forum.get("reports_to", ""), forum.get("frequency", ""), list(forum.get("methods", [])),
                list(forum.get("documents", [])), forum.get("remark", ""))
        for method in data.get("methods", []):
            result.methods[method["id"]] = Method(
                method["id"], method["name"], method.get("abbreviation", ""), method.get("description", ""),
                list(method.get("prevention", [])), method.get("url", ""), list(method.get("documents", [])),
                method.get("remark", ""))
        return result

    def unit(self, unit_id: str) -> Unit | None:
        return self.units.get(unit_id)


@dataclass(slots=True)
class Project:
    """Every municipality under plans/, with documents, indicators and follow-ups attached."""

    municipalities: dict[str, Municipality] = field(default_factory=dict)

    def documents(self) -> list[Document]:
        return [doc for muni in self.municipalities.values() for doc in muni.documents.values()]

    def document(self, ref: str, municipality_id: str = "") -> Document | None:
        muni_id, _, doc_id = ref.rpartition("/")
        muni = self.municipalities.get(muni_id or municipality_id)
        return muni.documents.get(doc_id) if muni else None

"""The plan document: areas, goals, causes, actions, activities, decisions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tryggplan.model.common import Link, Person, Section
from tryggplan.model.followup import FollowUp
from tryggplan.model.indicators import Indicator
from tryggplan.model.parties import Party, Renewal, Signing, Source


@dataclass(slots=True)
class Responsibility:
    lead: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    description: str = ""

    @classmethod
    def from_data(cls, data: dict[str, Any] | None) -> Responsibility:
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
    def from_data(cls, data: dict[str, Any] | None) -> Timing:
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
    editorial_note: str = ""

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Goal:
        return cls(data["id"], data["text"], list(data.get("indicators", [])),
                   data.get("measurement", ""), data.get("remark", ""), editorial_note=data.get("editorial_note", ""))


@dataclass(slots=True)
class Cause:
    id: str
    text: str
    number: int | None = None
    remark: str = ""
    editorial_note: str = ""
    number_assigned: bool = False

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Cause:
        return cls(data["id"], data["text"], data.get("number"), data.get("remark", ""),
                   editorial_note=data.get("editorial_note", ""),
                   number_assigned=bool(data.get("number_assigned", False)))


@dataclass(slots=True)
class Activity:
    id: str
    title: str
    responsible: Responsibility
    responsible_text: str = ""
    timing: Timing = field(default_factory=Timing)
    remark: str = ""
    editorial_note: str = ""

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Activity:
        return cls(data["id"], data["title"], Responsibility.from_data(data.get("responsible")),
                   data.get("responsible_text", ""), Timing.from_data(data.get("timing")),
                   data.get("remark", ""), editorial_note=data.get("editorial_note", ""))


@dataclass(slots=True)
class Action:
    id: str
    title: str
    area_id: str
    round_id: str = ""
    label: str = ""
    description: str = ""
    goals: list[str] = field(default_factory=list)
    operational_goal: str = ""
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
    editorial_note: str = ""

    @classmethod
    def from_data(cls, data: dict[str, Any], area_id: str, round_id: str = "") -> Action:
        return cls(
            id=data["id"], title=data["title"], area_id=area_id, round_id=round_id, label=data.get("label", ""),
            description=data.get("description", ""), goals=list(data.get("goals", [])),
            operational_goal=data.get("operational_goal", ""),
            causes=list(data.get("causes", [])),
            activities=[Activity.from_data(a) for a in data.get("activities", [])],
            responsible=Responsibility.from_data(data.get("responsible")),
            responsible_text=data.get("responsible_text", ""), partners=list(data.get("partners", [])),
            timing=Timing.from_data(data.get("timing")), work_type=data.get("work_type", ""),
            prevention=list(data.get("prevention", [])),
            detailed_plan_proposal=data.get("detailed_plan_proposal", ""),
            methods=list(data.get("methods", [])), forums=list(data.get("forums", [])),
            indicators=list(data.get("indicators", [])), followup_plan=data.get("followup_plan", ""),
            remark=data.get("remark", ""), editorial_note=data.get("editorial_note", ""),
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
    editorial_note: str = ""
    parent_id: str = ""
    order: list[str] = field(default_factory=list)

    @classmethod
    def from_data(cls, data: dict[str, Any], parent_id: str = "") -> Area:
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
            remark=data.get("remark", ""), editorial_note=data.get("editorial_note", ""), parent_id=parent_id,
            order=list(data.get("order", [])),
        )

    def walk(self) -> Iterator[Area]:
        yield self
        for sub in self.areas:
            yield from sub.walk()

    def all_actions(self) -> list[Action]:
        return [action for area in self.walk() for action in area.actions]

    def outline(self) -> list[tuple[str, Any]]:
        """The area's parts in source order: ("text", field name), ("action", Action) or ("area", Area).

        Without an explicit order: the text fields, then the actions, then the sub-areas."""
        texts = ["description", "situation", "definitions", "goals", "causes", "action_summary"]
        default: list[tuple[str, Any]] = [("text", name) for name in texts]
        default += [("action", a) for a in self.actions] + [("area", a) for a in self.areas]
        if not self.order:
            return default
        by_key: dict[str, tuple[str, Any]] = {name: ("text", name) for name in texts}
        by_key.update({a.id: ("action", a) for a in self.actions})
        by_key.update({a.id: ("area", a) for a in self.areas})
        ordered = [by_key.pop(key) for key in self.order if key in by_key]
        return ordered + [item for item in default if item in by_key.values()]


@dataclass(slots=True)
class Round:
    """One round (omgång) of a rolling document: its own period, inriktning and actions."""

    id: str
    period: str
    title: str = ""
    focus: str = ""
    actions: list[Action] = field(default_factory=list)
    remark: str = ""
    editorial_note: str = ""

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Round:
        round_id = data["id"]
        return cls(round_id, data["period"], data.get("title", ""), data.get("focus", ""),
                   [Action.from_data(a, "", round_id) for a in data.get("actions", [])],
                   data.get("remark", ""), data.get("editorial_note", ""))


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
    replaces: dict[str, Any] = field(default_factory=dict)
    validity_start: str = ""
    validity_end: str = ""
    validity_text: str = ""
    owner: Person | None = None
    responsible: Person | None = None
    updated_by: Person | None = None
    created_by: Person | None = None
    author_date: str = ""
    revise_by: str = ""
    governance: dict[str, Any] = field(default_factory=dict)
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
    editorial_note: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    followups: list[FollowUp] = field(default_factory=list)
    source_files: list[str] = field(default_factory=list)
    source: Source | None = None
    parties: list[Party] = field(default_factory=list)
    signed: Signing | None = None
    renewal: Renewal | None = None
    rounds: list[Round] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    order: list[str] = field(default_factory=list)
    goals_section: str = ""  # the section whose text introduces the goals (they follow it)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Document:
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
            source=Source.from_data(data.get("source")),
            parties=[Party.from_data(p) for p in data.get("parties", [])],
            signed=Signing.from_data(data.get("signed")), renewal=Renewal.from_data(data.get("renewal")),
            rounds=[Round.from_data(r) for r in data.get("rounds", [])],
            actions=[Action.from_data(a, "") for a in data.get("actions", [])],
            order=list(data.get("order", [])),
            goals_section=data.get("goals_section", ""),
            remark=data.get("remark", ""), editorial_note=data.get("editorial_note", ""),
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
        """Every action: those directly under the document, in areas, and in rounds."""
        return (list(self.actions) + [action for area in self.all_areas() for action in area.actions]
                + [action for rnd in self.rounds for action in rnd.actions])

    def municipality_ids(self) -> list[str]:
        """The municipality whose folder holds the document, then every other municipality that is a party."""
        ids = [self.municipality_id]
        for party in self.parties:
            if party.municipality and party.municipality not in ids:
                ids.append(party.municipality)
        return ids

    def is_joint(self) -> bool:
        return len(self.municipality_ids()) > 1

    def round(self, round_id: str) -> Round | None:
        return next((r for r in self.rounds if r.id == round_id), None)

    def rounds_newest_first(self) -> list[Round]:
        """The rounds with the current (latest-starting) one first; periods sort by their start."""
        return sorted(self.rounds, key=lambda r: r.period, reverse=True)

    def outline(self) -> list[tuple[str, Any]]:
        """Sections, areas and the document's own actions in source order: ("section", Section),
        ("area", Area) or ("actions", list of Action). Without an explicit order: sections, areas, actions."""
        default: list[tuple[str, Any]] = [("section", s) for s in self.sections] + [("area", a) for a in self.areas]
        if self.actions:
            default.append(("actions", self.actions))
        if not self.order:
            return default
        by_key: dict[str, tuple[str, Any]] = {s.id: ("section", s) for s in self.sections}
        by_key.update({a.id: ("area", a) for a in self.areas})
        if self.actions:
            by_key["actions"] = ("actions", self.actions)
        ordered = [by_key.pop(key) for key in self.order if key in by_key]
        return ordered + [item for item in default if item in by_key.values()]

    def editorial_notes(self) -> list[tuple[str, str]]:
        """Every editorial note of the document, its indicators and follow-ups, as (where, note) in page
        order, for the collapsed "Om uppgifterna" block. Notes are Markdown; `where` is plain Swedish text."""
        notes: list[tuple[str, str]] = [("Dokumentet", self.editorial_note)]

        def section(sec: Section) -> None:
            notes.append((f"Avsnittet {sec.title}", sec.editorial_note))
            for sub in sec.sections:
                section(sub)

        def action(act: Action) -> None:
            notes.append((f"Åtgärden {act.title}", act.editorial_note))
            notes.extend((f"Aktiviteten {a.title}", a.editorial_note) for a in act.activities)

        for sec in self.sections:
            section(sec)
        notes.extend((f"Målet {g.text}", g.editorial_note) for g in self.goals)
        for area in self.all_areas():
            notes.append((f"Området {area.title}", area.editorial_note))
            notes.extend((f"Målet {g.text}", g.editorial_note) for g in area.goals)
            notes.extend((f"Orsaken {c.text}", c.editorial_note) for c in area.causes)
            for act in area.actions:
                action(act)
        for act in self.actions:
            action(act)
        notes.extend((f"Parten {p.label or p.name or p.municipality or p.organisation}", p.editorial_note)
                     for p in self.parties)
        for rnd in self.rounds:
            notes.append((f"Omgången {rnd.title or rnd.period}", rnd.editorial_note))
            for act in rnd.actions:
                action(act)
        for ind in self.indicators:
            notes.append((f"Indikatorn {ind.name}", ind.editorial_note))
            for series in ind.series:
                notes.append((f"Indikatorn {ind.name}, serie {series.label or series.breakdown}", series.editorial_note))
                notes.extend((f"Indikatorn {ind.name}, värdet för {v.period}", v.editorial_note) for v in series.values)
            notes.extend((f"Indikatorn {ind.name}, målet {t.text}", t.editorial_note) for t in ind.targets)
            notes.extend((f"Indikatorn {ind.name}, iakttagelsen {o.period}", o.editorial_note) for o in ind.observations)
        for followup in self.followups:
            notes.append((f"Uppföljningen {followup.period}", followup.editorial_note))
            notes.extend((f"Uppföljningen {followup.period}, åtgärden {r.action}", r.editorial_note)
                         for r in followup.actions)
            notes.extend((f"Uppföljningen {followup.period}, post {i}", e.editorial_note)
                         for i, e in enumerate(followup.entries, start=1))
        return [(where, note) for where, note in notes if note]

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

"""A municipality's organisation: units, external partners, forums, methods."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tryggplan.model.plan import Document


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
    editorial_note: str = ""
    external: bool = False
    code: str = ""
    municipality: str = ""
    contact: dict[str, str] = field(default_factory=dict)  # email, phone, url (organisation.schema.json#/$defs/contact)

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
    editorial_note: str = ""


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
    editorial_note: str = ""


@dataclass(slots=True)
class Municipality:
    id: str
    name: str
    code: str
    website: str = ""
    remark: str = ""
    editorial_note: str = ""
    units: dict[str, Unit] = field(default_factory=dict)
    forums: dict[str, Forum] = field(default_factory=dict)
    methods: dict[str, Method] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Municipality:
        muni = data["municipality"]
        result = cls(muni["id"], muni["name"], muni["code"], muni.get("website", ""), muni.get("remark", ""), editorial_note=muni.get("editorial_note", ""))
        for unit in data.get("units", []):
            result.units[unit["id"]] = Unit(
                unit["id"], unit["name"], unit["kind"], unit.get("abbreviation", ""), unit.get("parent", ""),
                unit.get("description", ""), unit.get("source", ""), unit.get("remark", ""), editorial_note=unit.get("editorial_note", ""),
                contact=dict(unit.get("contact") or {}))
        for partner in data.get("partners", []):
            result.units[partner["id"]] = Unit(
                partner["id"], partner["name"], partner.get("kind", ""), partner.get("abbreviation", ""), "",
                partner.get("description", ""), "", partner.get("remark", ""), editorial_note=partner.get("editorial_note", ""), external=True,
                code=partner.get("code", ""), municipality=partner.get("municipality", ""),
                contact=dict(partner.get("contact") or {}))
        for forum in data.get("forums", []):
            result.forums[forum["id"]] = Forum(
                forum["id"], forum["name"], forum.get("abbreviation", ""), forum.get("purpose", ""),
                list(forum.get("tasks", [])), list(forum.get("members", [])),
                forum.get("members_description", ""), list(forum.get("convenor", [])),
                list(forum.get("chair", [])), forum.get("reports_to", ""), forum.get("frequency", ""), list(forum.get("methods", [])),
                list(forum.get("documents", [])), forum.get("remark", ""), editorial_note=forum.get("editorial_note", ""))
        for method in data.get("methods", []):
            result.methods[method["id"]] = Method(
                method["id"], method["name"], method.get("abbreviation", ""), method.get("description", ""),
                list(method.get("prevention", [])), method.get("url", ""), list(method.get("documents", [])),
                method.get("remark", ""), editorial_note=method.get("editorial_note", ""))
        return result

    def editorial_notes(self) -> list[tuple[str, str]]:
        """Every editorial note of the organisation file, as (where, note), for "Om uppgifterna"."""
        notes = [("Kommunen", self.editorial_note)]
        notes += [(f"{'Parten' if u.external else 'Enheten'} {u.name}", u.editorial_note) for u in self.units.values()]
        notes += [(f"Forumet {f.name}", f.editorial_note) for f in self.forums.values()]
        notes += [(f"Metoden {m.name}", m.editorial_note) for m in self.methods.values()]
        return [(where, note) for where, note in notes if note]

    def unit(self, unit_id: str) -> Unit | None:
        return self.units.get(unit_id)

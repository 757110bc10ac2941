"""Who stands behind a document (parties, signatories) and where it was published (provenance)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ROLE_LABELS = {
    "ägare": "Ägare", "part": "Part", "undertecknare": "Undertecknare",
    "sammankallande": "Sammankallande", "medverkande": "Medverkande",
}


@dataclass(slots=True)
class Source:
    """The published document or page an item was encoded from, with the day it was retrieved."""

    url: str
    title: str = ""
    retrieved: str = ""

    @classmethod
    def from_data(cls, data: dict[str, Any] | None) -> Source | None:
        if not data:
            return None
        return cls(data["url"], data.get("title", ""), data.get("retrieved", ""))


@dataclass(slots=True)
class Party:
    """One party to a (possibly joint) document: a municipality in plans/, an organisation id, or a name."""

    roles: list[str]
    municipality: str = ""
    organisation: str = ""
    name: str = ""
    kind: str = ""
    remark: str = ""
    editorial_note: str = ""
    label: str = ""  # resolved name (municipality or organisation name), filled in by the loader

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Party:
        return cls(list(data["roles"]), data.get("municipality", ""), data.get("organisation", ""),
                   data.get("name", ""), data.get("kind", ""), data.get("remark", ""),
                   data.get("editorial_note", ""))


@dataclass(slots=True)
class Signatory:
    role: str
    municipality: str = ""
    organisation: str = ""
    organisation_name: str = ""
    person_name: str = ""
    label: str = ""  # resolved organisation name, filled in by the loader


@dataclass(slots=True)
class Signing:
    date: str = ""
    place: str = ""
    signatories: list[Signatory] = field(default_factory=list)

    @classmethod
    def from_data(cls, data: dict[str, Any] | None) -> Signing | None:
        if not data:
            return None
        return cls(data.get("date", ""), data.get("place", ""), [
            Signatory(s["role"], s.get("municipality", ""), s.get("organisation", ""),
                      s.get("organisation_name", ""), s.get("person_name", ""))
            for s in data.get("signatories", [])])


@dataclass(slots=True)
class Renewal:
    cycle: str
    months: int | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any] | None) -> Renewal | None:
        if not data:
            return None
        return cls(data["cycle"], data.get("months"))

"""Shared small parts of the model: people, links and text sections."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

TOTAL = "totalt"
STATUSES = ("inte påbörjad", "påbörjad", "genomförd", "försenad", "inställd", "löpande")

@dataclass(slots=True)
class Person:
    role: str = ""
    unit: str = ""
    person_name: str = ""

    @classmethod
    def from_data(cls, data: dict[str, Any] | None) -> Person | None:
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
    def from_data(cls, data: dict[str, Any]) -> Link:
        return cls(data["title"], data.get("document", ""), data.get("url", ""), data.get("description", ""))


@dataclass(slots=True)
class Section:
    id: str
    title: str
    body: str
    sections: list[Section] = field(default_factory=list)
    editorial_note: str = ""

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Section:
        return cls(data["id"], data["title"], data["body"],
                   [cls.from_data(s) for s in data.get("sections", [])], data.get("editorial_note", ""))

    def walk(self) -> Iterator[Section]:
        yield self
        for sub in self.sections:
            yield from sub.walk()

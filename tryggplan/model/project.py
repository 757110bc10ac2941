"""The whole project: every municipality under plans/."""

from __future__ import annotations

from dataclasses import dataclass, field

from tryggplan.model.organisation import Municipality
from tryggplan.model.plan import Document


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

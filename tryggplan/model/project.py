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

    def documents_for(self, municipality_id: str) -> list[Document]:
        """Every document the municipality takes part in: its own, then joint documents stored in another
        municipality's folder that name it as a party. Each document is stored once."""
        own = self.municipalities.get(municipality_id)
        result = list(own.documents.values()) if own else []
        for muni_id, muni in self.municipalities.items():
            if muni_id == municipality_id:
                continue
            result += [doc for doc in muni.documents.values() if municipality_id in doc.municipality_ids()]
        return result

    def document(self, ref: str, municipality_id: str = "") -> Document | None:
        muni_id, _, doc_id = ref.rpartition("/")
        muni = self.municipalities.get(muni_id or municipality_id)
        return muni.documents.get(doc_id) if muni else None

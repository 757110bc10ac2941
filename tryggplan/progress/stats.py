"""Counts per document: what `tryggplan stats` prints and what the seed tests compare."""

from __future__ import annotations

from typing import Any

from tryggplan.model import Document, Project


def document_counts(doc: Document) -> dict[str, Any]:
    units: set[str] = set()
    for action in doc.all_actions():
        units.update(action.units())
    return {
        "areas": len(doc.all_areas()),
        "actions": len(doc.all_actions()),
        "activities": sum(len(a.activities) for a in doc.all_actions()),
        "causes": len(doc.all_causes()),
        "indicators": len(doc.indicators),
        "indicator_values": sum(i.value_count() for i in doc.indicators),
        "followup_entries": sum(f.entry_count() for f in doc.followups),
        "units_referenced": len(units),
    }


def project_stats(project: Project) -> dict[str, Any]:
    plans = []
    for doc in sorted(project.documents(), key=lambda d: d.key):
        muni = project.municipalities[doc.municipality_id]
        plans.append({
            "id": doc.key,
            "municipality": muni.name,
            "municipality_code": muni.code,
            "kind": doc.kind,
            "title": doc.title,
            **document_counts(doc),
        })
    return {"plans": plans}

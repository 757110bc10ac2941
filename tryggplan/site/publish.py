"""What the site publishes: the project without drafts unless extra.tryggplan.publish_drafts is set."""

from __future__ import annotations

from tryggplan.model import Project


def without_drafts(project: Project) -> Project:
    """The project without documents whose status is "utkast" (drafts are not published by default)."""
    import copy

    if not any(d.status == "utkast" for d in project.documents()):
        return project
    published = copy.copy(project)
    published.municipalities = {}
    for key, muni in project.municipalities.items():
        clone = copy.copy(muni)
        clone.documents = {k: d for k, d in muni.documents.items() if d.status != "utkast"}
        published.municipalities[key] = clone
    return published

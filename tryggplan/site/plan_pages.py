"""Plan pages, "Vem gör vad" pages and the JSON/CSV downloads of every document."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .. import exports
from ..model import Project
from ..views.plan import render_document_page
from ..views.responsibility import render_responsibility_page
from . import Download, Page, SiteSettings, history, provider, urls
from .history import changes_for


def _history(settings: SiteSettings) -> dict[str, list[history.Change]]:
    """One git log over plans/ when the settings name a checkout (empty in tests and tarballs)."""
    if not settings.git_root:
        return {}
    return history.collect(history.subprocess_runner(Path(settings.git_root)), "plans")


@provider
def plan_pages(project: Project, settings: SiteSettings) -> Iterator[Page | Download]:
    changes_by_file = _history(settings)
    for muni in project.municipalities.values():
        for doc in muni.documents.values():
            changes = changes_for(changes_by_file, doc.source_files)
            yield Page(urls.document_page(doc), doc.title,
                       render_document_page(project, muni, doc, settings, changes), description=doc.summary)
            if doc.all_actions():
                yield Page(urls.responsibility_page(doc), f"Vem gör vad? {doc.display_title}",
                           render_responsibility_page(muni, doc))
            yield Download(urls.download_path(doc, "json"),
                           exports.document_json(muni, doc, include_person_names=settings.show_person_names))
            yield Download(urls.download_path(doc, "csv"), exports.document_csv(muni, doc))

"""Plan pages, "Vem gör vad" pages and the downloads of every document: Excel and Swedish CSV for residents,
a CSV of every indicator's values, and JSON for developers; each states its licence and source."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from tryggplan.exchange import opendata
from tryggplan.model import Project
from tryggplan.views.plan import render_document_page
from tryggplan.views.responsibility import render_responsibility_page
from tryggplan.settings import SiteSettings
from tryggplan.site.pages import Download, Page, provider
from tryggplan.authoring import history
from tryggplan import urls
from tryggplan.authoring.history import changes_for


def _history(settings: SiteSettings) -> dict[str, list[history.Change]]:
    """One git log over plans/ when the settings name a checkout (empty in tests and tarballs)."""
    if not settings.git_root:
        return {}
    return history.collect(history.subprocess_runner(Path(settings.git_root)), "plans")


def _summaries(settings: SiteSettings, changes_by_doc: dict[str, list[history.Change]]) -> dict:
    """Swedish change summaries per (document key, commit), from the semantic diff of each commit."""
    if not settings.git_root or not any(changes_by_doc.values()):
        return {}
    return history.change_summaries(Path(settings.git_root), changes_by_doc)


@provider
def plan_pages(project: Project, settings: SiteSettings) -> Iterator[Page | Download]:
    changes_by_file = _history(settings)
    changes_by_doc = {doc.key: changes_for(changes_by_file, doc.source_files) for doc in project.documents()}
    summaries = _summaries(settings, changes_by_doc)
    for muni in project.municipalities.values():
        for doc in muni.documents.values():
            changes = changes_by_doc[doc.key]
            doc_summaries = {commit: lines for (key, commit), lines in summaries.items() if key == doc.key}
            yield Page(urls.document_page(doc), doc.title,
                       render_document_page(project, muni, doc, settings, changes, doc_summaries),
                       description=doc.summary)
            if doc.all_actions():
                yield Page(urls.responsibility_page(doc), f"Vem gör vad? {doc.display_title}",
                           render_responsibility_page(muni, doc))
            rights = {"licence": settings.licence, "licence_url": settings.licence_url}
            yield Download(urls.download_path(doc, "json"),
                           opendata.document_json(muni, doc, include_person_names=settings.show_person_names,
                                                  **rights))
            yield Download(urls.download_path(doc, "csv"), opendata.resident_csv(muni, doc, settings.today, **rights))
            yield Download(urls.download_path(doc, "xlsx"), opendata.resident_xlsx(muni, doc, settings.today,
                                                                                   **rights))
            for indicator in doc.indicators:
                yield Download(urls.indicator_download_path(muni, indicator),
                               opendata.indicator_csv(muni, doc, indicator, **rights))

"""The "Kommuner" index (in the navigation) and one page per municipality (reached from it)."""

from __future__ import annotations

from collections.abc import Iterator

from tryggplan.model import Project
from tryggplan.views.home import (
    MUNICIPALITIES_INDEX,
    OVERVIEW_PAGE,
    render_municipalities_index,
    render_municipality_page,
    render_overview_page,
)
from tryggplan.settings import SiteSettings
from tryggplan.site.pages import Page, provider
from tryggplan import urls


@provider
def home_pages(project: Project, settings: SiteSettings) -> Iterator[Page]:
    yield Page(MUNICIPALITIES_INDEX, "Kommuner", render_municipalities_index(project), in_nav=True)
    yield Page(OVERVIEW_PAGE, "Översikt", render_overview_page(project, settings.today), in_nav=True)
    for muni in project.municipalities.values():
        yield Page(urls.municipality_page(muni.id), muni.name,
                   render_municipality_page(muni, settings.today, project.documents_for(muni.id)))

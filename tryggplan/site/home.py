"""The "Kommuner" index (in the navigation) and one page per municipality (reached from it)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Project
from ..views.home import MUNICIPALITIES_INDEX, render_municipalities_index, render_municipality_page
from . import Page, SiteSettings, provider, urls


@provider
def home_pages(project: Project, settings: SiteSettings) -> Iterator[Page]:
    yield Page(MUNICIPALITIES_INDEX, "Kommuner", render_municipalities_index(project), in_nav=True)
    for muni in project.municipalities.values():
        yield Page(urls.municipality_page(muni.id), muni.name,
                   render_municipality_page(muni, settings.today))

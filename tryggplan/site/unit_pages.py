"""Units index, one page per unit or external partner, and the samverkan page per municipality."""

from __future__ import annotations

from collections.abc import Iterator

from tryggplan.model import Project
from tryggplan.views.units import render_forums_page, render_unit_page, render_units_index, unit_title
from tryggplan.settings import SiteSettings
from tryggplan.site.pages import Page, provider
from tryggplan import urls


@provider
def unit_pages(project: Project, settings: SiteSettings) -> Iterator[Page]:
    for muni in project.municipalities.values():
        yield Page(urls.units_index_page(muni.id), f"Enheter och parter i {muni.name}", render_units_index(muni))
        for unit in muni.units.values():
            yield Page(urls.unit_page(muni.id, unit.id), unit_title(unit), render_unit_page(muni, unit))
        yield Page(urls.forums_page(muni.id), f"Samverkan i {muni.name}", render_forums_page(muni))

"""The accessibility statement (tillgänglighetsredogörelse), linked from every page's footer."""

from __future__ import annotations

from collections.abc import Iterator

from tryggplan.model import Project
from tryggplan.views.accessibility import render_accessibility_statement
from tryggplan.settings import SiteSettings
from tryggplan.site.pages import Page, provider

PATH = "tillganglighet.md"


@provider
def accessibility_page(project: Project, settings: SiteSettings) -> Iterator[Page]:
    if settings.accessibility:
        yield Page(PATH, "Tillgänglighetsredogörelse",
                   render_accessibility_statement(settings.accessibility, settings.site_name), in_nav=True)

"""The generated schema reference for contributors, at bidra/schemareferens.md."""

from __future__ import annotations

from collections.abc import Iterator

from tryggplan.model import Project
from tryggplan.views.schema_reference import render_schema_reference
from tryggplan.settings import SiteSettings
from tryggplan.site.pages import Page, provider

SCHEMA_REFERENCE_PAGE = "bidra/schemareferens.md"


@provider
def schema_reference_page(project: Project, settings: SiteSettings) -> Iterator[Page]:
    yield Page(SCHEMA_REFERENCE_PAGE, "Schemareferens", render_schema_reference(),
               description="Alla fält i planfilerna: sökväg, svensk rubrik, beskrivning, typ, tillåtna värden och exempel.")

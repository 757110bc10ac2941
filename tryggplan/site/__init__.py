"""Site generation, independent of MkDocs: the project model in, a list of pages out.

Page providers are plain functions registered with @provider; the MkDocs hook only turns the
returned Page objects into virtual files. Generated content is Markdown with HTML blocks and is
never rendered through Jinja (mkdocs-macros only renders pages that opt in), so text from YAML
cannot become template code.
"""

from __future__ import annotations

from tryggplan.model import Project
from tryggplan.settings import SiteSettings
from tryggplan.site.pages import PROVIDERS, Download, Page
from tryggplan.site.publish import without_drafts

__all__ = ["Download", "Page", "SiteSettings", "generate", "without_drafts"]


def generate(project: Project, settings: SiteSettings) -> tuple[list[Page], list[Download]]:
    """Run every registered provider once. Paths must be unique across providers."""
    from tryggplan.site import providers  # noqa: F401 - registers the providers

    if not settings.publish_drafts:
        project = without_drafts(project)
    pages: list[Page] = []
    downloads: list[Download] = []
    seen: set[str] = set()
    for make in PROVIDERS:
        for item in make(project, settings):
            if item.path in seen:
                raise ValueError(f"Två genererade sidor har samma sökväg: {item.path}")
            seen.add(item.path)
            if isinstance(item, Page):
                pages.append(item)
            else:
                downloads.append(item)
    return pages, downloads

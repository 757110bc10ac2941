"""Site generation, independent of MkDocs: the project model in, a list of pages out.

Page providers are plain functions registered with @provider; the MkDocs hook only turns the
returned Page objects into virtual files. Generated content is Markdown with HTML blocks and is
never rendered through Jinja (mkdocs-macros only renders pages that opt in), so text from YAML
cannot become template code.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..model import Project


@dataclass(frozen=True, slots=True)
class Page:
    """One generated page. path is relative to docs_dir, e.g. "kungalv/trygg-i-kungalv/index.md"."""

    path: str
    title: str
    content: str
    in_nav: bool = False
    description: str = ""


@dataclass(frozen=True, slots=True)
class Download:
    """A generated file that is not a page (JSON, CSV, SVG …), path relative to the site root."""

    path: str
    content: bytes | str


@dataclass(slots=True)
class SiteSettings:
    """Settings from mkdocs.yml `extra.tryggplan` (or defaults), passed to every provider."""

    today: _dt.date = field(default_factory=_dt.date.today)
    show_person_names: bool = False
    licence: str = "Data och text får återanvändas fritt (CC0 1.0). Källa: respektive kommuns beslutade dokument."
    licence_url: str = "https://creativecommons.org/publicdomain/zero/1.0/deed.sv"
    site_name: str = "Trygg plan"
    repo_url: str = ""
    git_root: str = ""
    accessibility: dict = field(default_factory=dict)


PageProvider = Callable[[Project, SiteSettings], Iterable[Page | Download]]
PROVIDERS: list[PageProvider] = []


def provider(func: PageProvider) -> PageProvider:
    PROVIDERS.append(func)
    return func


def generate(project: Project, settings: SiteSettings) -> tuple[list[Page], list[Download]]:
    """Run every registered provider once. Paths must be unique across providers."""
    from . import providers  # noqa: F401 - registers the providers

    pages: list[Page] = []
    downloads: list[Download] = []
    seen: set[str] = set()
    for make in PROVIDERS:
        for item in make(project, settings):
            if item.path in seen:
                raise ValueError(f"Två genererade sidor har samma sökväg: {item.path}")
            seen.add(item.path)
            (pages if isinstance(item, Page) else downloads).append(item)
    return pages, downloads

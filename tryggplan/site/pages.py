"""Pages and downloads that the site generates, and the registry of the functions that provide them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tryggplan.model import Project
from tryggplan.settings import SiteSettings


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


PageProvider = Callable[[Project, SiteSettings], Iterable[Page | Download]]
PROVIDERS: list[PageProvider] = []


def provider(func: PageProvider) -> PageProvider:
    PROVIDERS.append(func)
    return func

"""MkDocs glue for the site search: annotate every built page for Pagefind, index the site after the build.

Runs on `mkdocs build` and on every rebuild of `mkdocs serve`, so the search works in both. The
logic is in tryggplan.site.search.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from tryggplan.site import search
from tryggplan.site.build import current

log = logging.getLogger("mkdocs.hooks.search")
_KNOWN: list[tuple[int, search.Catalogue]] = []


def _catalogue() -> search.Catalogue:
    project = current().project
    if not _KNOWN or _KNOWN[0][0] != id(project):
        _KNOWN[:] = [(id(project), search.catalogue(project))]
    return _KNOWN[0][1]


def on_pre_build(config: MkDocsConfig) -> None:
    _KNOWN.clear()  # a rebuild under mkdocs serve loads the project again


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return search.annotate(output, search.page_info(_catalogue(), page.file.src_uri))


def on_post_build(config: MkDocsConfig) -> None:
    try:
        seconds = search.run_indexer(Path(config.site_dir))
    except search.SearchIndexError as err:
        raise PluginError(str(err)) from None
    log.info("Sökindexet (Pagefind) byggt på %.2f s", seconds)

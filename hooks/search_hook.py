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
#: The built file of every indexed page of this build, by search bundle.
_INDEXED: dict[str, list[str]] = {}


def _catalogue() -> search.Catalogue:
    project = current().project
    if not _KNOWN or _KNOWN[0][0] != id(project):
        _KNOWN[:] = [(id(project), search.catalogue(project))]
    return _KNOWN[0][1]


def on_pre_build(config: MkDocsConfig) -> None:
    _KNOWN.clear()  # a rebuild under mkdocs serve loads the project again
    _INDEXED.clear()


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    known = _catalogue()
    info = search.page_info(known, page.file.src_uri)
    if info is not None:
        _INDEXED.setdefault(info.bundle, []).append(page.file.dest_uri)
    return search.mark_search_box(search.annotate(output, info), known)


def on_post_build(config: MkDocsConfig) -> None:
    try:
        seconds = search.run_indexer(Path(config.site_dir), _INDEXED)
    except search.SearchIndexError as err:
        raise PluginError(str(err)) from None
    log.info("Sökindexet (Pagefind) byggt på %.2f s", seconds)

"""Where every generated page lives, in one place so that links between pages cannot drift.

Paths are relative to docs_dir (use_directory_urls: a page "a/b/index.md" is served at "a/b/").
Anchors are stable: they come from ids in the YAML, never from titles.
"""

from __future__ import annotations

import posixpath

from tryggplan.model import Document, Indicator, Municipality

#: First path parts the site uses for itself: generated pages outside any municipality (the
#: list of municipalities, the accessibility statement, the schema reference under bidra/), the
#: hand-written pages in docs/ and what MkDocs, Material and the search write into site/. A
#: municipality folder with one of these names would replace that page. The hand-written pages
#: actually present in docs/ are added by tryggplan.load.reserved; a test compares this list with
#: the generated pages.
RESERVED_TOP_LEVEL = frozenset({
    "index", "kommuner", "tillganglighet", "om", "bidra", "assets", "search", "pagefind", "pagefind-fler", "404",
    "sitemap", "stylesheets", "javascripts", "overrides", "print_page", "oversikt",
})
#: Names a municipality's own pages use next to its document folders (see the functions below).
RESERVED_IN_MUNICIPALITY = frozenset({"index", "enheter", "samverkan", "indikatorer"})
#: Names a page inside a unit or indicator folder uses for itself.
RESERVED_IN_LISTING = frozenset({"index"})


def municipality_page(muni_id: str) -> str:
    return f"{muni_id}/index.md"


def document_page(doc: Document) -> str:
    return f"{doc.municipality_id}/{doc.id}/index.md"


def responsibility_page(doc: Document) -> str:
    return f"{doc.municipality_id}/{doc.id}/vem-gor-vad.md"


def followup_page(doc: Document, period: str) -> str:
    return f"{doc.municipality_id}/{doc.id}/uppfoljning-{period.lower()}.md"


def units_index_page(muni_id: str) -> str:
    return f"{muni_id}/enheter/index.md"


def unit_page(muni_id: str, unit_id: str) -> str:
    return f"{muni_id}/enheter/{unit_id}.md"


def forums_page(muni_id: str) -> str:
    return f"{muni_id}/samverkan.md"


def indicators_index_page(muni_id: str) -> str:
    return f"{muni_id}/indikatorer/index.md"


def indicator_page(muni: Municipality | str, indicator: Indicator | str) -> str:
    muni_id = muni if isinstance(muni, str) else muni.id
    indicator_id = indicator if isinstance(indicator, str) else indicator.id
    return f"{muni_id}/indikatorer/{indicator_id}.md"


def download_path(doc: Document, extension: str) -> str:
    return f"{doc.municipality_id}/{doc.id}/{doc.municipality_id}-{doc.id}.{extension}"


def indicator_download_path(muni: Municipality | str, indicator: Indicator | str) -> str:
    """The CSV of an indicator's values, next to its page."""
    return indicator_page(muni, indicator)[:-3] + ".csv"


def action_anchor(action_id: str) -> str:
    return f"atgard-{action_id}"


def area_anchor(area_id: str) -> str:
    return f"omrade-{area_id}"


def area_part_anchor(area_id: str, part: str) -> str:
    """A heading inside an area ("lagesbild", "mal" …). Two hyphens, which no id contains, so an
    area with the id "trygghet-mal" never gets the same anchor as the goals of area "trygghet"."""
    return f"{area_anchor(area_id)}--{part}"


def section_anchor(section_id: str) -> str:
    return f"avsnitt-{section_id}"


def cause_anchor(cause_id: str) -> str:
    return f"orsak-{cause_id}"


def href(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative link from one generated page to another, as the built site serves them.

    MkDocs rewrites .md links itself, but generated HTML blocks are not rewritten, so we
    compute the final directory URL here.
    """
    from_url = _served_url(from_page)
    to_url = _served_url(to_page)
    rel = posixpath.relpath(to_url or ".", from_url or ".")
    if rel == ".":
        rel = "./"
    elif not rel.endswith("/") and not _is_file(to_page):
        rel += "/"
    return rel + (f"#{anchor}" if anchor else "")


def _is_file(path: str) -> bool:
    return not path.endswith(".md")


def _served_url(page: str) -> str:
    """docs path -> served directory path without leading slash ("a/b/index.md" -> "a/b")."""
    if not page.endswith(".md"):
        return page
    stem = page[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("/index")]
    return stem

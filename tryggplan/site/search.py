"""Site search with Pagefind: which built pages are indexed, with which filters and labels, and the indexer run.

The built HTML is annotated page by page (`annotate`, called from hooks/search_hook.py on every
page) and Pagefind indexes the site folder after the build (`run_indexer`). What residents look
for is indexed: municipality, plan, follow-up, forum and indicator pages and the pages about the
site. Left out: the start page, the municipality list and the lists of units and indicators
(navigation), "Vem gör vad" and the unit pages (they repeat the plan's actions per unit, and the plan
page names every unit in full), the contributor guides under bidra/ (staff) and, inside pages, the
encoding notes, repeated method texts, link lists and the links back to the plan and its area.

Every indexed page costs each visitor bytes on the first query (Pagefind's metadata has one entry per
page, and every occurrence of a word is a posting in its index chunk), so pages and passages that
only repeat what another indexed page says are left out, and the index is written as two bundles:
MAIN_BUNDLE (municipality, plan, forum and about pages: what a first query should find) and
MORE_BUNDLE (follow-up and indicator pages, about nine in ten pages at national scale). The search
box searches the main bundle and merges the other one when the visitor asks for it, or by itself when
the main bundle gives fewer hits than one page of results (docs/assets/javascripts/search.js).

Pagefind glues the text of neighbouring inline-level elements together (`<dt>Metoder</dt><dd>
Trygghetsvandringar</dd>` becomes "MetoderTrygghetsvandringar"), so `annotate` puts a space after
the closing tag of labels and cells. Abbreviated unit names get their full name (the abbr title)
indexed next to the abbreviation.
"""

from __future__ import annotations

import html as _html
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tryggplan import urls
from tryggplan.model import Project
from tryggplan.views.status import KIND_LABELS

#: The element Material renders the page content into; it becomes the indexed body.
ARTICLE_OPEN = '<article class="md-content__inner md-typeset"'

#: Parts of an indexed page that are not indexed: encoding notes (editorial_note, shown to staff in
#: "Om uppgifterna"), the same method text on every plan, the note on how a derived tag was computed,
#: the links from a page back to its plan and area (.tp-context: the result already names the plan),
#: link lists, status bars and counts, source wordings that repeat what the page already says, and
#: heading permalinks.
EXCLUDE_SELECTORS = (
    ".tp-editorial", "[data-tp-editorial]", ".tp-about-data",
    ".tp-method", ".tp-derived-note", ".tp-context", ".tp-quicklinks", ".tp-toc", ".tp-bars", ".tp-dashboard .tp-scroll", ".tp-source",
    ".headerlink", ".md-source-file", ".md-content__button",
)

#: Closing tags after which Pagefind adds no word boundary of its own (it does after p, li, td, div …).
_SEPARATE_AFTER = ("</dt>", "</dd>", "</th>", "</caption>", "</summary>", "</figcaption>", "</legend>")

_ABBR = re.compile(r'<abbr title="([^"<>]*)">([^<]*)</abbr>')

#: Pages outside the municipalities that are navigation only, or for staff.
_NOT_INDEXED = ("index.md", "kommuner/index.md")
_STAFF_PREFIX = "bidra/"


@dataclass(frozen=True, slots=True)
class SearchInfo:
    """What a result says about its page; municipality and document_kind are also filters."""

    page_kind: str
    municipality: str = ""
    document: str = ""
    document_kind: str = ""
    #: Weight of all words on the page (Pagefind's data-pagefind-weight, 0-10; None keeps its defaults,
    #: headings above text). Below 1 for pages that repeat what a plan says, so the plan ranks first.
    weight: float | None = None
    #: Other names of the document on its own page (its short title), searchable with a boost.
    other_names: str = ""
    #: The Pagefind bundle (folder in the built site) the page is indexed into.
    bundle: str = "pagefind"


#: Weight of the words on pages that are not the plan itself (the plan page keeps Pagefind's defaults).
#: Pages that mention a plan's actions must not outrank the plan.
PAGE_WEIGHTS = {
    "Kommun": 0.8, "Samverkan": 0.7, "Indikator": 0.4, "Uppföljning": 0.8,
}


#: The bundle of the pages a first query searches, and the bundle merged on request.
MAIN_BUNDLE = "pagefind"
MORE_BUNDLE = "pagefind-fler"
#: Page kinds indexed into MORE_BUNDLE: many pages per plan, each about one part of it.
MORE_KINDS = frozenset({"Uppföljning", "Indikator"})


def _info(page_kind: str, municipality: str, document: str = "", document_kind: str = "",
          other_names: str = "") -> SearchInfo:
    bundle = MORE_BUNDLE if page_kind in MORE_KINDS else MAIN_BUNDLE
    return SearchInfo(page_kind, municipality, document, document_kind, PAGE_WEIGHTS.get(page_kind), other_names,
                      bundle)


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Search info of every generated municipality page by docs path, and the municipality folders."""

    pages: dict[str, SearchInfo]
    folders: frozenset[str]
    left_out: frozenset[str] = frozenset()


def catalogue(project: Project) -> Catalogue:
    """Search info for the pages the site generates for each municipality."""
    pages: dict[str, SearchInfo] = {}
    for muni in project.municipalities.values():
        name = muni.name
        pages[urls.municipality_page(muni.id)] = _info("Kommun", name)
        pages[urls.forums_page(muni.id)] = _info("Samverkan", name)
        for doc in muni.documents.values():
            kind = KIND_LABELS.get(doc.kind, doc.kind.capitalize())
            short = doc.short_title if doc.short_title and doc.short_title != doc.title else ""
            pages[urls.document_page(doc)] = _info(kind, name, doc.title, kind, short)
            for followup in doc.followups:
                pages[urls.followup_page(doc, followup.period)] = _info("Uppföljning", name, doc.title, kind)
            for indicator in doc.indicators:
                pages[urls.indicator_page(muni, indicator)] = _info("Indikator", name, doc.title, kind)
    # Left out: "Vem gör vad", the unit pages and the lists of units and indicators repeat what the
    # plan and indicator pages say, and every indexed page costs each visitor bytes on the first query.
    left_out = set()
    for muni in project.municipalities.values():
        left_out |= {urls.units_index_page(muni.id), urls.indicators_index_page(muni.id)}
        left_out |= {urls.unit_page(muni.id, unit_id) for unit_id in muni.units}
        left_out |= {urls.responsibility_page(doc) for doc in muni.documents.values()}
    return Catalogue(pages, frozenset(project.municipalities), frozenset(left_out))


def has_more_bundle(known: Catalogue) -> bool:
    """Whether any page goes into MORE_BUNDLE (the search box offers it only then)."""
    return any(info.bundle == MORE_BUNDLE for info in known.pages.values())


def mark_search_box(html: str, known: Catalogue) -> str:
    """Tell the search box on every page where the second bundle is (data-more), if there is one."""
    if not has_more_bundle(known):
        return html
    return html.replace('<div class="tp-search" data-tp-search ', f'<div class="tp-search" data-tp-search data-more="{MORE_BUNDLE}/" ', 1)


def page_info(known: Catalogue, src_uri: str) -> SearchInfo | None:
    """Search info for a page (docs path), None if the page is left out of the index."""
    info = known.pages.get(src_uri)
    if info is not None:
        return info
    if src_uri in _NOT_INDEXED or src_uri in known.left_out or src_uri.startswith(_STAFF_PREFIX):
        return None
    if "/" in src_uri and src_uri.split("/", 1)[0] in known.folders:
        return SearchInfo("Sida")  # a page under a municipality that the catalogue does not know yet
    return SearchInfo("Om webbplatsen")


def annotate(html: str, info: SearchInfo | None) -> str:
    """The page with Pagefind's attributes on its content, or unchanged if it is not indexed."""
    if info is None:
        return html
    start = html.find(ARTICLE_OPEN)
    end = html.rfind("</article>")  # the content may hold articles of its own (document cards)
    if start < 0 or end < start:
        return html
    open_end = html.index(">", start) + 1
    content = html[open_end:end]
    for tag in _SEPARATE_AFTER:
        content = content.replace(tag, tag + " ")
    content = _ABBR.sub(_full_name, content)
    weight = f' data-pagefind-weight="{info.weight:g}"' if info.weight is not None else ""
    opening = html[start:open_end - 1] + " data-pagefind-body" + weight + ">"
    return html[:start] + opening + _labels(info) + content + html[end:]


def _labels(info: SearchInfo) -> str:
    """Hidden, empty elements that carry the page's metadata and filters."""
    meta = [("sida", info.page_kind), ("kommun", info.municipality), ("dokument", info.document),
            ("kortnamn", info.other_names)]
    filters = [("kommun", info.municipality), ("dokumenttyp", info.document_kind)]
    parts = [f'<span data-pagefind-meta="{key}:{_html.escape(value)}"></span>' for key, value in meta if value]
    parts += [f'<span data-pagefind-filter="{key}:{_html.escape(value)}"></span>' for key, value in filters if value]
    return '<div hidden data-pagefind-ignore="index">' + "".join(parts) + "</div>" if parts else ""


def _full_name(match: re.Match) -> str:
    title, text = match.group(1), match.group(2)
    if _html.unescape(title).strip().casefold() == _html.unescape(text).strip().casefold():
        return match.group(0)
    return f'<abbr title="{title}" data-pagefind-index-attrs="title">{text}</abbr>'


# --- The indexer. ----------------------------------------------------------------------------------

class SearchIndexError(RuntimeError):
    """Pagefind could not index the site; the message is Swedish and says what to do."""


#: Seconds the last run_indexer() took (read by benchmarks/build_scale.py).
LAST_RUN: dict[str, float] = {}


#: Files Pagefind writes that the site does not use (its ready-made UIs, the index for pages without lang).
_UNUSED = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js",
           "wasm.unknown.pagefind")
#: A merged bundle is searched with the main bundle's code and WebAssembly, so it needs neither.
_UNUSED_WHEN_MERGED = ("pagefind.js", "pagefind-worker.js", "wasm.*")
#: Where the pages of one bundle are gathered (as hard links) while Pagefind reads them.
_STAGING_PREFIX = ".tp-sokindex-"


def indexer_command(staging: Path, output: Path) -> list[str]:
    """Pagefind from the pinned PyPI package (pagefind[bin]), Swedish, the pages gathered in staging."""
    return [sys.executable, "-m", "pagefind", "--site", str(staging), "--output-path", str(output),
            "--force-language", "sv", "--exclude-selectors", ", ".join(EXCLUDE_SELECTORS), "--quiet"]


def run_indexer(site_dir: Path, pages: Mapping[str, Iterable[str]]) -> float:
    """Index the built pages into one Pagefind bundle each; returns the seconds it took.

    pages maps a bundle folder to the built files (paths under site_dir) that go into it. Each bundle's
    files are gathered in a hidden folder under site_dir, so that Pagefind reads only those pages;
    the folder is removed again whatever happens.
    """
    start = time.perf_counter()
    site_dir = Path(site_dir)
    for stale in site_dir.glob(_STAGING_PREFIX + "*"):
        shutil.rmtree(stale, ignore_errors=True)
    for bundle in (MAIN_BUNDLE, MORE_BUNDLE):
        folder = site_dir / bundle
        if folder.is_dir() and not folder.is_symlink() and not any(folder.rglob("*.html")):
            shutil.rmtree(folder)  # the index of an earlier build (mkdocs serve --dirty), or stray files
        elif folder.exists() or folder.is_symlink():
            raise SearchIndexError(f"Mappen {bundle}/ i den byggda webbplatsen innehåller sidor, men sökningen "
                                   "behöver mappen för sitt index. Byt namn på sidan eller mappen i docs/ som "
                                   "hamnar där.")
    for bundle, files in pages.items():
        staging = site_dir / (_STAGING_PREFIX + bundle)
        try:
            if _gather(site_dir, staging, files):
                _pagefind(staging, site_dir / bundle)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        unused = _UNUSED + (_UNUSED_WHEN_MERGED if bundle != MAIN_BUNDLE else ())
        for pattern in unused:
            for path in (site_dir / bundle).glob(pattern):
                path.unlink()
    seconds = time.perf_counter() - start
    LAST_RUN["seconds"] = seconds
    return seconds


def _gather(site_dir: Path, staging: Path, files: Iterable[str]) -> int:
    """Hard-link (or copy) the bundle's built pages into staging under their own paths; returns how many."""
    count = 0
    for name in sorted(set(files)):
        source = site_dir / name
        if not source.is_file():
            continue
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
        count += 1
    return count


def _pagefind(staging: Path, output: Path) -> None:
    try:
        proc = subprocess.run(indexer_command(staging, output), capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise SearchIndexError(f"Sökindexet kunde inte byggas: {err}") from None
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-8:]
        hint = " Kör make setup (Pagefind installeras från requirements.txt)." if "No module named" in proc.stderr else ""
        raise SearchIndexError("Sökindexet kunde inte byggas med Pagefind:\n" + "\n".join(tail) + hint)

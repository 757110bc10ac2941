"""Site search with Pagefind: which built pages are indexed, with which filters and labels, and the indexer run.

The built HTML is annotated page by page (`annotate`, called from hooks/search_hook.py on every
page) and Pagefind indexes the site folder after the build (`run_indexer`). What residents look
for is indexed: municipality, plan, follow-up, unit, forum and indicator pages and the pages about
the site. Left out: the start page, the municipality list and the lists of units and indicators
(navigation), "Vem gör vad" (it repeats the plan), the contributor guides under bidra/ (staff) and,
inside pages, the encoding notes, repeated method texts and link lists.

Pagefind glues the text of neighbouring inline-level elements together (`<dt>Metoder</dt><dd>
Trygghetsvandringar</dd>` becomes "MetoderTrygghetsvandringar"), so `annotate` puts a space after
the closing tag of labels and cells. Abbreviated unit names get their full name (the abbr title)
indexed next to the abbreviation.
"""

from __future__ import annotations

import html as _html
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tryggplan import urls
from tryggplan.model import Project
from tryggplan.views.status import KIND_LABELS

#: The element Material renders the page content into; it becomes the indexed body.
ARTICLE_OPEN = '<article class="md-content__inner md-typeset"'

#: Parts of an indexed page that are not indexed: encoding notes (editorial_note, shown to staff in
#: "Om uppgifterna"), the same method text on every plan, link lists, status bars and counts,
#: source wordings that repeat what the page already says, and heading permalinks.
EXCLUDE_SELECTORS = (
    ".tp-editorial", "[data-tp-editorial]", ".tp-about-data",
    ".tp-method", ".tp-quicklinks", ".tp-toc", ".tp-bars", ".tp-dashboard .tp-scroll", ".tp-source",
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


#: Weight of the words on pages that are not the plan itself (the plan page keeps Pagefind's defaults).
#: Lists and matrices that repeat a plan's actions, and unit pages, must not outrank the plan.
PAGE_WEIGHTS = {
    "Kommun": 0.8, "Enhet eller part": 0.5, "Samverkan": 0.7, "Indikator": 0.4, "Uppföljning": 0.8,
}


def _info(page_kind: str, municipality: str, document: str = "", document_kind: str = "",
          other_names: str = "") -> SearchInfo:
    return SearchInfo(page_kind, municipality, document, document_kind, PAGE_WEIGHTS.get(page_kind), other_names)


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
        for unit_id in muni.units:
            pages[urls.unit_page(muni.id, unit_id)] = _info("Enhet eller part", name)
        pages[urls.forums_page(muni.id)] = _info("Samverkan", name)
        for doc in muni.documents.values():
            kind = KIND_LABELS.get(doc.kind, doc.kind.capitalize())
            short = doc.short_title if doc.short_title and doc.short_title != doc.title else ""
            pages[urls.document_page(doc)] = _info(kind, name, doc.title, kind, short)
            for followup in doc.followups:
                pages[urls.followup_page(doc, followup.period)] = _info("Uppföljning", name, doc.title, kind)
            for indicator in doc.indicators:
                pages[urls.indicator_page(muni, indicator)] = _info("Indikator", name, doc.title, kind)
    # Left out: "Vem gör vad" and the lists of units and indicators repeat what the plan, unit and
    # indicator pages say, and every indexed page costs each visitor bytes on the first query.
    left_out = set()
    for muni in project.municipalities.values():
        left_out |= {urls.units_index_page(muni.id), urls.indicators_index_page(muni.id)}
        left_out |= {urls.responsibility_page(doc) for doc in muni.documents.values()}
    return Catalogue(pages, frozenset(project.municipalities), frozenset(left_out))


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


def indexer_command(site_dir: Path) -> list[str]:
    """Pagefind from the pinned PyPI package (pagefind[bin]), Swedish, only the annotated pages."""
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--force-language", "sv",
            "--exclude-selectors", ", ".join(EXCLUDE_SELECTORS), "--quiet"]


def run_indexer(site_dir: Path) -> float:
    """Index the built site into site_dir/pagefind/; returns the seconds it took."""
    start = time.perf_counter()
    try:
        proc = subprocess.run(indexer_command(site_dir), capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise SearchIndexError(f"Sökindexet kunde inte byggas: {err}") from None
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-8:]
        hint = " Kör make setup (Pagefind installeras från requirements.txt)." if "No module named" in proc.stderr else ""
        raise SearchIndexError("Sökindexet kunde inte byggas med Pagefind:\n" + "\n".join(tail) + hint)
    bundle = Path(site_dir) / "pagefind"
    for pattern in _UNUSED:
        for path in bundle.glob(pattern):
            path.unlink()
    seconds = time.perf_counter() - start
    LAST_RUN["seconds"] = seconds
    return seconds

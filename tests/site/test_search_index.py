"""The search index as files: which page goes into which bundle, and what run_indexer leaves behind.

Pagefind runs for real (the pinned package) on a handful of small hand-written pages; the browser
tests in tests/browser/test_search.py query the index of the whole bundled site.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tryggplan.site import search
from tryggplan.site.search import MAIN_BUNDLE, MORE_BUNDLE, SearchIndexError, SearchInfo

REPO = Path(__file__).resolve().parents[2]


def _page(title: str, text: str, info: SearchInfo | None) -> str:
    html = (f'<html lang="sv"><head><title>{title}</title></head><body>'
            '<div class="tp-search" data-tp-search data-root="."></div>'
            f'<article class="md-content__inner md-typeset"><h1>{title}</h1><p>{text}</p></article></body></html>')
    return search.annotate(html, info)


@pytest.fixture
def small_site(tmp_path: Path) -> tuple[Path, dict[str, list[str]]]:
    """A plan page, a follow-up page and a page that is not indexed, annotated as the hook does."""
    pages = {
        "exempelby/plan/index.html": ("Planen", "Belysning vid skolan.", search._info("Åtgärdsplan", "Exempelby")),
        "exempelby/plan/uppfoljning-2025/index.html": ("Uppföljning 2025", "Belysningen är klar.",
                                                       search._info("Uppföljning", "Exempelby")),
        "exempelby/enheter/skolan/index.html": ("Skolan", "Belysning vid skolan.", None),
    }
    indexed: dict[str, list[str]] = {}
    for name, (title, text, info) in pages.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_page(title, text, info), encoding="utf-8")
        if info is not None:
            indexed.setdefault(info.bundle, []).append(name)
    return tmp_path, indexed


def _urls(bundle: Path) -> set[str]:
    found = set()
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        found.add(json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])["url"])
    return found


def test_each_bundle_holds_only_its_own_pages(small_site):
    site, indexed = small_site
    search.run_indexer(site, indexed)
    assert _urls(site / MAIN_BUNDLE) == {"/exempelby/plan/"}
    assert _urls(site / MORE_BUNDLE) == {"/exempelby/plan/uppfoljning-2025/"}


def test_the_merged_bundle_has_no_code_of_its_own_and_nothing_is_left_behind(small_site):
    site, indexed = small_site
    search.run_indexer(site, indexed)
    assert (site / MAIN_BUNDLE / "pagefind.js").is_file() and list((site / MAIN_BUNDLE).glob("wasm.sv.*"))
    more = {p.name for p in (site / MORE_BUNDLE).iterdir()}
    assert "pagefind-entry.json" in more and not more & {"pagefind.js", "pagefind-worker.js", "wasm.sv.pagefind"}
    assert sorted(p.name for p in site.iterdir()) == ["exempelby", MAIN_BUNDLE, MORE_BUNDLE], "staging kvar"


def test_a_page_in_a_bundle_folder_stops_the_index(small_site):
    """A contributor's page at pagefind-fler/ must not end up inside (or be replaced by) the index."""
    site, indexed = small_site
    (site / MORE_BUNDLE).mkdir()
    (site / MORE_BUNDLE / "index.html").write_text("<html><body>egen sida</body></html>", encoding="utf-8")
    with pytest.raises(SearchIndexError, match="pagefind-fler/"):
        search.run_indexer(site, indexed)


def test_an_earlier_index_is_replaced(small_site):
    site, indexed = small_site
    (site / MAIN_BUNDLE / "fragment").mkdir(parents=True)
    (site / MAIN_BUNDLE / "fragment" / "gammal.pf_fragment").write_bytes(b"x")
    search.run_indexer(site, indexed)
    assert not (site / MAIN_BUNDLE / "fragment" / "gammal.pf_fragment").exists()


def test_search_box_learns_of_the_second_bundle_only_when_there_is_one():
    box = '<div class="tp-search" data-tp-search data-root=".">'
    with_more = search.Catalogue({"a.md": search._info("Uppföljning", "Exempelby")}, frozenset())
    plans_only = search.Catalogue({"a.md": search._info("Plan", "Exempelby")}, frozenset())
    assert f'data-more="{MORE_BUNDLE}/"' in search.mark_search_box(box, with_more)
    assert search.mark_search_box(box, plans_only) == box


def test_bundled_catalogue_puts_follow_ups_and_indicators_in_the_second_bundle():
    from tryggplan.load.project import load_paths

    project = load_paths([REPO / "plans"], base=REPO).project
    known = search.catalogue(project)
    kinds = {(info.page_kind, info.bundle) for info in known.pages.values()}
    assert ("Uppföljning", MORE_BUNDLE) in kinds and ("Indikator", MORE_BUNDLE) in kinds
    assert all(bundle == MAIN_BUNDLE for kind, bundle in kinds if kind not in search.MORE_KINDS), kinds
    for muni in project.municipalities.values():
        for unit_id in muni.units:
            assert search.page_info(known, f"{muni.id}/enheter/{unit_id}.md") is None

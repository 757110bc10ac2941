"""The site search (Pagefind), as a resident uses it: type a word, read and follow the results.

The search box is in the header of every page; the search code and Pagefind's index are fetched
only when the box gets focus. Queries run against the index that the session's build wrote (the
hook runs Pagefind after every build). Expectations name pages of the bundled plans only.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from conftest import REPO, format_violations, run_axe, site_pages

KUNGALV = "kungalv/trygg-i-kungalv/"
HEDEMORA = "hedemora/atgardsplan-brottsforebyggande/"
STOCKHOLM = "stockholm/kungsholmen-atgardsplan-2024/"
KOPING = "koping/riktlinje-trygghet-2024-2026/"

INPUT = "#tp-search-input"
STATUS = ".tp-search__status"
PANEL = "#tp-search-panel"

_RESULT_PAGES = """(base) => [...document.querySelectorAll('.tp-search__result > .tp-search__link')]
    .map(a => new URL(a.getAttribute('href'), location.href))
    .map(u => u.pathname.slice(new URL(base).pathname.length) + u.hash)"""


def _query_words(query: str) -> str:
    """What the search box searches for: words of one letter are dropped (search.js, cleanQuery)."""
    words = query.split()
    long = [w for w in words if len(w) > 1]
    return " ".join(long or words)


WIDER = ".tp-search__wider"
PLANS_ONLY = "Sökt i planer och på kommunsidor."


def search(tab, query: str, *, every: bool = False) -> list[str]:
    """Type query into the search box; return the result pages in order.

    every: also search the follow-ups and indicators, and show every result.
    """
    page = tab.page
    page.click(INPUT)
    page.fill(INPUT, "")
    page.keyboard.type(query, delay=15)
    wait_for_status(page, f"”{_query_words(query)}”")
    if every:
        widen(page)
        return every_result(tab)
    return page.evaluate(_RESULT_PAGES, tab.base_url)


def every_result(tab) -> list[str]:
    """Choose "Visa fler träffar" until every result of the current query is shown."""
    page = tab.page
    while page.is_visible(".tp-search__more"):
        before = len(page.evaluate(_RESULT_PAGES, tab.base_url))
        page.click(".tp-search__more")
        page.wait_for_function("n => document.querySelectorAll('.tp-search__result').length > n", arg=before)
    return page.evaluate(_RESULT_PAGES, tab.base_url)


def widen(page) -> None:
    """Choose "Sök också i uppföljningar och indikatorer" if the box offers it, and wait for the results."""
    if page.is_visible(WIDER):
        page.click(WIDER)
        page.wait_for_function("t => { const s = document.querySelector('.tp-search__status')?.textContent || '';"
                               " return s.includes('träff') && !s.includes(t); }", arg=PLANS_ONLY, timeout=15000)


def wait_for_status(page, text: str) -> None:
    page.wait_for_function("t => (document.querySelector('.tp-search__status')?.textContent || '').includes(t)",
                           arg=text, timeout=15000)


def choose_filter(page, select: str, value: str) -> None:
    """Pick a filter value as a visitor does: the values load when the filter first gets focus."""
    page.focus(select)
    page.wait_for_function("s => document.querySelector(s).options.length > 1", arg=select)
    page.select_option(select, value)


def _is_document_page(path: str) -> bool:
    return path in site_pages().documents


# --- The box itself. -------------------------------------------------------------------------------

def test_search_box_is_labelled_in_swedish(desktop):
    desktop.open("")
    page = desktop.page
    assert page.get_attribute(INPUT, "placeholder") == "Sök"
    label = page.inner_text("label[for='tp-search-input']")
    assert label == "Sök i planerna", f"sökrutans etikett: {label!r}"
    assert page.get_attribute("form.tp-search__form", "role") == "search"


def test_first_query_fetches_no_filter_values(desktop):
    """The municipality list for the filter is fetched when a filter is used, not on every search."""
    desktop.open("")
    search(desktop, "narkotika")
    assert not [u for u in desktop.requests if "/pagefind/filter/" in u]
    desktop.page.focus("#tp-search-kommun")
    desktop.page.wait_for_function("() => document.querySelector('#tp-search-kommun').options.length > 4")


def test_page_load_fetches_no_search_code_until_the_box_gets_focus(desktop):
    desktop.open("kungalv/")
    page = desktop.page
    page.wait_for_timeout(300)
    early = [u for u in desktop.requests if "/pagefind/" in u or u.endswith("/search.js")]
    assert early == [], f"sökningen hämtades innan någon sökte: {early}"
    page.focus(INPUT)
    page.wait_for_function("() => !!document.querySelector('.tp-search__status')")
    assert any("/pagefind/pagefind.js" in u for u in desktop.requests), "Pagefind laddas inte vid fokus"


# --- What residents look for. ----------------------------------------------------------------------

def test_narkotika_lists_the_plans_of_kungalv_and_hedemora_first(desktop):
    desktop.open("")
    found = search(desktop, "narkotika")
    assert set(found[:2]) == {KUNGALV, HEDEMORA}, f"narkotika gav: {found[:6]}"


def test_trygghetsvandringar_lists_the_plans_with_trygghetsvandringar_first(desktop):
    desktop.open("")
    found = search(desktop, "trygghetsvandringar")
    assert set(found[:3]) == {HEDEMORA, STOCKHOLM, KOPING}, f"trygghetsvandringar gav: {found[:6]}"


def test_vald_i_nara_relation_lists_plans_first(desktop):
    desktop.open("")
    found = search(desktop, "våld i nära relation")
    top = found[:3]
    assert all(_is_document_page(p) for p in top), f"inte planer överst: {top}"
    assert {KUNGALV, HEDEMORA} <= set(top), f"våld i nära relation gav: {found[:6]}"


@pytest.mark.parametrize("query", ["lärplattformen", "kommunikationsplan", "koncernbolagen"])
def test_words_in_kungalvs_activity_tables_find_kungalvs_plan(desktop, query):
    """The issue's examples: these words are only in the activity tables of Kungälv's plan."""
    desktop.open("")
    found = search(desktop, query)
    assert found and found[0] == KUNGALV, f"{query} gav: {found[:6]}"


def test_kungsholmen_lists_the_kungsholmen_plan_first(desktop):
    desktop.open("")
    found = search(desktop, "Kungsholmen")
    assert found and found[0] == STOCKHOLM, f"Kungsholmen gav: {found[:6]}"


def test_full_unit_name_finds_the_plan_that_only_abbreviates_it(desktop):
    """Kungälv's plan names units by abbreviation (ToS); the full name is indexed from the abbr title."""
    desktop.open("")
    found = search(desktop, "Sektor Trygghet och Stöd")
    assert KUNGALV in found[:3], f"Sektor Trygghet och Stöd gav: {found[:6]}"


@pytest.mark.parametrize(("singular", "plural"), [("trygghetsvandring", "trygghetsvandringar"),
                                                   ("insats", "insatser"), ("åtgärd", "åtgärder")])
def test_singular_and_plural_find_the_same_pages(desktop, singular, plural):
    desktop.open("")
    one, many = set(search(desktop, singular, every=True)), set(search(desktop, plural, every=True))
    assert one and one == many, f"bara med {singular}: {sorted(one - many)}, bara med {plural}: {sorted(many - one)}"


def test_plural_finds_a_page_that_only_has_the_singular(desktop):
    desktop.open("stockholm/samverkan/")
    text = desktop.page.inner_text("article").lower()
    assert "trygghetsvandring" in text and "trygghetsvandringar" not in text, "testdata har ändrats"
    assert "stockholm/samverkan/" in search(desktop, "trygghetsvandringar", every=True)


def test_results_name_municipality_and_plan(desktop):
    desktop.open("")
    search(desktop, "narkotika", every=True)
    items = desktop.page.evaluate("""() => [...document.querySelectorAll('.tp-search__result')].map(li => ({
        title: li.querySelector('.tp-search__link').textContent,
        href: li.querySelector('.tp-search__link').getAttribute('href'),
        about: li.querySelector('.tp-search__about')?.textContent || ''}))""")
    by_path = {re.sub(r"^/", "", item["href"]): item for item in items}
    kungalv = by_path[KUNGALV]
    assert kungalv["title"] == "Trygg i Kungälv" and "Kungälv" in kungalv["about"], kungalv
    indicators = [i for p, i in by_path.items() if "/indikatorer/" in p]
    assert indicators, "inga indikatorsidor bland träffarna för narkotika"
    for item in indicators:
        assert "Indikator" in item["about"] and " · " in item["about"], item


def test_first_query_searches_the_plans_and_offers_the_follow_ups_and_indicators(desktop):
    """The first query fetches nothing of the second bundle; the button adds its pages to the results.

    "trygghet" is on more plan and municipality pages than one page of results holds, and on
    follow-up and indicator pages too.
    """
    desktop.open("")
    page = desktop.page
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    first = search(desktop, "trygghet")
    assert page.inner_text(STATUS).endswith(PLANS_ONLY), page.inner_text(STATUS)
    assert first and not any("/indikatorer/" in p or "/uppfoljning-" in p for p in first), first
    assert not any("/pagefind-fler/" in url for url in fetched), "den första frågan hämtade andra delen av indexet"
    assert page.is_visible(WIDER)
    widen(page)
    for _ in range(50):  # the worker's requests may be reported a moment after the results show
        if any("/pagefind-fler/" in url for url in fetched):
            break
        page.wait_for_timeout(100)
    assert any("/pagefind-fler/" in url for url in fetched), fetched
    assert not page.is_visible(WIDER), "knappen finns kvar när allt redan söks"
    every = every_result(desktop)
    assert any("/indikatorer/" in p or "/uppfoljning-" in p for p in every), every
    assert set(first) <= set(every), every
    assert PLANS_ONLY not in page.inner_text(STATUS)


def test_few_hits_in_the_plans_search_the_indicators_by_themselves(desktop):
    """"ekobrott" is only on Kungälv's indicator pages: the box looks there without being asked."""
    source = _source_text()
    assert "ekobrott" in source.lower(), "testdata har ändrats"
    desktop.open("")
    found = search(desktop, "ekobrott")
    assert found and all(p.startswith("kungalv/indikatorer/") for p in found), found
    assert PLANS_ONLY not in desktop.page.inner_text(STATUS)
    assert not desktop.page.is_visible(WIDER)


def test_keyboard_reaches_the_button_for_follow_ups_and_indicators(desktop):
    desktop.open("")
    page = desktop.page
    search(desktop, "trygghet")
    page.focus(WIDER)
    assert _focus_is_visible(page), "ingen synlig fokusmarkering på knappen"
    page.keyboard.press("Enter")
    page.wait_for_function("t => !(document.querySelector('.tp-search__status')?.textContent || '').includes(t)"
                           " && document.activeElement.classList.contains('tp-search__link')", arg=PLANS_ONLY)


def test_one_letter_words_are_not_highlighted(desktop):
    desktop.open("")
    search(desktop, "våld i nära relation")
    marks = desktop.page.eval_on_selector_all(".tp-search__results mark", "ms => ms.map(m => m.textContent)")
    assert marks, "inga markerade ord i utdragen"
    short = [m for m in marks if len(m.strip()) <= 1]
    assert short == [], f"markerade enbokstavsord: {short[:10]}"


def test_no_results_suggests_the_municipality_list(desktop):
    desktop.open("hedemora/")
    page = desktop.page
    search(desktop, "xyzzyplugh")
    status = page.inner_text(STATUS)
    assert status.startswith("Inga träffar") and "listan över kommuner" in status, status
    link = page.locator(".tp-search__hint a")
    assert link.is_visible()
    href = link.get_attribute("href")
    assert href.rstrip("/").endswith("/kommuner"), href


# --- Filters. --------------------------------------------------------------------------------------

def test_municipality_filter_narrows_the_results(desktop):
    desktop.open("")
    page = desktop.page
    everywhere = search(desktop, "trygghetsvandringar", every=True)
    choose_filter(page, "#tp-search-kommun", "Köping")
    wait_for_status(page, "i Köping")
    while page.is_visible(".tp-search__more"):
        page.click(".tp-search__more")
        page.wait_for_timeout(200)
    in_koping = page.evaluate(_RESULT_PAGES, desktop.base_url)
    assert in_koping and all(p.startswith("koping/") for p in in_koping), in_koping
    assert KOPING in in_koping and len(in_koping) < len(everywhere)
    assert set(in_koping) == {p for p in everywhere if p.startswith("koping/")}


def test_document_kind_filter_keeps_only_that_kind(desktop):
    desktop.open("")
    page = desktop.page
    search(desktop, "trygghetsvandringar")
    choose_filter(page, "#tp-search-typ", "Riktlinje")
    options = page.eval_on_selector_all("#tp-search-typ option", "os => os.map(o => o.value)")
    assert {"Plan", "Riktlinje", "Åtgärdsplan"} <= set(options), options
    wait_for_status(page, "dokumenttyp riktlinje")
    found = page.evaluate(_RESULT_PAGES, desktop.base_url)
    assert found and found[0] == KOPING and HEDEMORA not in found, found


# --- Keyboard, screen readers, axe, small screens, no JavaScript. ----------------------------------

def _focus_is_visible(page) -> bool:
    return page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }""")


def test_keyboard_only_search(desktop):
    desktop.open("om/")
    page = desktop.page
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "tp-search-input":
            break
    else:
        pytest.fail("Tab når aldrig sökrutan")
    assert _focus_is_visible(page), "sökrutan har ingen synlig fokusmarkering"
    page.keyboard.type("lärplattformen", delay=15)
    wait_for_status(page, "”lärplattformen”")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.classList.contains('tp-search__link')")
    assert _focus_is_visible(page), "träfflänken har ingen synlig fokusmarkering"
    page.keyboard.press("Escape")
    assert page.is_hidden(PANEL) and page.evaluate("() => document.activeElement.id") == "tp-search-input"
    # A new query; Tab from the box goes through the filters into the results; Enter opens a result.
    page.keyboard.press("Control+A")
    page.keyboard.type("koncernbolagen", delay=15)
    wait_for_status(page, "”koncernbolagen”")
    assert page.is_visible(PANEL)
    reached = []
    for _ in range(6):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.id || document.activeElement.className"))
        assert _focus_is_visible(page), f"ingen synlig fokusmarkering på {reached[-1]}"
        if "tp-search__link" in reached[-1]:
            break
    assert reached[:2] == ["tp-search-kommun", "tp-search-typ"], reached
    assert "tp-search__link" in reached[-1], reached
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(KUNGALV)))


def test_result_count_is_announced_to_screen_readers(desktop):
    desktop.open("")
    page = desktop.page
    search(desktop, "narkotika")
    status = page.locator(STATUS)
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert re.match(r"\d+ träffar för ”narkotika”\.", status.inner_text()), status.inner_text()


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
def test_search_ui_has_no_axe_violations(request, viewport):
    tab = request.getfixturevalue(viewport)
    tab.open("om/")  # a short page: the search UI is the same on every page, and axe is slow on long ones
    search(tab, "narkotika")
    assert tab.page.is_visible(PANEL)
    violations = run_axe(tab.page)
    assert violations == [], format_violations(f"om/ med sökresultat ({viewport})", violations)
    assert tab.errors == [], tab.errors


def test_search_works_at_375_px(mobile):
    mobile.open("kungalv/")
    page = mobile.page
    assert page.is_visible(INPUT)
    found = search(mobile, "narkotika")
    assert found
    box = page.locator(PANEL).bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375, box
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"sidan rullar {overflow} px i sidled med sökresultaten öppna"
    link = page.locator(".tp-search__link").first
    link_box = link.bounding_box()
    assert link_box["x"] + link_box["width"] <= 375, link_box


def test_without_javascript_the_box_is_a_link_to_the_municipality_list(chromium, base_url):
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(base_url + "kungalv/")
        assert page.is_hidden(INPUT), "sökrutan visas utan JavaScript"
        link = page.locator(".tp-search__fallback")
        assert link.is_visible() and link.inner_text() == "Hitta din kommun"
        assert link.get_attribute("href").rstrip("/").endswith("kommuner")
        link.click()
        page.wait_for_url(re.compile(r"/kommuner/$"))
    finally:
        context.close()


# --- The index text itself (what Pagefind extracted from the built pages). --------------------------

def _fragments(site: Path, bundles: tuple[str, ...] = ("pagefind", "pagefind-fler")) -> list[dict]:
    fragments = []
    for path in sorted(p for bundle in bundles for p in (site / bundle / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"pagefind_dcd"), path
        fragments.append(json.loads(raw[len(b"pagefind_dcd"):]))
    return fragments


def _source_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "plans").rglob("*.yaml")))


def test_index_has_labels_and_values_apart(built_site):
    """A word with a capital inside ("MetoderTrygghetsvandringar") must be spelt so in the sources."""
    source = _source_text()
    glued = {}
    for fragment in _fragments(built_site):
        for word in re.findall(r"\w*[a-zåäö0-9)][A-ZÅÄÖ]\w*", fragment["content"]):
            if word not in source:
                glued.setdefault(word, fragment["url"])
    assert glued == {}, f"ihopklistrade ord i sökindexet: {dict(list(glued.items())[:15])}"


def test_index_covers_resident_pages_and_leaves_out_guides_and_navigation(built_site):
    urls = {f["url"].strip("/") + "/" for f in _fragments(built_site)}
    pages = site_pages()
    missing = [p for p in [*pages.documents, *pages.municipalities, *pages.indicators, *pages.forums,
                           *pages.followups, "om/"] if p not in urls]
    assert missing == [], f"sidor som saknas i sökindexet: {missing[:10]}"
    # Unit pages repeat the plan's actions per unit; the plan page names every unit in full.
    assert pages.units and not set(pages.units) & urls, "enheternas sidor är med i sökindexet"
    assert not any(u.startswith("bidra/") for u in urls), "bidragsguiderna är med i sökindexet"
    assert "/" not in urls and "kommuner/" not in urls, "startsidan eller kommunlistan är med i sökindexet"


def test_index_has_every_action_activity_and_responsible_unit(built_site):
    from tryggplan.load.project import load_paths

    project = load_paths([REPO / "plans"], base=REPO).project
    content = {f["url"].strip("/") + "/": " ".join(f["content"].split()) for f in _fragments(built_site)}
    filters = {f["url"].strip("/") + "/": f["filters"] for f in _fragments(built_site)}
    missing = []
    for muni in project.municipalities.values():
        for doc in muni.documents.values():
            path = f"{muni.id}/{doc.id}/"
            text = content[path]
            assert filters[path].get("kommun") == [muni.name] and filters[path].get("dokumenttyp"), filters[path]
            for area in doc.areas:
                for action in _actions(area):
                    for needle in [action.title, *(activity.title for activity in action.activities),
                                   action.timing.text]:
                        words = " ".join(re.sub(r"<[^>]+>|[*_`]", "", needle).split())[:60]
                        if words and words not in text:
                            missing.append((path, words))
                    unit_ids = [*_unit_ids(action), *(u for a in action.activities for u in _unit_ids(a))]
                    for unit_id in unit_ids:
                        unit = muni.units.get(unit_id)
                        if unit and unit.name not in text:
                            missing.append((path, unit.name))
    assert missing == [], f"saknas i sökindexet: {missing[:10]}"


def _actions(area):
    yield from area.actions
    for sub in area.areas:
        yield from _actions(sub)


def _unit_ids(item) -> list[str]:
    return [*item.responsible.lead, *item.responsible.participants]


def test_index_leaves_out_the_links_back_to_the_plan(built_site):
    """Indicator and follow-up pages name their plan in the result; the link rows are not indexed."""
    pages = site_pages()
    by_url = {f["url"].strip("/") + "/": f for f in _fragments(built_site)}
    checked = 0
    for url in [*pages.indicators, *pages.followups]:
        html = (built_site / url / "index.html").read_text(encoding="utf-8")
        context = re.findall(r'<dd class="tp-context">(.*?)</dd>', html)
        assert context, f"{url}: raden Dokument saknar klassen tp-context"
        for value in context:
            text = " ".join(re.sub(r"<[^>]+>", " ", value).split())
            assert "Dokument " + text not in " ".join(by_url[url]["content"].split()), url
        checked += 1
    assert checked


def test_index_leaves_out_how_a_derived_tag_was_computed(built_site):
    """The same note stands on every plan whose validity is computed; it would match "trygg…" everywhere."""
    pages = [p for p in site_pages().documents
             if 'class="tp-derived-note"' in (built_site / p / "index.html").read_text(encoding="utf-8")]
    assert pages, "ingen plansida har en beräknad giltighet längre"
    for fragment in _fragments(built_site, ("pagefind",)):
        assert "Beräknat ur datumen" not in fragment["content"], fragment["url"]
        assert "Beräknat av tryggplan" not in fragment["content"], fragment["url"]

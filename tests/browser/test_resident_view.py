"""The resident's view: the answer first on a phone, only public text, Swedish 404, print and overview.

What is asserted:
1. At 375 px, the first action of every bundled plan (its card with vem, när and status) ends
   within the first three viewport heights.
2. No resident page shows a schema field name (responsible_text, followup_plan, lead …) or a
   plan file name, and none says "Not found"; the collapsed "Om uppgifterna" block is the only
   place for notes made while encoding and is left out of the check.
3. axe-core finds nothing on the overview, the 404 page and a plan page in print media.
4. The 404 page is Swedish, links to the start page and says how to search.
5. Printing a plan to A4 (Chromium's PDF) keeps every action and the responsibilities, and no
   table or card is wider than the printed page.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import REPO, SCREENSHOTS, format_violations, run_axe, site_pages

PAGES = site_pages()
PLANS_WITH_ACTIONS = [p for p in PAGES.documents if not p.startswith("koping/")] or PAGES.documents


def _field_names() -> set[str]:
    """Every property name in the schemas that a resident would see as code (snake_case), plus a few."""
    names: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in (node.get("properties") or {}).items():
                if "_" in key:
                    names.add(key)
                walk(value)
            for value in node.values():
                if isinstance(value, (dict, list)):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in (REPO / "schema").glob("*.schema.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return names | {"participants", "(lead)", "organisation.yaml", "plan.yaml", "indicators.yaml", "followup/"}


FIELD_NAMES = sorted(_field_names())
RESIDENT_PAGES = [p for p in PAGES.all_generated if not p.startswith("bidra/")]

_VISIBLE_TEXT = """() => {
  const root = document.querySelector('.md-content').cloneNode(true);
  root.querySelectorAll('details.tp-about-data').forEach(e => e.remove());
  return root.innerText + ' ' + document.title;
}"""

_FIRST_ACTION_BOTTOM = """() => {
  const card = document.querySelector('.tp-action-card');
  if (!card) return null;
  const summary = card.querySelector('.tp-action-summary') || card;
  return {bottom: summary.getBoundingClientRect().bottom + window.scrollY, vh: window.innerHeight};
}"""


@pytest.mark.parametrize("path", PLANS_WITH_ACTIONS, ids=lambda p: p.strip("/"))
def test_first_action_within_three_screens_on_a_phone(mobile, path):
    mobile.open(path)
    found = mobile.page.evaluate(_FIRST_ACTION_BOTTOM)
    if found is None:
        pytest.skip(f"/{path} har inga åtgärder")
    screens = found["bottom"] / found["vh"]
    assert screens <= 3, f"/{path}: första åtgärden slutar {screens:.1f} skärmhöjder ned (högst 3)"


def test_every_bundled_plan_with_actions_was_checked():
    from tryggplan import urls
    from tryggplan.load.project import load_paths

    project = load_paths([REPO / "plans"], base=REPO).project
    with_actions = {urls.document_page(d)[:-len("index.md")] for d in project.documents() if d.all_actions()}
    assert with_actions <= set(PLANS_WITH_ACTIONS)


def test_no_schema_field_or_file_name_and_no_not_found(desktop):
    """Every generated resident page (not the contributor guides under bidra/), in one tab."""
    assert len(RESIDENT_PAGES) > 20
    problems = []
    for path in RESIDENT_PAGES:
        desktop.open(path)
        text = desktop.page.evaluate(_VISIBLE_TEXT)
        shown = [name for name in FIELD_NAMES if re.search(rf"(?<![\w/-]){re.escape(name)}(?![\w-])", text)]
        if shown:
            problems.append(f"/{path}: {shown}")
        if "Not found" in text:
            problems.append(f"/{path}: Not found")
    assert not problems, "Sidor visar fältnamn, filnamn eller engelska felmeddelanden:\n" + "\n".join(problems)


def test_404_is_swedish_with_search_and_links(desktop):
    # The test server (http.server) answers a missing path with its own page; a web host serves
    # site/404.html for it, so that is the page checked here.
    desktop.open("404.html")
    text = desktop.page.inner_text(".md-content")
    assert "Sidan finns inte" in text and "Not found" not in text and "404 -" not in text
    assert "sökrutan" in text
    assert desktop.page.locator(".md-content a[href]").count() >= 3
    assert "Sidan finns inte" in desktop.page.title()


@pytest.mark.parametrize("path", ["oversikt/", "404.html", *PAGES.municipalities[:1]],
                         ids=["oversikt", "404", "kommun"])
def test_axe_on_overview_404_and_municipality(desktop, path):
    desktop.page.goto(desktop.base_url + path, wait_until="load")
    violations = run_axe(desktop.page)
    assert not violations, format_violations(path, violations)


@pytest.mark.parametrize("path", PAGES.documents, ids=lambda p: p.strip("/"))
def test_axe_on_plan_in_print_media(desktop, path):
    desktop.open(path)
    desktop.page.emulate_media(media="print")
    violations = run_axe(desktop.page)
    assert not violations, format_violations(path + " (utskrift)", violations)


_TOO_WIDE = """(limit) => [...document.querySelectorAll('.md-content table, .md-content .tp-action-card, .md-content dl')]
  .filter(e => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().right > limit + 1)
  .map(e => e.tagName.toLowerCase() + '.' + (e.className || '') + ' ' + Math.round(e.getBoundingClientRect().right))
  .slice(0, 5)"""


@pytest.mark.parametrize("path", PAGES.documents + PAGES.responsibilities, ids=lambda p: p.strip("/"))
def test_print_a4_keeps_actions_and_nothing_is_cut_off(desktop, path):
    page = desktop.page
    desktop.open(path)
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")  # Material opens every details
    page.emulate_media(media="print")
    # A4 is 210 mm; with 14 mm margins the printed width is 182 mm = 688 CSS px.
    page.set_viewport_size({"width": 688, "height": 1000})
    too_wide = page.evaluate(_TOO_WIDE, 688)
    assert not too_wide, f"/{path}: bredare än A4-sidan i utskrift: {too_wide}"
    hidden = page.evaluate("""() => [...document.querySelectorAll('.tp-action-title, .tp-resp-list h3')]
        .filter(e => e.getBoundingClientRect().height === 0).length""")
    assert hidden == 0, f"/{path}: {hidden} åtgärder eller enheter syns inte i utskrift"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = path.strip("/").replace("/", "_")
    pdf = page.pdf(format="A4", print_background=True, path=str(SCREENSHOTS / f"utskrift-{name}.pdf"))
    assert pdf[:5] == b"%PDF-"

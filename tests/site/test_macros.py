"""The macro catalogue: every macro registered and documented, the generated pages made of the same
views, links that work on any page, and Swedish errors for ids that do not exist."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from tp_site_support import ACCESSIBILITY, TODAY

from tryggplan import macros, urls
from tryggplan.load.project import load_paths
from tryggplan.settings import SiteSettings
from tryggplan.site import generate
from tryggplan.site.build import BuildState, set_current
from tryggplan.site.catalogue import MACROS, MacroContext, MacroError, call, locate, take_failures
from tryggplan.site.embed import body, rebase, served
from tryggplan.site.macro_pages import MACRO_CATALOGUE_PAGE, macro_anchor, render_macro_catalogue

ROOT = Path(__file__).resolve().parents[2]
HREF = re.compile(r'\b(?:href|src)="([^"]*)"')


@pytest.fixture(scope="module")
def bundled() -> BuildState:
    result = load_paths([ROOT / "plans"], base=ROOT)
    assert result.project is not None
    return BuildState(ROOT, result.project, SiteSettings(today=TODAY, accessibility=dict(ACCESSIBILITY)))


@pytest.fixture()
def fixture_state(project, settings) -> BuildState:
    return BuildState(ROOT, project, settings)


class FakeEnv:
    def __init__(self) -> None:
        self.macros: dict = {}
        self.page = None

    def macro(self, func, name=""):
        self.macros[name or func.__name__] = func
        return func


def test_macros_module_registers_every_catalogue_macro_with_its_docstring(bundled):
    env = FakeEnv()
    macros.define_env(env)
    assert set(env.macros) == set(MACROS)
    set_current(bundled)
    for name, func in env.macros.items():
        assert func.__doc__ == MACROS[name].doc and MACROS[name].doc, name
    page = type("P", (), {"file": type("F", (), {"src_uri": "bidra/exempelsida.md", "abs_src_path": None})()})()
    env.page = page
    assert env.macros["vem_gor_vad"]("kungalv/trygg-i-kungalv") == call(
        "vem_gor_vad", MacroContext(bundled, "bidra/exempelsida.md"), "kungalv/trygg-i-kungalv")
    # A bad id is recorded (the hook stops the build with it) instead of raising inside Jinja.
    assert env.macros["vem_gor_vad"]("kungalv/finns-inte") == ""
    failures = take_failures()
    assert "kungalv/finns-inte" in failures and "webbplatsen byggdes inte" in failures
    assert take_failures() == ""


def test_catalogue_page_lists_every_macro_with_signature_docstring_and_example():
    text = render_macro_catalogue()
    for name, entry in MACROS.items():
        assert f"#{macro_anchor(name)}" in text, name
        assert entry.signature in text.replace("&quot;", '"'), name
        first_sentence = " ".join(entry.doc.split())[:60]
        assert first_sentence.replace('"', "&quot;") in " ".join(text.split()), name
        assert f"{{{{ {entry.example} }}}}".replace('"', "&quot;") in text, name


def test_catalogue_page_is_generated_and_every_example_runs_on_the_bundled_plans(bundled):
    pages, _ = generate(bundled.project, bundled.settings)
    assert MACRO_CATALOGUE_PAGE in {p.path for p in pages}
    for name, entry in MACROS.items():
        args = re.findall(r'"([^"]*)"', entry.example)
        assert call(name, MacroContext(bundled, "bidra/exempelsida.md"), *args).strip(), name


def test_generated_pages_are_made_of_the_macro_views(bundled):
    """Each generated page contains exactly what its macro shows when called on that page."""
    project, settings = bundled.project, bundled.settings
    pages = {p.path: p.content for p in generate(project, settings)[0]}

    def on(page: str, name: str, *args: str) -> str:
        return call(name, MacroContext(bundled, page), *args).strip()

    checked = 0
    for muni in project.municipalities.values():
        for doc in muni.documents.values():
            plan = pages[urls.document_page(doc)]
            assert on(urls.document_page(doc), "plan_atgarder", doc.key) in plan
            if doc.all_actions() or doc.indicators:
                assert on(urls.document_page(doc), "framsteg", doc.key) in plan
            if doc.all_actions():
                assert on(urls.responsibility_page(doc), "vem_gor_vad", doc.key) in pages[urls.responsibility_page(doc)]
            for followup in doc.followups:
                page = urls.followup_page(doc, followup.period)
                assert on(page, "uppfoljning", doc.key, followup.period) in pages[page]
            for indicator in doc.indicators:
                page = urls.indicator_page(muni, indicator)
                shown = on(page, "indikatordiagram", f"{muni.id}/{indicator.id}")
                if "<figure" not in shown:  # no values yet: neither the macro nor the page draws a chart
                    assert "inga värden ännu" in shown and "<figure" not in pages[page]
                    continue
                figure_and_table = shown[shown.index("<figure"):shown.rindex("</table>") + len("</table>")]
                assert figure_and_table in pages[page]
            checked += 1
        for unit in muni.units.values():
            page = urls.unit_page(muni.id, unit.id)
            assert on(page, "enhetens_ansvar", f"{muni.id}/{unit.id}") in pages[page]
        if any(d.indicators for d in muni.documents.values()):
            page = urls.indicators_index_page(muni.id)
            assert on(page, "indikatorer", muni.id) in pages[page]
    assert checked == len(project.documents())


def _targets(html: str, page: str) -> list[str]:
    """Every relative link of a fragment as a path from the site root (anchors kept)."""
    out = []
    for url in HREF.findall(html):
        if url.startswith(("http:", "https:", "mailto:", "/")) or url.startswith("#"):
            continue
        path, _, fragment = url.partition("#")
        out.append(posixpath.normpath(posixpath.join(served(page) or ".", path)) + "#" + fragment)
    return out


@pytest.mark.parametrize("host", ["index.md", "bidra/exempelsida.md", "a/b/c/d.md", "kungalv/trygg-i-kungalv/index.md"])
def test_a_view_placed_on_another_page_links_to_the_same_targets(bundled, host):
    project = bundled.project
    doc = project.document("kungalv/trygg-i-kungalv")
    muni = project.municipalities["kungalv"]
    for name, args, origin in [
        ("vem_gor_vad", (doc.key,), urls.responsibility_page(doc)),
        ("enhetens_ansvar", ("kungalv/polisen",), urls.unit_page("kungalv", "polisen")),
        ("framsteg", ("kungalv/program-social-hallbarhet",),
         urls.document_page(project.document("kungalv/program-social-hallbarhet"))),
        ("indikatorer", ("kungalv",), urls.indicators_index_page(muni.id)),
    ]:
        at_home = call(name, MacroContext(bundled, origin), *args)
        moved = call(name, MacroContext(bundled, host), *args)
        assert _targets(at_home, origin), name
        assert _targets(moved, host) == _targets(at_home, origin), name


def test_rebase_keeps_external_links_and_anchors_inside_the_fragment():
    html = ('<a href="https://example.org/x">x</a><a href="#own">o</a><h2 id="own">O</h2>'
            '<a href="#elsewhere">e</a><a href="../enheter/tos/">t</a><img src="diagram.svg">')
    moved = rebase(html, "kungalv/samverkan.md", "bidra/exempelsida.md")
    assert 'href="https://example.org/x"' in moved
    assert 'href="#own"' in moved
    assert 'href="../../kungalv/samverkan/#elsewhere"' in moved
    assert 'href="../../kungalv/enheter/tos/"' in moved
    assert 'src="../../kungalv/samverkan/diagram.svg"' in moved
    assert rebase(html, "a.md", "a.md") == html


def test_body_drops_front_matter_and_title_only():
    assert body('---\nrender_macros: false\n---\n\n# Titel\n\nText {{ x }}\n') == "\nText {{ x }}\n"
    assert body("<p>Bara text</p>") == "<p>Bara text</p>"


@pytest.mark.parametrize(("name", "args", "expected"), [
    ("vem_gor_vad", ("exempelby/finns-inte",), 'dokument "exempelby/finns-inte"'),
    ("vem_gor_vad", ("exempelby",), "kommun/dokument"),
    ("plan_sammanfattning", ("exempelby/trygg-i-exempelby/extra",), "finns inget dokument"),
    ("plan_atgarder", ("exempelby/trygg-i-exempelby", "inget-omrade"), 'inget område "inget-omrade"'),
    ("enhetens_ansvar", ("exempelby/tos-x",), '"exempelby/tos"'),
    ("enhetens_ansvar", ("ingenby/tos",), "ingen enhet eller part"),
    ("indikatordiagram", ("exempelby/ingen",), "ingen indikator"),
    ("uppfoljning", ("exempelby/trygg-i-exempelby", "1999"), '"2025"'),
    ("indikatorer", ("ingenby",), "ingen kommun"),
    ("tryggplan_antal", ("pengar",), "okänt slag"),
    ("framsteg", (), "Skriv framsteg(dokument)"),
    ("framsteg", (42,), "inom citattecken"),
    ("finns_inte", (), "Makron som finns"),
])
def test_bad_ids_and_arguments_give_a_swedish_error(fixture_state, name, args, expected):
    with pytest.raises(MacroError) as caught:
        call(name, MacroContext(fixture_state, "bidra/exempelsida.md"), *args)
    assert expected in caught.value.message + " " + caught.value.hint


def test_a_failed_call_is_located_at_its_line_and_column():
    source = '---\nrender_macros: true\n---\n\n{{ framsteg("a/b") }}\n\n  {{ framsteg() }}\n'
    assert locate(source, "framsteg", ("a/b",)) == (5, 4)
    assert locate(source, "framsteg", ()) == (7, 6)
    assert locate(source, "vem_gor_vad", ()) == (1, 1)

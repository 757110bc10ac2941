"""Full MkDocs builds: the bundled plans build cleanly, and a broken plan stops the build."""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tryggplan import urls
from tryggplan.load.project import load_paths

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
FIXTURE_PLANS = ROOT / "tests" / "site" / "fixtures" / "plans"
ENV = os.environ | {"NO_MKDOCS_2_WARNING": "1"}

pytestmark = [pytest.mark.build, pytest.mark.xdist_group("build")]


#: The hand-written example page (docs/bidra/exempelsida.md) uses the bundled ids; a project around
#: the Exempelby fixture gets this one instead, which calls every macro that takes ids.
EXAMPLE_PAGE = "bidra/exempelsida.md"
FIXTURE_EXAMPLE = """---
render_macros: true
---

# Exempel

{{ plan_sammanfattning("exempelby/trygg-i-exempelby") }}

{{ framsteg("exempelby/trygg-i-exempelby") }}

{{ plan_atgarder("exempelby/trygg-i-exempelby") }}

{{ vem_gor_vad("exempelby/trygg-i-exempelby") }}

{{ enhetens_ansvar("exempelby/tos") }}

{{ indikatordiagram("exempelby/otrygghet") }}

{{ uppfoljning("exempelby/trygg-i-exempelby", "2025") }}

{{ indikatorer("exempelby") }}
"""


def make_project(tmp: Path, plans: Path, today: str = "2026-11-22", example: str = FIXTURE_EXAMPLE) -> Path:
    """A copy of the site project (config, hooks, theme overrides, docs) around another plans folder."""
    for name in ("hooks", "overrides", "docs"):
        shutil.copytree(ROOT / name, tmp / name)
    (tmp / "docs" / EXAMPLE_PAGE).write_text(example, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("    # today: 2026-11-22", f'    today: "{today}"')
    (tmp / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(plans, tmp / "plans")
    return tmp


def build(project: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*MKDOCS, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                          cwd=project, capture_output=True, text=True, env=ENV, timeout=600, check=False)


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    site = tmp_path_factory.mktemp("site")
    result = subprocess.run([*MKDOCS, "build", "--strict", "-d", str(site)], cwd=ROOT, capture_output=True,
                            text=True, env=ENV, timeout=600, check=False)
    return site, result


def page_html(site: Path, page: str) -> str:
    served = urls.href("index.md", page)
    return (site / served / "index.html").read_text(encoding="utf-8")


def test_bundled_plans_build_without_warnings(bundled_site):
    site, result = bundled_site
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert not [line for line in output.splitlines() if "WARNING" in line]
    assert 'lang="sv"' in (site / "index.html").read_text(encoding="utf-8")


def test_every_action_has_its_anchor_and_every_abbreviation_is_explained(bundled_site):
    site, _ = bundled_site
    project = load_paths([ROOT / "plans"], base=ROOT).project
    for muni in project.municipalities.values():
        for doc in muni.documents.values():
            text = page_html(site, urls.document_page(doc))
            for action in doc.all_actions():
                assert f'id="{urls.action_anchor(action.id)}"' in text, (doc.key, action.id)
            used = {u for action in doc.all_actions() for u in action.units()}
            for unit_id in used:
                unit = muni.units[unit_id]
                if unit.abbreviation:
                    # Explained as <abbr title> (the search hook may add attributes after the title) or as
                    # the full name with the abbreviation in parentheses.
                    abbr = re.compile(f'<abbr title="{re.escape(html.escape(unit.name))}"[^>]*>'
                                      f'{re.escape(html.escape(unit.abbreviation))}</abbr>')
                    full = f"{html.escape(unit.name)} ({html.escape(unit.abbreviation)})"
                    assert abbr.search(text) or full in text, (doc.key, unit_id)
        for unit in muni.units.values():
            if unit.abbreviation:
                assert "<abbr title=" in page_html(site, urls.unit_page(muni.id, unit.id))


def test_no_third_party_requests_and_footer_in_swedish(bundled_site):
    site, _ = bundled_site
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path
        assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', text), path
        assert "Made with" not in text, path
    assert "Tillgänglighetsredogörelse" in (site / "index.html").read_text(encoding="utf-8")


def test_internal_links_resolve(bundled_site):
    """Links in generated HTML are not checked by MkDocs: every relative href must hit a file."""
    site, _ = bundled_site
    indicator_pages_built = any(site.glob("*/indikatorer/index.html"))
    broken = []
    for path in site.rglob("*.html"):
        if path.name == "404.html":
            continue
        for href in re.findall(r'href="([^"#?]+)(?:#[^"]*)?"', path.read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:", href) or href.startswith("/"):
                continue
            target = (path.parent / html.unescape(href)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                if not indicator_pages_built and "/indikatorer/" in target.as_posix():
                    continue  # progress pages are a colleague's provider, not registered yet
                broken.append(f"{path.relative_to(site)} -> {href}")
    assert broken == []


# --- encoding notes stay with staff ----------------------------------------------------------

#: The only place a resident page may show editorial notes: the collapsed block at the bottom.
ABOUT_THE_DATA = re.compile(r'<details class="tp-about-data" id="om-uppgifterna">')
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2019": "'", "\u2018": "'", "\u00a0": " "})


def _plain(text: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(re.sub(r"[*_`\[\]]", "", text).translate(_QUOTES).split())


def without_about_the_data(page: str) -> str:
    """The page without its "Om uppgifterna" blocks (nested <details> inside them counted)."""
    out, pos = [], 0
    for match in ABOUT_THE_DATA.finditer(page):
        if match.start() < pos:
            continue
        out.append(page[pos:match.start()])
        depth, cursor = 1, match.end()
        for tag in re.finditer(r"<(/?)details\b", page[cursor:]):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                cursor += tag.end()
                break
        else:
            raise AssertionError("Om uppgifterna är inte stängt")
        pos = page.index(">", cursor) + 1
    return "".join(out) + page[pos:]


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def readable_text(path: Path) -> str | None:
    """What a resident can read in a built file (HTML minus Om uppgifterna, data files, workbooks, the
    search index fragments), as plain text; None for binary files (images, fonts)."""
    data = path.read_bytes()
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as book:
            return _plain(" ".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xml")))
    if path.suffix == ".pf_fragment":  # Pagefind: gzip with a signature before the JSON
        data = gzip.decompress(data).removeprefix(b"pagefind_dcd")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if path.suffix in (".json", ".pf_fragment"):
        return _plain(" ".join(_strings(json.loads(text))))
    if path.suffix == ".html":
        text = without_about_the_data(text)
    return _plain(text)


def test_about_the_data_cutter_keeps_the_rest_of_the_page(tmp_path):
    page = ('<p>före</p><details class="tp-about-data" id="om-uppgifterna"><summary>Om uppgifterna</summary>'
            '<details><summary>inre</summary>hemligt</details>anteckning</details><p>efter</p>'
            '<details><summary>annat</summary>synligt</details>')
    assert without_about_the_data(page) == "<p>före</p><p>efter</p><details><summary>annat</summary>synligt</details>"
    (tmp_path / "sida.html").write_text(page, encoding="utf-8")
    (tmp_path / "data.json").write_text(json.dumps({"a": ["hemligt \u201dcitat\u201d"]}), encoding="utf-8")
    assert readable_text(tmp_path / "sida.html") == "före efter annat synligt"
    assert readable_text(tmp_path / "data.json") == 'hemligt "citat"'


def test_no_editorial_note_in_any_file_a_resident_can_read_or_download(bundled_site):
    """Every sentence of every editorial_note of the bundled plans (longer than a phrase, and not also said
    in a public field such as remark) is absent from every built file, except inside Om uppgifterna."""
    site, result = bundled_site
    assert result.returncode == 0, result.stderr
    project = load_paths([ROOT / "plans"], base=ROOT).project
    notes: list[str] = []
    public: list[str] = []

    def walk(obj, depth=0):
        if depth > 12 or obj is None or isinstance(obj, int | float | bool):
            return
        if isinstance(obj, str):
            public.append(obj)
        elif isinstance(obj, dict):
            for value in obj.values():
                walk(value, depth + 1)
        elif isinstance(obj, list | tuple):
            for value in obj:
                walk(value, depth + 1)
        elif hasattr(obj, "__dataclass_fields__"):
            for name in obj.__dataclass_fields__:
                if name == "editorial_note":
                    notes.append(getattr(obj, name) or "")
                else:
                    walk(getattr(obj, name), depth + 1)

    walk(project)
    public_text = _plain(" ".join(public))
    sentences = {s for note in notes for s in re.split(r"(?<=[.!?])\s+", _plain(note))
                 if len(s) > 30 and s not in public_text}
    assert len(sentences) > 20  # the bundled seeds carry many notes: the test has something to find
    leaks: dict[str, int] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        text = readable_text(path)
        if text:
            found = sum(s in text for s in sentences)
            if found:
                leaks[path.relative_to(site).as_posix()] = found
    assert leaks == {}, f"redaktionella anteckningar utanför Om uppgifterna: {leaks}"
    plan = next(iter(project.documents()))
    shown = page_html(site, urls.document_page(plan))  # the block itself is still there and still has them
    assert ABOUT_THE_DATA.search(shown)


def test_broken_plan_stops_build_with_located_swedish_message(tmp_path):
    project = make_project(tmp_path / "proj", FIXTURE_PLANS)
    plan = project / "plans" / "exempelby" / "trygg-i-exempelby" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("lead: [tos]", "lead: [tos-finns-inte]", 1),
                    encoding="utf-8")
    site = tmp_path / "site"
    result = build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert re.search(r"plans/exempelby/trygg-i-exempelby/plan\.yaml:\d+:\d+: ref-unknown-unit: ", output), output
    assert "Tips:" in output
    assert not site.exists() or not any(site.iterdir())


def test_fixture_example_page_builds_with_every_macro(tmp_path):
    project = make_project(tmp_path / "proj", FIXTURE_PLANS)
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    text = (site / "bidra" / "exempelsida" / "index.html").read_text(encoding="utf-8")
    assert 'class="tp-dashboard"' in text and 'class="tp-table tp-matrix"' in text and "<svg" in text
    assert 'class="tp-followup"' in text and 'class="tp-indicator-index"' in text
    assert "{{" not in text


def test_bad_macro_ids_stop_the_build_with_every_located_swedish_message(tmp_path):
    example = FIXTURE_EXAMPLE.replace('vem_gor_vad("exempelby/trygg-i-exempelby")', 'vem_gor_vad("exempelby/trygg")')
    example = example.replace('indikatordiagram("exempelby/otrygghet")', 'indikatordiagram("exempelby/otrygg")')
    project = make_project(tmp_path / "proj", FIXTURE_PLANS, example=example)
    site = tmp_path / "site"
    result = build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    line = example.splitlines().index('{{ vem_gor_vad("exempelby/trygg") }}') + 1
    assert f'docs/bidra/exempelsida.md:{line}:4: makro: vem_gor_vad("exempelby/trygg"): det finns inget dokument' in output
    assert 'indikatordiagram("exempelby/otrygg")' in output
    assert '"exempelby/trygg-i-exempelby"' in output  # the hint names what exists
    assert not (site / "bidra" / "exempelsida" / "index.html").exists()

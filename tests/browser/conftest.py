"""Browser test fixtures: one strict build, one local server, one Chromium per test session.

The site is built ONCE per session into a temporary folder (like `mkdocs build --strict`, with a
fixed date so statuses do not change with the calendar), served by a threaded http.server on
127.0.0.1 on a free port, and opened in Debian's /usr/bin/chromium through Playwright.

Without a browser the tests skip with a reason, except when TRYGGPLAN_REQUIRE_BROWSER=1 or CI is
set (.ci/run sets it): then they fail, so CI can never pass by skipping them.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TODAY = dt.date(2026, 11, 22)
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 740}


def browser_required() -> bool:
    return os.environ.get("TRYGGPLAN_REQUIRE_BROWSER", "") not in ("", "0") or bool(os.environ.get("CI"))


def unavailable(reason: str) -> None:
    """Fail in CI (the browser tests must run there), skip with the reason elsewhere."""
    if browser_required():
        pytest.fail(f"Webbläsartesterna kan inte köras: {reason} "
                    "(TRYGGPLAN_REQUIRE_BROWSER=1 eller CI är satt, så det räknas som fel)", pytrace=False)
    pytest.skip(f"webbläsartester hoppas över: {reason} (sätt TRYGGPLAN_REQUIRE_BROWSER=1 för att göra det till fel)")


def pytest_collection_modifyitems(config, items):
    """Everything in this folder is a browser test and runs in one xdist group (one build, one browser)."""
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))


# --- Which pages exist: from the project model, the same way the hook generates them. -------------

@dataclass(frozen=True)
class SitePages:
    start: str
    municipalities_index: str
    accessibility: str
    municipalities: list[str]
    documents: list[str]
    responsibilities: list[str]
    followups: list[str]
    units: list[str]
    forums: list[str]
    indicator_indexes: list[str]
    indicators: list[str]
    all_generated: list[str] = field(default_factory=list)
    #: The macro catalogue (generated) and the hand-written example page that composes macros.
    macro_pages: list[str] = field(default_factory=lambda: ["bidra/makron/", "bidra/exempelsida/"])

    def a11y_pages(self) -> list[str]:
        """The pages the brief names: every plan, every "vem gör vad", one of each other kind."""
        pages = [self.start, self.municipalities_index, "oversikt/", *self.municipalities, *self.documents,
                 *self.responsibilities, *self.followups, self.units[0], *self.forums,
                 self.accessibility, *self.indicator_indexes, self.indicators[0], *self.macro_pages]
        return list(dict.fromkeys(pages))


def served_url(page_path: str) -> str:
    """docs path -> URL path under the site root ("a/b/index.md" -> "a/b/", "a/b.md" -> "a/b/")."""
    stem = page_path[:-3] if page_path.endswith(".md") else page_path
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    return stem + "/"


@functools.cache
def site_pages() -> SitePages:
    from tryggplan import urls
    from tryggplan.load.project import load_paths
    from tryggplan.site import generate
    from tryggplan.site.build import settings_from_extra

    result = load_paths([REPO / "plans"], base=REPO)
    assert result.project is not None, f"plans/ laddas inte: {result.problems[:3]}"
    project = result.project
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTagsLoader)
    extra = dict((config.get("extra") or {}).get("tryggplan") or {})
    extra["today"] = TODAY
    settings = settings_from_extra(extra, site_name=config.get("site_name", ""), git_root=str(REPO))
    pages, _ = generate(project, settings)
    generated = {p.path for p in pages}

    def present(paths):
        return [served_url(p) for p in paths if p in generated]

    munis = list(project.municipalities.values())
    docs = [d for m in munis for d in m.documents.values()]
    unit_pages = sorted(p for p in generated if "/enheter/" in p and not p.endswith("/index.md"))
    indicator_pages = sorted(p for p in generated if "/indikatorer/" in p and not p.endswith("/index.md"))
    # Prefer Kungälv (it has follow-up data, so the indicator page has a chart).
    indicator_pages.sort(key=lambda p: not p.startswith("kungalv/"))
    missing_docs = [urls.document_page(d) for d in docs if urls.document_page(d) not in generated]
    assert not missing_docs, f"plansidor saknas i det genererade: {missing_docs}"
    return SitePages(
        start="",
        municipalities_index="kommuner/",
        accessibility="tillganglighet/",
        municipalities=present(urls.municipality_page(m.id) for m in munis),
        documents=present(urls.document_page(d) for d in docs),
        responsibilities=present(urls.responsibility_page(d) for d in docs),
        followups=present(urls.followup_page(d, f.period) for d in docs for f in d.followups),
        units=[served_url(p) for p in unit_pages],
        forums=present(urls.forums_page(m.id) for m in munis),
        indicator_indexes=present(urls.indicators_index_page(m.id) for m in munis),
        indicators=[served_url(p) for p in indicator_pages],
        all_generated=sorted(served_url(p) for p in generated),
    )


class _IgnoreTagsLoader(yaml.SafeLoader):
    """mkdocs.yml may use !ENV and similar tags; they are irrelevant for listing pages."""


_IgnoreTagsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


# --- Build, serve, launch. ------------------------------------------------------------------------

@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run([sys.executable, str(HERE / "_build_site.py"), str(REPO / "mkdocs.yml"), str(site),
                           TODAY.isoformat()], cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        pytest.fail("mkdocs build --strict misslyckades:\n" + proc.stdout[-4000:] + proc.stderr[-4000:], pytrace=False)
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    """Chromium drops connections it no longer needs; that is no error worth a traceback in the log."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} finns inte (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as err:
        unavailable(f"Python-paketet playwright saknas ({err})")
    if not AXE.exists():
        unavailable(f"{AXE.relative_to(REPO)} saknas (kör npm ci)")
    manager = sync_playwright().start()
    try:
        browser = manager.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    except Exception as err:  # noqa: BLE001 - any launch failure means "no browser here"
        manager.stop()
        unavailable(f"chromium startar inte: {str(err).splitlines()[0]}")
    try:
        yield browser
    finally:
        browser.close()
        manager.stop()


@dataclass
class Tab:
    """A page plus what it did: every request URL and every console error or page error."""

    page: object
    base_url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: str) -> None:
        response = self.page.goto(self.base_url + path, wait_until="load")
        assert response is not None and response.ok, f"{path}: HTTP {response.status if response else '–'}"

    def foreign_requests(self) -> list[str]:
        local = urlsplit(self.base_url).netloc
        return [u for u in self.requests if urlsplit(u).scheme not in ("data", "blob", "about")
                and urlsplit(u).netloc != local]


@pytest.fixture(scope="session")
def browser_site(chromium, base_url) -> tuple[object, str]:
    """Chromium and the served site together (most tests need both)."""
    return chromium, base_url


def _new_tab(chromium, base_url: str, viewport: dict) -> Tab:
    context = chromium.new_context(viewport=viewport, locale="sv-SE", service_workers="block")
    page = context.new_page()
    tab = Tab(page, base_url)
    page.on("request", lambda request: tab.requests.append(request.url))
    page.on("console", lambda msg: tab.errors.append(f"console.{msg.type}: {msg.text}")
            if msg.type == "error" else None)
    page.on("pageerror", lambda err: tab.errors.append(f"pageerror: {err}"))
    return tab


@pytest.fixture
def desktop(browser_site) -> Iterator[Tab]:
    tab = _new_tab(*browser_site, DESKTOP)
    yield tab
    tab.page.context.close()


@pytest.fixture
def mobile(browser_site) -> Iterator[Tab]:
    tab = _new_tab(*browser_site, MOBILE)
    yield tab
    tab.page.context.close()


# --- axe-core. ------------------------------------------------------------------------------------

def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async (tags) => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
    }""", AXE_TAGS)
    return result


def format_violations(path: str, violations: list[dict]) -> str:
    lines = [f"axe-core: {len(violations)} regelbrott på /{path}"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} element]")
        for node in v["nodes"][:8]:
            summary = " ".join((node["summary"] or "").split())[:300]
            lines.append(f"    {node['target']}\n      {summary}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … och {len(v['nodes']) - 8} till")
    return "\n".join(lines)


def dump_json(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1)

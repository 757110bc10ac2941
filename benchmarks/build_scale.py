"""How the site build scales with the number of municipalities, against plain MkDocs + Material.

For N = 10, 100 and 290 synthetic, fictional municipalities (benchmarks/synthetic.py) it builds:

* ours:  this project's site (mkdocs.yml, docs/, overrides/, hooks/ and the macros module) in a
         temporary project whose plans/ holds the synthetic data (the hook reads plans/ next to
         mkdocs.yml);
* plain: the same theme, features, extensions and navigation on pre-written Markdown:
         every page and download that tryggplan.site.generate() returns is written as a file (with
         the same front matter the hook adds), the two macro pages are rendered beforehand, the
         generated pages are kept out of the sidebar with `not_in_nav` exactly as the hook does
         with InclusionLevel.NOT_IN_NAV, and there are no hooks and no macros plugin (so no search
         either: ours runs Pagefind in hooks/search_hook.py, and that time is part of ours_s).

Both run `mkdocs build --strict` semantics (load_config(strict=True) + build) in a fresh child
process with the same fixed date. Reported per build:

* seconds: wall time of load_config + build inside the child (Python start-up and imports excluded);
* peak_mb: the child's own peak resident set size, resource.getrusage(RUSAGE_SELF).ru_maxrss, read
  by the child at its end (not RUSAGE_CHILDREN in the parent: that is a maximum over all children,
  so deltas between builds would be meaningless);
* site_mb: the total size of the files in the output folder.

It also prints what a visitor transfers for one plan page (gzip -6 of the HTML plus the CSS and
JavaScript it loads), and measures the search in Chromium (Playwright, /usr/bin/chromium) against
the built site served on 127.0.0.1 by a local HTTP server that gzips what gzip makes smaller (text,
JSON, JavaScript; Pagefind's index files are compressed already), counting the encoded response
bodies the browser receives:

* search_page_load_kb: what a plan page load transfers for search before anyone searches: the
  search markup and inline loader in the HTML (gzip -6), search.css, and any search code or index
  file fetched (none: they load on the first focus of the search box);
* search_first_query_kb: everything fetched from focusing the search box to the rendered results of
  the first query "narkotika" (search.js, Pagefind, its WebAssembly, index chunks, filters, the
  fragments of the results shown). The first query searches the main bundle (plans, municipality
  and forum pages); the follow-ups and indicators are a second bundle that the box merges on request;
* search_more_kb: what choosing "Sök också i uppföljningar och indikatorer" after that query
  transfers (the second bundle's metadata, its index chunks, the fragments of the results shown);
  null if the box did not offer it;
* search_index_s: the Pagefind run inside our build (tryggplan.site.search.LAST_RUN), and
  search_index_share its part of ours_s.

The last line is exactly one line of JSON:

    {"build": [{"n": 10, "ours_s": …, "plain_s": …, "ratio": …, "peak_mb": …, "site_mb": …,
                "search_index_s": …, "search_index_share": …, "search_page_load_kb": …,
                "search_first_query_kb": …, "search_more_kb": …}, …]}

where peak_mb and site_mb are those of our build. Goals: ratio ≤ 1.5 at N = 290, peak memory
under 2 GB, time and output size linear in N, one plan page under 250 KB transferred; search under
30 KB on a page load at every N, the first query under 300 KB and indexing under 10 % of the build
at N = 290.

    python benchmarks/build_scale.py [N ...] [--no-plain]   (default 10 100 290; N=290 takes minutes;
        `build_scale.py 10` for one quick run; --no-plain skips the plain baseline: ratio is null)
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SIZES = (10, 100, 290)
TODAY = dt.date(2026, 11, 22)
GOAL_RATIO = 1.5
GOAL_PEAK_MB = 2048
GOAL_PAGE_KB = 250
GOAL_SEARCH_LOAD_KB = 30
GOAL_SEARCH_QUERY_KB = 300
GOAL_SEARCH_SHARE = 0.10
SEARCH_QUERY = "narkotika"
CHROMIUM = Path("/usr/bin/chromium")


# --- Child: one build, timed, with its own peak memory. ------------------------------------------

def child(config_file: str, site_dir: str, today: str) -> None:
    import logging
    import resource

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
    start = time.perf_counter()
    cfg = load_config(config_file, strict=True, site_dir=site_dir)
    cfg.extra.setdefault("tryggplan", {})["today"] = dt.date.fromisoformat(today)
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    from tryggplan.site.search import LAST_RUN  # set by hooks/search_hook.py when it ran Pagefind

    print("RESULT " + json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024,
                                  "search_index_s": LAST_RUN.get("seconds")}))


def run_build(project: Path, site: Path) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(REPO))
    proc = subprocess.run([sys.executable, __file__, "--child", str(project / "mkdocs.yml"), str(site),
                           TODAY.isoformat()], cwd=project, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"Bygget i {project} misslyckades:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    line = next(line for line in proc.stdout.splitlines() if line.startswith("RESULT "))
    result = json.loads(line[len("RESULT "):])
    result["site_mb"] = folder_size(site) / 1e6
    return result


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# --- Preparing the two projects. -------------------------------------------------------------------

def _config() -> dict:
    return yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))


def prepare_ours(target: Path, n: int) -> Path:
    from synthetic import generate

    target.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("docs", "overrides", "hooks"):
        shutil.copytree(REPO / folder, target / folder)
    _neutral_example(target / "docs")
    # mkdocs-macros loads module_name (tryggplan/macros) as a file under the project folder.
    (target / "tryggplan").symlink_to(REPO / "tryggplan", target_is_directory=True)
    generate(target / "plans", n)
    return target


def _neutral_example(docs: Path) -> None:
    """The example page calls macros with ids of the bundled plans, which synthetic plans lack."""
    (docs / "bidra" / "exempelsida.md").write_text("# Exempel\n\nSidan använder de medföljande planerna.\n",
                                                    encoding="utf-8")


def _nav_paths(nav) -> set[str]:
    paths: set[str] = set()
    if isinstance(nav, str):
        paths.add(nav)
    elif isinstance(nav, list):
        for item in nav:
            paths |= _nav_paths(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            paths |= _nav_paths(value)
    return paths


def prepare_plain(ours: Path, target: Path) -> Path:
    """Plain MkDocs project with exactly the Markdown and files that the hook and macros produce."""
    import jinja2

    from tryggplan import macros
    from tryggplan.load.project import load_paths
    from tryggplan.site import generate
    from tryggplan.site.build import BuildState, set_current, settings_from_extra

    sys.path.insert(0, str(REPO / "hooks"))
    from tryggplan_hook import _with_meta

    config = _config()
    extra = dict(config["extra"]["tryggplan"], today=TODAY)
    settings = settings_from_extra(extra, site_name=config["site_name"], git_root=str(ours))
    loaded = load_paths([ours / "plans"], base=ours)
    if loaded.project is None:
        sys.exit(f"De syntetiska planerna validerar inte: {loaded.problems[:3]}")
    set_current(BuildState(ours, loaded.project, settings))
    pages, downloads = generate(loaded.project, settings)

    target.mkdir(parents=True)
    shutil.copytree(REPO / "docs", target / "docs")
    shutil.copytree(REPO / "overrides", target / "overrides")
    docs = target / "docs"
    _neutral_example(docs)
    _render_macro_pages(docs, macros, jinja2)
    for page in pages:
        path = docs / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_with_meta(page.content), encoding="utf-8")
    for download in downloads:
        path = docs / download.path
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(download.content, bytes):
            path.write_bytes(download.content)
        else:
            path.write_text(download.content, encoding="utf-8")

    in_nav = _nav_paths(config.get("nav")) | {p.path for p in pages if p.in_nav}
    config.pop("hooks", None)
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "macros" in p) and p != "macros"]
    config["not_in_nav"] = "\n".join(_not_in_nav_patterns([p.path for p in pages if p.path not in in_nav], in_nav))
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def _not_in_nav_patterns(hidden: list[str], in_nav: set[str]) -> list[str]:
    """Gitignore-style patterns: a whole top folder when none of it is in the nav, else the file."""
    nav_tops = {p.split("/", 1)[0] for p in in_nav if "/" in p}
    patterns: set[str] = set()
    for path in hidden:
        top = path.split("/", 1)[0]
        patterns.add(f"/{top}/" if "/" in path and top not in nav_tops else f"/{path}")
    return sorted(patterns)


class _MacroEnv:
    """Just enough of mkdocs-macros' env for tryggplan.macros.define_env."""

    def __init__(self) -> None:
        self.macros: dict = {}
        self.page = None

    def macro(self, func, name: str | None = None):
        self.macros[name or func.__name__] = func
        return func


def _render_macro_pages(docs: Path, macros, jinja2) -> None:
    env = _MacroEnv()
    macros.define_env(env)
    for path in sorted(docs.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        match = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
        meta = yaml.safe_load(match.group(1)) if match else {}
        if not (meta or {}).get("render_macros"):
            continue
        src_uri = path.relative_to(docs).as_posix()
        env.page = type("P", (), {"file": type("F", (), {"src_uri": src_uri})()})()
        body = text[match.end():]
        rendered = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(body).render(**env.macros)
        meta["render_macros"] = False
        path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + rendered, encoding="utf-8")


# --- Transfer size of one plan page. ----------------------------------------------------------------

_ASSET = re.compile(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"|<script[^>]+src="([^"]+)"')


def page_transfer(site: Path, page_url: str) -> dict:
    """gzip -6 sizes of the page's HTML, each local stylesheet and script, and the search index."""
    html_path = site / page_url / "index.html"
    html = html_path.read_bytes()
    sizes = {"html": len(gzip.compress(html, 6))}
    assets = 0
    for css, js in _ASSET.findall(html.decode("utf-8")):
        ref = urlsplit(urljoin("http://x/" + page_url, css or js)).path.lstrip("/")
        file = site / ref
        if file.is_file():
            assets += len(gzip.compress(file.read_bytes(), 6))
    sizes["css_js"] = assets
    sizes["total"] = sizes["html"] + assets
    sizes["html_raw"] = len(html)
    return sizes


# --- Search transfer, measured in Chromium. ---------------------------------------------------------

class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; gzip (level 6) when the browser accepts it and it makes the body smaller."""

    def do_GET(self):  # noqa: N802 - name from the base class
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        packed = gzip.compress(body, 6) if "gzip" in self.headers.get("Accept-Encoding", "") else body
        use_gzip = len(packed) < len(body) * 0.95
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if use_gzip:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(packed if use_gzip else body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(packed if use_gzip else body)

    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass


def _is_search(url: str) -> bool:
    path = urlsplit(url).path
    return "/pagefind/" in path or path.endswith(("/assets/javascripts/search.js", "/assets/stylesheets/search.css"))


def _search_markup(html: str) -> str:
    start = html.index('<div class="tp-search"')
    return html[start:html.index("</script>", start) + len("</script>")]


def search_transfer(site: Path, page_url: str) -> dict | None:
    """Encoded bytes Chromium receives for search: on a page load, and for the first query."""
    if not CHROMIUM.exists():
        print(f"        (sökningens överföring mäts inte: {CHROMIUM} saknas)", flush=True)
        return None
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as manager:
            browser = manager.chromium.launch(executable_path=str(CHROMIUM),
                                              args=["--no-sandbox", "--disable-gpu", "--disable-quic"])
            page = browser.new_context(service_workers="block").new_page()
            finished: list = []
            page.on("requestfinished", lambda request: finished.append(request))
            page.goto(base + page_url, wait_until="load")
            page.wait_for_load_state("networkidle")
            on_load = [r for r in finished if _is_search(r.url)]
            load_bytes = sum(r.sizes()["responseBodySize"] for r in on_load)
            markup = len(gzip.compress(_search_markup((site / page_url / "index.html").read_text("utf-8"))
                                       .encode("utf-8"), 6))
            finished.clear()
            page.focus("#tp-search-input")
            page.keyboard.type(SEARCH_QUERY, delay=30)
            page.wait_for_function("q => (document.querySelector('.tp-search__status')?.textContent || '')"
                                   ".includes('”' + q + '”')", arg=SEARCH_QUERY, timeout=120_000)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)
            query_bytes = sum(r.sizes()["responseBodySize"] for r in finished)
            parts: dict[str, int] = {}
            for request in finished:
                parts[_search_part(request.url)] = (parts.get(_search_part(request.url), 0)
                                                    + request.sizes()["responseBodySize"])
            sizes = [(urlsplit(r.url).path, r.sizes()["responseBodySize"]) for r in finished]
            results = page.locator(".tp-search__result").count()
            status = page.inner_text(".tp-search__status")
            more_bytes = None
            if page.is_visible(".tp-search__wider"):
                finished.clear()
                page.click(".tp-search__wider")
                page.wait_for_function("t => { const s = document.querySelector('.tp-search__status')?.textContent"
                                       " || ''; return s.includes('träff') && !s.includes(t); }",
                                       arg="Sökt i planer", timeout=120_000)
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(300)
                more_bytes = sum(r.sizes()["responseBodySize"] for r in finished)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return {"page_load": load_bytes + markup, "page_load_requests": len(on_load), "markup": markup,
            "first_query": query_bytes, "first_query_requests": len(sizes), "more": more_bytes, "shown": results, "status": status,
            "parts": parts, "requests": sizes}


def _search_part(url: str) -> str:
    """What kind of search file a URL is, for the breakdown of the first query."""
    path = urlsplit(url).path
    for marker, part in (("/pagefind/index/", "index"), ("/pagefind/filter/", "filter"),
                         ("/pagefind/fragment/", "fragment"), ("wasm.", "wasm"), (".pf_meta", "meta")):
        if marker in path:
            return part
    return "kod"


# --- Main. ------------------------------------------------------------------------------------------

def _round(value: float, digits: int) -> float | None:
    return None if value != value else round(value, digits)  # NaN: the plain build was skipped


def main(sizes: list[int], with_plain: bool = True) -> None:
    sys.path.insert(0, str(HERE))
    rows = []
    transfer = None
    with tempfile.TemporaryDirectory(prefix="tryggplan-build-") as tmp:
        for n in sizes:
            base = Path(tmp) / f"n{n}"
            ours = prepare_ours(base / "ours", n)
            ours_result = run_build(ours, base / "ours-site")
            if with_plain:
                plain = prepare_plain(ours, base / "plain")
                plain_result = run_build(plain, base / "plain-site")
            else:
                plain_result = {"seconds": float("nan"), "peak_mb": float("nan"), "site_mb": float("nan")}
            row = {"n": n, "ours_s": round(ours_result["seconds"], 2), "plain_s": _round(plain_result["seconds"], 2),
                   "ratio": _round(ours_result["seconds"] / plain_result["seconds"], 3),
                   "peak_mb": round(ours_result["peak_mb"], 1), "site_mb": round(ours_result["site_mb"], 1),
                   "plain_peak_mb": _round(plain_result["peak_mb"], 1), "plain_site_mb": _round(plain_result["site_mb"], 1)}
            index_s = ours_result.get("search_index_s")
            row["search_index_s"] = round(index_s, 2) if index_s is not None else None
            row["search_index_share"] = round(index_s / ours_result["seconds"], 3) if index_s is not None else None
            searched = search_transfer(base / "ours-site", "synt-001/trygghetsplan/")
            row["search_page_load_kb"] = round(searched["page_load"] / 1024, 1) if searched else None
            row["search_first_query_kb"] = round(searched["first_query"] / 1024, 1) if searched else None
            row["search_more_kb"] = (round(searched["more"] / 1024, 1) if searched and searched["more"] is not None
                                     else None)
            rows.append(row)
            transfer = page_transfer(base / "ours-site", "synt-001/trygghetsplan/")
            plain_text = (f"ren MkDocs: {row['plain_s']:7.2f} s, topp {row['plain_peak_mb']:7.1f} MB, "
                          f"{row['plain_site_mb']:7.1f} MB  | kvot {row['ratio']:.2f}" if with_plain
                          else "ren MkDocs: hoppades över (--no-plain)")
            print(f"N={n:4d}  vår: {row['ours_s']:7.2f} s, topp {row['peak_mb']:7.1f} MB, webbplats {row['site_mb']:7.1f} MB"
                  f"  | {plain_text}", flush=True)
            print(f"        en plansida överförd (gzip): HTML {transfer['html'] / 1024:.1f} KB + CSS/JS "
                  f"{transfer['css_js'] / 1024:.1f} KB = {transfer['total'] / 1024:.1f} KB", flush=True)
            if searched:
                print(f"        sökning i Chromium: sidladdning {searched['page_load'] / 1024:.1f} KB "
                      f"({searched['page_load_requests']} anrop till sökningen, markup {searched['markup']} B); "
                      f"första frågan \"{SEARCH_QUERY}\" {searched['first_query'] / 1024:.1f} KB i "
                      f"{searched['first_query_requests']} anrop ({searched['status']} {searched['shown']} visade); "
                      f"indexering {row['search_index_s']} s = {row['search_index_share']:.1%} av bygget", flush=True)
                if searched["more"] is not None:
                    print(f"        \"Sök också i uppföljningar och indikatorer\": {searched['more'] / 1024:.1f} KB",
                          flush=True)
                print("        första frågan per del (KB): " + ", ".join(
                    f"{part} {size / 1024:.1f}" for part, size in sorted(searched["parts"].items())), flush=True)
            shutil.rmtree(base)
    first = rows[0]
    print("\nPer kommun (sekunder, MB webbplats) och kvot mot första N:")
    for row in rows:
        scale = row["n"] / first["n"]
        print(f"  N={row['n']:4d}: {row['ours_s'] / row['n']:.3f} s/kommun, {row['site_mb'] / row['n']:.2f} MB/kommun;"
              f" tid ×{row['ours_s'] / first['ours_s']:.1f} och storlek ×{row['site_mb'] / first['site_mb']:.1f}"
              f" när N blir ×{scale:.0f}")
    last = rows[-1]
    ratio_text = ("inte mätt" if last["ratio"] is None else
                  "uppfyllt" if last["ratio"] <= GOAL_RATIO else "INTE uppfyllt")
    print(f"Mål: kvot ≤ {GOAL_RATIO} vid största N ({ratio_text}),"
          f" topp < {GOAL_PEAK_MB} MB ({'uppfyllt' if max(r['peak_mb'] for r in rows) < GOAL_PEAK_MB else 'INTE uppfyllt'}),"
          f" plansida < {GOAL_PAGE_KB} KB ({'uppfyllt' if transfer and transfer['total'] / 1024 < GOAL_PAGE_KB else 'INTE uppfyllt'})")
    searched = [r for r in rows if r["search_page_load_kb"] is not None]
    if searched:
        load_ok = all(r["search_page_load_kb"] < GOAL_SEARCH_LOAD_KB for r in searched)
        query_ok = last["search_first_query_kb"] is not None and last["search_first_query_kb"] < GOAL_SEARCH_QUERY_KB
        share_ok = last["search_index_share"] is not None and last["search_index_share"] < GOAL_SEARCH_SHARE
        print(f"Sökning: sidladdning < {GOAL_SEARCH_LOAD_KB} KB vid varje N ({'uppfyllt' if load_ok else 'INTE uppfyllt'}),"
              f" första frågan < {GOAL_SEARCH_QUERY_KB} KB vid N = {last['n']} ({'uppfyllt' if query_ok else 'INTE uppfyllt'}),"
              f" indexering < {GOAL_SEARCH_SHARE:.0%} av bygget vid N = {last['n']} "
              f"({'uppfyllt' if share_ok else 'INTE uppfyllt'})")
    keys = ("n", "ours_s", "plain_s", "ratio", "peak_mb", "site_mb", "search_index_s", "search_index_share",
            "search_page_load_kb", "search_first_query_kb", "search_more_kb")
    print(json.dumps({"build": [{k: r[k] for k in keys} for r in rows]}))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:5])
    else:
        args = sys.argv[1:]
        main([int(a) for a in args if a != "--no-plain"] or list(SIZES), with_plain="--no-plain" not in args)

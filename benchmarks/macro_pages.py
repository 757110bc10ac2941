"""Build time of generated pages as direct calls (what the hook does) against one-line macro pages.

The issue lets generated pages be either one-line macro pages (`{{ vem_gor_vad("…") }}` rendered by
mkdocs-macros) or direct calls of the same view functions; this measures which is cheaper. Both
variants build the same project with `mkdocs build --strict` semantics in a fresh child process
(benchmarks/build_scale.py's child, same fixed date), alternating, and report the median of REPEATS:

* direct:   the project as it is: the hook turns every generated page into a virtual file whose
            Markdown is the view output, with `render_macros: false`;
* one-line: the same, plus this file as a second hook and as a second macros module: after our
            on_files it replaces the Markdown of every generated page by one macro call,
            `{{ tryggplan_sida("<path>") }}`, with `render_macros: true`, and the macro returns
            the page's Markdown. The views run once in both variants, so the difference is exactly
            what one-line pages add: mkdocs-macros rendering every generated page through Jinja,
            one macro call per page, and the page variables it copies.

Sizes: the bundled plans/ and synthetic, fictional municipalities (benchmarks/synthetic.py).

    python benchmarks/macro_pages.py [N ...]     (default: the bundled plans, 10 and 30)

The last line is one line of JSON: {"macro_pages": [{"plans": …, "pages": …, "direct_s": …,
"one_line_s": …, "ratio": …, "direct_cpu_s": …, "one_line_cpu_s": …, "cpu_ratio": …}, …]} with
ratio = one_line_s / direct_s (wall time of load_config + build inside the child) and cpu_ratio the
same for the child's CPU seconds (Python start-up included), which a busy machine disturbs less.
"""

from __future__ import annotations

import json
import resource
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
REPEATS = 3
SIZES = (10, 30)
_BODIES: dict[str, str] = {}


# --- This file as an extra hook and macros module in the one-line variant. ------------------------

def on_files(files, *, config):
    """Replace every generated page by a one-line macro page (runs after tryggplan's on_files)."""
    import macro_pages as shared  # the importable copy: hook modules are loaded under their path

    for file in files.documentation_pages():
        if file.generated_by is None:
            continue
        text = file.content_string
        meta: dict = {}
        if text.startswith("---\n"):
            end = text.index("\n---\n", 4)
            meta = yaml.safe_load(text[4:end]) or {}
            text = text[end + 5:]
        meta["render_macros"] = True
        shared._BODIES[file.src_uri] = text
        file.content_string = ("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"
                               + f'{{{{ tryggplan_sida("{file.src_uri}") }}}}\n')
    return files


def define_env(env) -> None:
    @env.macro
    def tryggplan_sida(path: str) -> str:
        return _BODIES[path]


# --- The benchmark. -------------------------------------------------------------------------------

def prepare_bundled(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("mkdocs.yml",):
        shutil.copy(REPO / name, target / name)
    for folder in ("docs", "overrides", "hooks", "plans"):
        shutil.copytree(REPO / folder, target / folder)
    return target


def one_line_variant(project: Path, target: Path) -> Path:
    shutil.copytree(project, target, symlinks=True)
    config = (target / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("modules: [tryggplan.macros]", "modules: [tryggplan.macros, macro_pages]")
    config = config.replace("  - hooks/tryggplan_hook.py\n", f"  - hooks/tryggplan_hook.py\n  - {HERE / 'macro_pages.py'}\n")
    assert "macro_pages" in config and str(HERE) in config, "mkdocs.yml har ändrats: uppdatera benchmarken"
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def _children_cpu() -> float:
    """CPU seconds used by finished child processes so far (a delta is one build, start-up included)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def same_pages(a: Path, b: Path) -> int:
    """Both variants must produce byte-identical pages, or the comparison means nothing."""
    pages_a = sorted(p.relative_to(a) for p in a.rglob("*.html"))
    pages_b = sorted(p.relative_to(b) for p in b.rglob("*.html"))
    differ = [p for p in pages_a if (a / p).read_bytes() != (b / p).read_bytes()] if pages_a == pages_b else pages_a
    if differ:
        sys.exit(f"Varianterna ger olika sidor, till exempel {differ[:3]}")
    return len(pages_a)


def main(sizes: list[str]) -> None:
    sys.path.insert(0, str(HERE))
    import build_scale

    # The child process runs benchmarks/build_scale.py, so `import macro_pages` finds this file.
    rows = []
    with tempfile.TemporaryDirectory(prefix="tryggplan-macro-pages-") as tmp:
        for size in sizes:
            base = Path(tmp) / size
            direct = prepare_bundled(base / "direct") if size == "plans" else build_scale.prepare_ours(base / "direct", int(size))
            one_line = one_line_variant(direct, base / "one-line")
            times: dict[str, list[float]] = {"direct": [], "one_line": []}
            cpu: dict[str, list[float]] = {"direct": [], "one_line": []}
            for run in range(REPEATS):
                for name, project in (("direct", direct), ("one_line", one_line)):
                    site = base / f"site-{name}-{run}"
                    before = _children_cpu()
                    times[name].append(build_scale.run_build(project, site)["seconds"])
                    cpu[name].append(_children_cpu() - before)
                if run == 0:
                    pages = same_pages(base / "site-direct-0", base / "site-one_line-0")
                for name in times:
                    shutil.rmtree(base / f"site-{name}-{run}")
            row = {"plans": size, "pages": pages, "direct_s": round(statistics.median(times["direct"]), 2),
                   "one_line_s": round(statistics.median(times["one_line"]), 2),
                   "direct_cpu_s": round(statistics.median(cpu["direct"]), 2),
                   "one_line_cpu_s": round(statistics.median(cpu["one_line"]), 2)}
            row["ratio"] = round(row["one_line_s"] / row["direct_s"], 3)
            row["cpu_ratio"] = round(row["one_line_cpu_s"] / row["direct_cpu_s"], 3)
            rows.append(row)
            print(f"{size:>6}: {pages:5d} sidor  direkta anrop {row['direct_s']:6.2f} s ({row['direct_cpu_s']:.2f} s cpu)"
                  f"  enradiga makrosidor {row['one_line_s']:6.2f} s ({row['one_line_cpu_s']:.2f} s cpu)"
                  f"  kvot {row['ratio']:.3f} (cpu {row['cpu_ratio']:.3f}), median av {REPEATS}", flush=True)
            shutil.rmtree(base)
    print(json.dumps({"macro_pages": rows}))


if __name__ == "__main__":
    main(sys.argv[1:] or ["plans", *map(str, SIZES)])

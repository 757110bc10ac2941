"""House rules a newcomer relies on: every module says in one sentence what it is for, no module grows
past about 500 lines without a written reason, and the README draws the pipeline with its packages."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted([*(ROOT / "tryggplan").rglob("*.py"), *(ROOT / "hooks").glob("*.py")])
MAX_LINES = 500
#: Modules allowed past MAX_LINES, each with the reason. Remove an entry when the module is split.
LONG_MODULES: dict[str, str] = {
    "tryggplan/load/schemas.py": "the schema-to-Swedish-message translation: one table per jsonschema keyword, "
                                 "kept together so every message reads alike",
    "tryggplan/load/yamlmarks.py": "one event-driven YAML builder with its recovery rules; the parts share the "
                                   "parser state",
    "tryggplan/load/crossref.py": "one pass over the raw data per kind of reference; split when a new kind is added",
    "tryggplan/views/progress_html.py": "the progress views (indicator, index, follow-up, dashboard) share their "
                                        "formatting helpers; the site redesign splits it",
    "tryggplan/views/plan.py": "the plan page's parts share PlanContext; at the limit only by the newest parts",
}
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|etc|t\.ex|bl\.a|osv)\.", re.IGNORECASE)


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_module_docstring_starts_with_one_sentence(path):
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert docstring, f"{_name(path)} saknar en modul-docstring"
    summary = " ".join(docstring.split("\n\n")[0].split())
    sentences = _SENTENCE_END.findall(_ABBREVIATIONS.sub("", summary))
    assert summary.endswith((".", ":")) and len(sentences) <= 1, (
        f"{_name(path)}: första stycket ska vara en mening om vad modulen är till för: {summary!r}")


def test_no_module_past_the_limit_without_a_reason():
    long = {_name(p): n for p in MODULES if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    unexplained = sorted(set(long) - set(LONG_MODULES))
    assert unexplained == [], f"över {MAX_LINES} rader utan skäl i LONG_MODULES: {[(m, long[m]) for m in unexplained]}"
    stale = sorted(set(LONG_MODULES) - set(long))
    assert stale == [], f"ta bort ur LONG_MODULES, de är inte längre långa: {stale}"


def test_readme_shows_how_the_parts_fit_together_with_every_stage_package():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Hur delarna hänger ihop", 1)[1].split("\n## ", 1)[0]
    packages = sorted(p.parent.name for p in (ROOT / "tryggplan").glob("*/__init__.py"))
    assert "plans/" in section and "MkDocs" in section
    for package in packages:
        assert f"tryggplan/{package}/" in section, package
    for glue in ("hooks/", "tryggplan/macros.py"):
        assert glue in section, glue
    assert readme.index("## Hur delarna hänger ihop") < readme.index("## In English")

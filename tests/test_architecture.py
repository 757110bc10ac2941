"""The package's import graph: no cycles, no import from a lower pipeline stage to a higher one,
and MkDocs only in the glue (hooks/ and the macros module).

The stages, lowest first, are the ones README.md draws under "Hur delarna hänger ihop".
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tryggplan"

#: Rank of each stage; a module may import modules of its own or a lower rank only.
#: The longest matching prefix decides. Unlisted modules fail the test (add them here).
STAGES: dict[str, int] = {
    "tryggplan": 0,
    "tryggplan.problems": 0,
    "tryggplan.reporting": 0,
    "tryggplan.formatting": 0,
    "tryggplan.markup": 0,
    "tryggplan.settings": 0,
    "tryggplan.model": 1,
    "tryggplan.urls": 2,
    "tryggplan.load": 2,
    "tryggplan.progress": 3,
    "tryggplan.authoring": 4,
    "tryggplan.exchange": 5,
    "tryggplan.views": 6,
    "tryggplan.site": 7,
    "tryggplan.cli": 8,
    "tryggplan.macros": 9,
}
GLUE = {"tryggplan.macros"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    if node.level > 1:
        base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(module: str, path: Path, known: set[str]) -> set[str]:
    """Every module this module imports (also inside functions), as a dotted name."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, path.name == "__init__.py", node)
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in known else target)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {m: {t for t in _imports(m, p, known) if t in known and t != m} for m, p in modules.items()}


def _stage(module: str) -> int:
    best = max((k for k in STAGES if module == k or module.startswith(k + ".")), key=len, default=None)
    if best is None:
        raise AssertionError(f"{module} hör inte till något steg i STAGES: lägg till det i tests/test_architecture.py")
    return STAGES[best]


def test_every_module_has_a_stage():
    for module in _modules():
        _stage(module)


def test_no_import_from_a_lower_stage_to_a_higher_one():
    upward = sorted(
        f"{m} (steg {_stage(m)}) importerar {t} (steg {_stage(t)})"
        for m, targets in _graph().items()
        for t in targets
        if _stage(t) > _stage(m)
    )
    assert upward == []


def test_no_import_cycles():
    graph = _graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert cycles == []


def test_mkdocs_is_imported_only_by_the_glue():
    offenders = sorted(
        m for m, p in _modules().items()
        if m not in GLUE and any(i == "mkdocs" or i.startswith("mkdocs.") for i in _imports(m, p, set()))
    )
    assert offenders == []


@pytest.mark.parametrize("module", sorted(_modules()))
def test_every_module_says_what_it_is_for(module):
    tree = ast.parse(_modules()[module].read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"{module} saknar en modul-docstring"

"""mkdocs-macros module: registers every macro of tryggplan.site.catalogue so hand-written pages can use it.

Listed in mkdocs.yml as `modules: [tryggplan.macros]` and imported as a package module, so it reads
the project the hook loaded once (tryggplan.site.build.current()). Thin glue only: the macros, their
documentation and their error messages live in the catalogue. A failed call is recorded there and
the hook stops the build with every failure before any page is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tryggplan.site import catalogue
from tryggplan.site.build import current


def define_env(env: Any) -> None:
    for entry in catalogue.MACROS.values():
        env.macro(_bind(env, entry), entry.name)


def _bind(env: Any, entry: catalogue.Macro) -> Callable[..., str]:
    def run(*args: object, **kwargs: object) -> str:
        page = getattr(env, "page", None)
        src_uri = page.file.src_uri if page is not None else "index.md"
        context = catalogue.MacroContext(current(), src_uri)
        try:
            return catalogue.call(entry.name, context, *args, **kwargs)
        except catalogue.MacroError as error:
            path = getattr(page.file, "abs_src_path", None) if page is not None else None
            source, markdown = src_uri, ""
            if path and Path(path).is_file():
                markdown = Path(path).read_text(encoding="utf-8")
                resolved = Path(path).resolve()
                root = context.state.root.resolve()
                source = str(resolved.relative_to(root)) if resolved.is_relative_to(root) else str(resolved)
            catalogue.record_failure(error, source, markdown, entry.name, args)
            return ""

    run.__name__ = entry.name
    run.__doc__ = entry.doc
    return run

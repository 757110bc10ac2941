"""mkdocs-macros module: live figures for hand-written pages that opt in with `render_macros: true`.

Loaded by mkdocs-macros from its file path (module_name: tryggplan/macros), so it imports the
package absolutely and reads the project the hook loaded once (tryggplan.site.build.current()).
Every macro returns escaped HTML or plain numbers; no plan text is ever passed to Jinja.
"""

from __future__ import annotations

from tryggplan.formatting import swedish_date, swedish_number
from tryggplan.site.build import current
from tryggplan.views.home import overview


def _page(env) -> str:
    page = getattr(env, "page", None)
    return page.file.src_uri if page is not None else "index.md"


def counts() -> dict[str, int]:
    project = current().project
    docs = project.documents()
    return {
        "kommuner": len(project.municipalities),
        "dokument": len(docs),
        "atgarder": sum(len(d.all_actions()) for d in docs),
        "indikatorer": sum(len(d.indicators) for d in docs),
        "uppfoljningar": sum(len(d.followups) for d in docs),
    }


def define_env(env) -> None:
    @env.macro
    def tryggplan_oversikt() -> str:
        """Every municipality and document with kind, validity, decision and status."""
        state = current()
        return overview(state.project, _page(env), state.settings.today)

    @env.macro
    def tryggplan_antal(what: str) -> str:
        """A live count: kommuner, dokument, atgarder, indikatorer or uppfoljningar."""
        return swedish_number(counts()[what])

    @env.macro
    def tryggplan_idag() -> str:
        """The build date used for statuses, as "22 november 2026"."""
        return swedish_date(current().settings.today)

"""The macro catalogue: every view residents see, callable by ids from a hand-written page.

Each macro is a plain function registered with @macro. Its first parameter is a MacroContext (the
loaded project and the page the macro is on); the rest are ids as strings, e.g.
`vem_gor_vad("kungalv/trygg-i-kungalv")`. It returns Markdown with escaped HTML blocks, the same
output as the generated pages (the views in tryggplan.views, wrapped, with links rebased onto the
calling page), so plan text never reaches Jinja. A bad id raises MacroError with a Swedish message
that names what exists. mkdocs-macros only sees these functions through tryggplan/macros.py.

The docstrings of the macro functions are Swedish: they are published for staff on the generated
page bidra/makron.md.
"""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field

from tryggplan import urls
from tryggplan.formatting import swedish_date, swedish_number
from tryggplan.model import Document, FollowUp, Indicator, Municipality, Project, Unit
from tryggplan.progress import charts
from tryggplan.settings import SiteSettings
from tryggplan.site.build import BuildState
from tryggplan.site.embed import body, rebase
from tryggplan.views import html as h
from tryggplan.views import progress_html
from tryggplan.views.home import overview
from tryggplan.views.plan import PlanContext, render_area, summary_list
from tryggplan.views.responsibility import render_responsibility_page
from tryggplan.views.status import document_status
from tryggplan.views.units import render_unit_page


@dataclass(slots=True)
class MacroContext:
    """What every macro gets besides its ids: the loaded build and the docs path of the calling page."""

    state: BuildState
    page: str = "index.md"

    @property
    def project(self) -> Project:
        return self.state.project

    @property
    def settings(self) -> SiteSettings:
        return self.state.settings

    def place(self, content: str, origin: str) -> str:
        """A view rendered for page `origin`, without its title, with links that work on this page."""
        return rebase(body(content), origin, self.page)


class MacroError(ValueError):
    """A macro was called with an id that does not exist or with the wrong arguments (Swedish text)."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Macro:
    """One entry of the catalogue: the function, how to call it and an example with bundled ids."""

    name: str
    func: Callable[..., str]
    example: str
    params: tuple[str, ...] = field(default=())

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.func) or ""

    @property
    def signature(self) -> str:
        """How the macro is written on a page, e.g. `vem_gor_vad(dokument)`."""
        parts = []
        for param in list(inspect.signature(self.func).parameters.values())[1:]:
            default = "" if param.default is inspect.Parameter.empty else f'="{param.default}"'
            parts.append(param.name + default)
        return f"{self.name}({', '.join(parts)})"


MACROS: dict[str, Macro] = {}


def macro(example: str) -> Callable[[Callable[..., str]], Callable[..., str]]:
    """Register a function as a macro under its own name; `example` is how a page calls it."""

    def register(func: Callable[..., str]) -> Callable[..., str]:
        MACROS[func.__name__] = Macro(func.__name__, func, example)
        return func

    return register


def call(name: str, context: MacroContext, *args: object, **kwargs: object) -> str:
    """Run a macro by name; wrong arguments and unknown ids raise MacroError."""
    entry = MACROS.get(name)
    if entry is None:
        raise MacroError(f"Makrot {name} finns inte.", "Makron som finns: " + ", ".join(sorted(MACROS)) + ".")
    try:
        bound = inspect.signature(entry.func).bind(context, *args, **kwargs)
    except TypeError:
        raise MacroError(f"{name}: fel antal eller namn på argumenten.",
                         f"Skriv {entry.signature}, till exempel {{{{ {entry.example} }}}}.") from None
    for value in list(bound.arguments.values())[1:]:
        if not isinstance(value, str):
            raise MacroError(f"{name}: argumenten ska vara id:n inom citattecken, inte {value!r}.",
                             f"Skriv till exempel {{{{ {entry.example} }}}}.")
    return entry.func(*bound.args, **bound.kwargs)


# --- Looking up ids ---------------------------------------------------------------------------

def _listing(ids: list[str], limit: int = 12, near: str = "") -> str:
    """The ids as a quoted list, at most `limit` of them; the ones closest to `near` first."""
    close = difflib.get_close_matches(near, ids, n=3, cutoff=0.6) if near else []
    ordered = close + [i for i in ids if i not in close]
    shown = ", ".join(f'"{i}"' for i in ordered[:limit])
    return shown + (f" och {len(ids) - limit} till" if len(ids) > limit else "")


def municipality(project: Project, ref: str, macro_name: str) -> Municipality:
    muni = project.municipalities.get(ref)
    if muni is None:
        raise MacroError(f'{macro_name}("{ref}"): det finns ingen kommun med id "{ref}" i plans/.',
                         "Kommuner som finns: " + _listing(sorted(project.municipalities), near=ref) + ".")
    return muni


def document(project: Project, ref: str, macro_name: str) -> tuple[Municipality, Document]:
    muni_id, _, doc_id = ref.partition("/")
    muni = project.municipalities.get(muni_id)
    doc = muni.documents.get(doc_id) if muni and doc_id and "/" not in doc_id else None
    if muni is None or doc is None:
        keys = sorted(d.key for d in project.documents())
        raise MacroError(f'{macro_name}("{ref}"): det finns inget dokument "{ref}" i plans/.',
                         'Ange "kommun/dokument" som mappen i plans/. Dokument som finns: ' + _listing(keys, near=ref) + ".")
    return muni, doc


def unit(project: Project, ref: str, macro_name: str) -> tuple[Municipality, Unit]:
    muni_id, _, unit_id = ref.partition("/")
    muni = municipality(project, muni_id, macro_name) if muni_id in project.municipalities else None
    found = muni.units.get(unit_id) if muni else None
    if muni is None or found is None:
        keys = sorted(f"{m.id}/{u}" for m in project.municipalities.values() for u in m.units
                      if muni is None or m.id == muni.id)
        raise MacroError(f'{macro_name}("{ref}"): det finns ingen enhet eller part "{ref}".',
                         'Ange "kommun/enhet" med id:t från organisation.yaml. Till exempel: ' + _listing(keys, near=ref) + ".")
    return muni, found


def indicator(project: Project, ref: str, macro_name: str) -> tuple[Municipality, Document, Indicator]:
    muni_id, _, ind_id = ref.partition("/")
    muni = project.municipalities.get(muni_id)
    if muni is not None:
        for doc in muni.documents.values():
            found = doc.indicator(ind_id)
            if found is not None:
                return muni, doc, found
    keys = sorted(f"{m.id}/{i.id}" for m in project.municipalities.values() for d in m.documents.values()
                  for i in d.indicators if muni is None or m.id == muni.id)
    raise MacroError(f'{macro_name}("{ref}"): det finns ingen indikator "{ref}".',
                     'Ange "kommun/indikator" med id:t från indicators.yaml. Indikatorer som finns: '
                     + (_listing(keys, near=ref) if keys else "inga") + ".")


def followup(doc: Document, period: str, macro_name: str) -> FollowUp:
    for item in doc.followups:
        if item.period == period:
            return item
    periods = sorted(f.period for f in doc.followups)
    raise MacroError(f'{macro_name}("{doc.key}", "{period}"): dokumentet har ingen uppföljning för perioden "{period}".',
                     "Perioder som finns: " + (_listing(periods, near=period) if periods else "inga") + ".")


# --- The macros (docstrings in Swedish: they are the catalogue page) -----------------------------

COUNTS = ("kommuner", "dokument", "atgarder", "indikatorer", "uppfoljningar")


@macro('tryggplan_oversikt()')
def tryggplan_oversikt(ctx: MacroContext) -> str:
    """Översikten: varje kommun med alla dokument, typ, giltighet, beslut och status."""
    return overview(ctx.project, ctx.page, ctx.settings.today)


@macro('tryggplan_antal("atgarder")')
def tryggplan_antal(ctx: MacroContext, vad: str) -> str:
    """Ett aktuellt antal i löptext: kommuner, dokument, atgarder, indikatorer eller uppfoljningar."""
    project = ctx.project
    docs = project.documents()
    counts = {
        "kommuner": len(project.municipalities),
        "dokument": len(docs),
        "atgarder": sum(len(d.all_actions()) for d in docs),
        "indikatorer": sum(len(d.indicators) for d in docs),
        "uppfoljningar": sum(len(d.followups) for d in docs),
    }
    if vad not in counts:
        raise MacroError(f'tryggplan_antal("{vad}"): okänt slag av antal.', "Välj " + _listing(list(COUNTS)) + ".")
    return swedish_number(counts[vad])


@macro('tryggplan_idag()')
def tryggplan_idag(ctx: MacroContext) -> str:
    """Datumet som statusarna räknas från, till exempel ”22 november 2026”."""
    return swedish_date(ctx.settings.today)


@macro('plan_sammanfattning("kungalv/trygg-i-kungalv")')
def plan_sammanfattning(ctx: MacroContext, dokument: str) -> str:
    """Planens sammanfattning: status, varningar (till exempel försenad revidering), sammanfattning och
    uppgifterna om beslut, giltighet och ansvar – samma som överst på plansidan."""
    muni, doc = document(ctx.project, dokument, "plan_sammanfattning")
    plan = PlanContext(ctx.project, muni, doc, ctx.settings, page=ctx.page)
    status = document_status(doc, ctx.settings.today)
    link = h.link(plan.href(urls.document_page(doc)), h.esc(doc.title))
    parts = [f'<p class="tp-kicker">{link}</p>']
    for flag in status.warnings:
        parts.append(f'<div class="tp-banner tp-banner--warning" role="status"><p><strong>{h.esc(flag.tag_text)}.</strong> '
                     f"{h.esc(flag.explanation)}</p></div>")
    if doc.summary:
        parts.append(f'<p class="tp-lead">{h.esc(doc.summary)}</p>')
    parts.append(summary_list(plan, status))
    return h.block("".join(parts))


@macro('plan_atgarder("kungalv/trygg-i-kungalv")')
def plan_atgarder(ctx: MacroContext, dokument: str, omrade: str = "") -> str:
    """De prioriterade områdena med lägesbild, mål, orsaker och åtgärder (ansvar, tid, aktiviteter).
    Utan område visas alla; med `omrade` (id:t i plan.yaml) bara det området och dess delområden."""
    muni, doc = document(ctx.project, dokument, "plan_atgarder")
    plan = PlanContext(ctx.project, muni, doc, ctx.settings, page=ctx.page)
    if not omrade:
        return "".join(render_area(plan, area, 3) for area in doc.areas)
    area = doc.area(omrade)
    if area is None:
        raise MacroError(f'plan_atgarder("{dokument}", "{omrade}"): dokumentet har inget område "{omrade}".',
                         "Områden som finns: " + _listing([a.id for a in doc.all_areas()], near=omrade) + ".")
    return render_area(plan, area, 3)


@macro('vem_gor_vad("kungalv/trygg-i-kungalv")')
def vem_gor_vad(ctx: MacroContext, dokument: str) -> str:
    """Vem gör vad i ett dokument: per område en tabell över åtgärder och enheter, med vem som är
    ansvarig och vem som medverkar."""
    muni, doc = document(ctx.project, dokument, "vem_gor_vad")
    return ctx.place(render_responsibility_page(muni, doc), urls.responsibility_page(doc))


@macro('enhetens_ansvar("kungalv/polisen")')
def enhetens_ansvar(ctx: MacroContext, enhet: str) -> str:
    """Vem gör vad för en enhet eller extern part: vad den ansvarar för och medverkar i, i alla
    kommunens dokument, och vilka samverkansforum den deltar i."""
    muni, found = unit(ctx.project, enhet, "enhetens_ansvar")
    return ctx.place(render_unit_page(muni, found), urls.unit_page(muni.id, found.id))


@macro('framsteg("kungalv/program-social-hallbarhet")')
def framsteg(ctx: MacroContext, dokument: str) -> str:
    """Läget i genomförandet: åtgärder per status, försenade åtgärder, indikatorer på väg mot målet
    och den senaste uppföljningen – samma som på plansidan."""
    muni, doc = document(ctx.project, dokument, "framsteg")
    return h.block(rebase(progress_html.render_dashboard(doc, muni, ctx.settings), urls.document_page(doc), ctx.page))


@macro('indikatordiagram("kungalv/langtidsarbetsloshet")')
def indikatordiagram(ctx: MacroContext, indikator: str) -> str:
    """En indikator som diagram med samma värden i en tabell under, och en länk till indikatorns sida."""
    muni, _doc, found = indicator(ctx.project, indikator, "indikatordiagram")
    svg = urls.href(ctx.page, progress_html.svg_path(muni, found))
    page = urls.href(ctx.page, urls.indicator_page(muni, found))
    if not progress_html.has_values(found):  # no empty charts
        return h.block(f'<div class="tp-indicator"><p class="tp-no-values">{h.esc(found.name)}: inga värden ännu.</p>'
                       f'<p><a href="{h.esc(page)}">Mer om {h.esc(found.name)}: definition, källa och mål</a></p></div>')
    return h.block(
        f'<div class="tp-indicator"><figure class="tp-chart-figure">{charts.render_chart(found, muni.name)}'
        f"<figcaption>Samma värden finns i tabellen under diagrammet. "
        f'<a href="{h.esc(svg)}" download>Ladda ner diagrammet (SVG)</a></figcaption></figure>'
        f"{progress_html.indicator_table(found)}"
        f'<p><a href="{h.esc(page)}">Mer om {h.esc(found.name)}: definition, källa, mål och bedömning</a></p></div>')


@macro('uppfoljning("kungalv/program-social-hallbarhet", "2023")')
def uppfoljning(ctx: MacroContext, dokument: str, period: str) -> str:
    """En uppföljningsrapport i sin helhet: sammanfattning, indikatorer och vad som rapporterats för
    varje åtgärd, så som kommunen redovisade den. `period` är filnamnet i followup/ (2023, 2024-T1 …)."""
    muni, doc = document(ctx.project, dokument, "uppfoljning")
    found = followup(doc, period, "uppfoljning")
    html = progress_html.render_followup(ctx.project, muni, doc, found, ctx.settings)
    return h.block(rebase(html, urls.followup_page(doc, found.period), ctx.page))


@macro('indikatorer("kungalv")')
def indikatorer(ctx: MacroContext, kommun: str) -> str:
    """Alla indikatorer i en kommun per dokument, med senaste värde, mål och bedömning."""
    muni = municipality(ctx.project, kommun, "indikatorer")
    html = progress_html.render_indicators_index(ctx.project, muni, ctx.settings)
    return h.block(rebase(html, urls.indicators_index_page(muni.id), ctx.page))



# --- Failures: collected while pages render, reported together before anything is written -------

FAILURES: list[str] = []


def locate(markdown: str, name: str, args: tuple[object, ...] = ()) -> tuple[int, int]:
    """1-based line and column of the macro call in the page source: the first call of `name`
    whose argument text names every argument (or is empty when there are none)."""
    first, start = -1, 0
    while (index := markdown.find(name + "(", start)) != -1:
        start = index + 1
        first = index if first == -1 else first
        inside = markdown[index + len(name) + 1:].partition(")")[0]
        if (all(str(a) in inside for a in args) if args else not inside.strip()):
            first = index
            break
    if first == -1:
        return 1, 1
    return markdown.count("\n", 0, first) + 1, first - (markdown.rfind("\n", 0, first) + 1) + 1


def record_failure(error: MacroError, source: str, markdown: str, name: str, args: tuple[object, ...] = ()) -> None:
    """Remember a failed macro call as `källa:rad:kolumn: makro: meddelande` plus a hint line."""
    line, column = locate(markdown, name, args)
    text = f"{source}:{line}:{column}: makro: {error.message}"
    if error.hint:
        text += f"\n    Tips: {error.hint}"
    FAILURES.append(text)


def take_failures() -> str:
    """All recorded failures as one Swedish message ("" when there were none), and forget them."""
    if not FAILURES:
        return ""
    count = len(FAILURES)
    text = "\n".join([f"Sidorna anropar makron på fel sätt ({count} fel) och webbplatsen byggdes inte:", *FAILURES])
    FAILURES.clear()
    return text

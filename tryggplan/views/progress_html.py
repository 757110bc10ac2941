"""HTML fragments for progress: indicator pages, the indicator index, follow-up pages and the
plan dashboard.

Every text from YAML is escaped (formatting.escape) or, for Markdown fields, rendered with
markup.render_markdown. The fragments are plain HTML blocks without blank lines, so MkDocs'
Markdown step leaves them alone; they never go through Jinja. Links between generated pages
use urls.href from the page the fragment is placed on.
"""

from __future__ import annotations

import datetime as _dt
import math
import re

from tryggplan import urls
from tryggplan.formatting import (
    UNIT_LABELS,
    escape,
    format_value,
    join_swedish,
    period_last_year,
    swedish_date,
    swedish_number,
    swedish_period,
)
from tryggplan.markup import render_markdown
from tryggplan.model import Document, FollowUp, Indicator, Link, Municipality, Person, Project
from tryggplan.progress import charts, measure
from tryggplan.progress import status as action_status
from tryggplan.settings import SiteSettings
from tryggplan.views import shapes

#: The 17 global goals of Agenda 2030 with their Swedish names (Globala målen).
AGENDA2030_GOALS: dict[int, str] = {
    1: "Ingen fattigdom",
    2: "Ingen hunger",
    3: "God hälsa och välbefinnande",
    4: "God utbildning för alla",
    5: "Jämställdhet",
    6: "Rent vatten och sanitet för alla",
    7: "Hållbar energi för alla",
    8: "Anständiga arbetsvillkor och ekonomisk tillväxt",
    9: "Hållbar industri, innovationer och infrastruktur",
    10: "Minskad ojämlikhet",
    11: "Hållbara städer och samhällen",
    12: "Hållbar konsumtion och produktion",
    13: "Bekämpa klimatförändringarna",
    14: "Hav och marina resurser",
    15: "Ekosystem och biologisk mångfald",
    16: "Fredliga och inkluderande samhällen",
    17: "Genomförande och globalt partnerskap",
}

SOURCE_KINDS = {
    "ntu": "Nationella trygghetsundersökningen (NTU)",
    "lupp": "Lokal uppföljning av ungdomspolitiken (LUPP)",
    "can": "Centralförbundet för alkohol- och narkotikaupplysning (CAN)",
    "polisen": "Polisen",
    "bra": "Brottsförebyggande rådet (Brå)",
    "treserva": "Verksamhetssystemet Treserva",
    "kolada": "Kolada",
    "scb": "Statistiska centralbyrån (SCB)",
    "skr": "Sveriges Kommuner och Regioner (SKR)",
    "avloppsmatning": "Avloppsmätning",
    "kommunens-trygghetsundersokning": "Kommunens trygghetsundersökning",
    "svenskt-naringsliv": "Svenskt Näringsliv",
    "intern": "Kommunens egen uppföljning",
    "annan": "Annan källa",
}
DIRECTIONS = {"lower": "Lägre är bättre", "higher": "Högre är bättre", "none": "Ingen riktning angiven"}
KOLADA_URL = "https://www.kolada.se/"

_STATUS_SLUG = {s: re.sub(r"[^a-z]+", "-", s.translate(str.maketrans("åäö", "aao"))).strip("-")
                for s in action_status.ACTION_STATES + measure.PROGRESS_STATES}


def agenda2030_text(goal: int) -> str:
    """3 -> "Mål 3: God hälsa och välbefinnande"."""
    name = AGENDA2030_GOALS.get(goal)
    return f"Mål {goal}: {name}" if name else f"Mål {goal}"


def _slug(status: str) -> str:
    return _STATUS_SLUG.get(status, "okand")


def status_badge(status: str, *, derived: bool = False) -> str:
    """The status as text, with a class for colour (colour is never the only cue)."""
    extra = " (härledd)" if derived else ""
    return (f'<span class="tp-status tp-status--{_slug(status)}">{escape(status.capitalize())}'
            f'{escape(extra)}</span>')


def progress_badge(status: str) -> str:
    return f'<span class="tp-progress tp-progress--{_slug(status)}">{escape(status.capitalize())}</span>'


def scroll_table(label: str, table: str) -> str:
    """A wide table in a focusable, labelled, scrollable region kept out of the search index."""
    return (f'<div class="tp-scroll" tabindex="0" role="region" aria-label="{escape(label)}" data-search-exclude>'
            f"{table}</div>")


def _md(text: str, prefix: str = "") -> str:
    return _no_blank_lines(render_markdown(text, id_prefix=prefix))


def _no_blank_lines(html: str) -> str:
    return re.sub(r"\n\s*\n", "\n", html).strip()


def person_text(person: Person | None, muni: Municipality | None, settings: SiteSettings) -> str:
    if person is None:
        return ""
    parts = [person.role]
    unit = muni.unit(person.unit) if (muni and person.unit) else None
    if unit is not None and unit.name != person.role:
        parts.append(unit.name)
    if settings.show_person_names and person.person_name:
        parts.append(person.person_name)
    return ", ".join(p for p in parts if p)


def _remark(text: str, label: str = "Anmärkning vid inläsningen") -> str:
    if not text:
        return ""
    return (f'<div class="tp-remark" role="note"><p><strong>{escape(label)}:</strong></p>'
            f"{_md(text)}</div>")


def _dl(rows: list[tuple[str, str]], css: str = "tp-facts", context: tuple[str, ...] = ()) -> str:
    """A description list; rows labelled in `context` (links back to the plan) get class tp-context."""
    def row(label: str, value: str) -> str:
        mark = ' class="tp-context"' if label in context else ""
        return f"<dt{mark}>{escape(label)}</dt><dd{mark}>{value}</dd>"

    items = "".join(row(k, v) for k, v in rows if v)
    return f'<dl class="{css}">{items}</dl>' if items else ""


def _percent(fraction: float | None) -> str:
    if fraction is None or not math.isfinite(fraction):
        return "–"
    return f"{swedish_number(round(fraction * 100, 1), 1)}\u00a0%"


def _ratio(value: float | None) -> str:
    if value is None or not math.isfinite(value):
        return "–"
    return swedish_number(round(value, 2), 2)


def _num(value: float | None) -> str:
    if value is None or not math.isfinite(value):
        return "–"
    return swedish_number(round(value, 2))


# --- indicator page ------------------------------------------------------------------------

def indicator_table(indicator: Indicator) -> str:
    """The chart's numbers as a table: periods as rows, series as columns."""
    series = charts.ordered_series(indicator)
    periods = sorted({v.period for s in series for v in s.values}, key=charts.period_position)
    head = "".join(f'<th scope="col">{escape(charts.series_label(indicator, s))}</th>' for s in series)
    rows = []
    for period in periods:
        cells = []
        for s in series:
            value = next((v for v in s.values if v.period == period), None)
            if value is None:
                cells.append("<td>–</td>")
            elif value.value is None:
                cells.append("<td>värde saknas</td>")
            else:
                prel = " (preliminärt)" if value.preliminary else ""
                cells.append(f"<td>{escape(format_value(value.value, indicator.unit))}{prel}</td>")
        rows.append(f'<tr><th scope="row">{escape(swedish_period(period))}</th>{"".join(cells)}</tr>')
    unit = UNIT_LABELS.get(indicator.unit, indicator.unit)
    table = (f'<table class="tp-data-table"><caption>{escape(indicator.name)}: värden per period ({escape(unit)})'
             f'</caption><thead><tr><th scope="col">Period</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')
    notes = []
    for s in series:
        label = charts.series_label(indicator, s)
        if s.label:
            notes.append(f"<li>{escape(label)}: i källan &quot;{escape(s.label)}&quot;.</li>")
        if s.remark:
            notes.append(f"<li>{escape(label)}: {escape(s.remark)}</li>")
        for v in s.values:
            if v.remark:
                notes.append(f"<li>{escape(label)}, {escape(swedish_period(v.period))}: {escape(v.remark)}</li>")
    notes_html = (f'<p class="tp-table-notes-title">Om värdena:</p><ul class="tp-table-notes">{"".join(notes)}</ul>'
                  if notes else "")
    return scroll_table(f"Tabell: {indicator.name}", table) + notes_html


def _formula(latest: float, base: float, years: int) -> str:
    return (f"({escape(_num(latest))} / {escape(_num(base))})<sup>1/{years}</sup> − 1")


def progress_block(result: measure.Progress, indicator: Indicator, *, heading_level: int = 3) -> str:
    """One target with its assessment and the computation spelled out."""
    h = f"h{heading_level}"
    target = result.target
    parts = ['<section class="tp-target">']
    if target is not None:
        which = ("" if result.breakdown == "totalt"
                 else f" ({escape(indicator.breakdowns.get(result.breakdown, result.breakdown))})")
        parts.append(f"<{h}>Mål{which}: {escape(target.text)}</{h}>")
        if target.remark:
            parts.append(_remark(target.remark, "Anmärkning om målet"))
    else:
        parts.append(f"<{h}>Mål</{h}>")
    parts.append(f'<p class="tp-progress-result">Bedömning: {progress_badge(result.status)}</p>')
    if result.manual is not None:
        manual = result.manual
        by = []
        if manual.date:
            by.append(swedish_date(manual.date))
        if manual.by is not None and manual.by.role:
            by.append(manual.by.role)
        by_text = f" ({escape(', '.join(by))})" if by else ""
        parts.append(f"<p>Kommunens egen bedömning{by_text}: <strong>{escape(manual.status)}</strong>. "
                     f"Motivering: {escape(manual.justification)}</p>")
        if result.differs:
            parts.append(f'<p class="tp-progress-computed">Beräknad bedömning enligt metoden nedan: '
                         f"{progress_badge(result.computed_status)}. Den skiljer sig från kommunens bedömning; "
                         "båda visas.</p>")
    rows: list[tuple[str, str]] = []
    unit = indicator.unit
    if result.base_value is not None:
        source = "målets basvärde" if result.base_from_target else "första värdet"
        rows.append(("Basvärde", f"{escape(charts.value_phrase(round(result.base_value, 2), unit))} "
                                 f"({escape(swedish_period(result.base_period))}, {source})"))
    if result.latest_value is not None:
        rows.append(("Senaste värde", f"{escape(charts.value_phrase(round(result.latest_value, 2), unit))} "
                                      f"({escape(swedish_period(result.latest_period))})"))
    if result.target_value is not None:
        year = f" till {result.target_year}" if result.target_year else " (inget målår)"
        rows.append(("Målvärde", f"{escape(charts.value_phrase(round(result.target_value, 2), unit))}{year}"))
    rows.append(("Riktning", escape({"lower": "Lägre är bättre", "higher": "Högre är bättre"}.get(
        result.direction, "Framgår inte"))))
    base_year = period_last_year(result.base_period) if result.base_period else None
    if (result.cagr is not None and result.latest_value is not None and result.base_value is not None
            and base_year is not None):
        years = period_last_year(result.latest_period) - base_year
        rows.append(("Faktisk årlig förändring", f"{escape(_percent(result.cagr))} per år = "
                                                  f"{_formula(result.latest_value, result.base_value, years)}"))
    if (result.required_cagr is not None and result.target_year and base_year is not None
            and result.target_value is not None and result.base_value is not None):
        years = result.target_year - base_year
        rows.append(("Nödvändig årlig förändring", f"{escape(_percent(result.required_cagr))} per år = "
                                                    f"{_formula(result.target_value, result.base_value, years)}"))
    if result.ratio is not None and result.method == "target":
        sign = "+1" if result.direction == "higher" else "−1"
        rows.append(("Kvot", f"{escape(_ratio(result.ratio))} = {sign} × faktisk / |nödvändig| "
                             "(minst 0,95: stor förbättring; 0,6–0,95: måttlig; 0–0,6: liten; under 0: försämring)"))
    elif result.ratio is not None and result.method == "trend":
        rows.append(("Förändring i rätt riktning", f"{escape(_percent(result.ratio))} per år "
                                                   "(minst 1,5 %: stor; 0,5–1,5 %: måttlig; 0–0,5 %: liten; "
                                                   "under 0: försämring)"))
    rows.append(("Så blev det", escape(result.reason)))
    parts.append(_dl(rows, "tp-facts tp-computation"))
    parts.append("</section>")
    return "".join(parts)


def render_indicator(project: Project, muni: Municipality, doc: Document, indicator: Indicator,
                     settings: SiteSettings) -> str:
    """The body of an indicator page (everything under the page title)."""
    page = urls.indicator_page(muni, indicator)
    facts: list[tuple[str, str]] = [
        ("Dokument", f'<a href="{escape(urls.href(page, urls.document_page(doc)))}">{escape(doc.display_title)}</a>'),
        ("Grupp", escape(indicator.group)),
    ]
    if indicator.area:
        area = doc.area(indicator.area)
        if area is not None:
            facts.append(("Område", f'<a href="{escape(urls.href(page, urls.document_page(doc), urls.area_anchor(area.id)))}">'
                                    f"{escape(area.title)}</a>"))
    source = escape(indicator.source_name) if indicator.source_name else ""
    kind = (escape(SOURCE_KINDS.get(indicator.source_kind, indicator.source_kind)) if indicator.source_kind
            else "anges inte i källan")
    source_text = f"{source} (källtyp: {kind})" if source else kind
    if indicator.source_url:
        source_text += f' – <a href="{escape(indicator.source_url)}">källans webbplats</a>'
    facts.append(("Källa", source_text))
    if indicator.kolada_kpi:
        facts.append(("Kolada-nyckeltal", f'{escape(indicator.kolada_kpi)} (sök på id:t i '
                                          f'<a href="{KOLADA_URL}">Kolada</a>)'))
    facts.append(("Enhet", escape(UNIT_LABELS.get(indicator.unit, indicator.unit))))
    facts.append(("Bättre är", escape(DIRECTIONS.get(indicator.direction, indicator.direction))))
    facts.append(("Mätfrekvens", escape(indicator.frequency)))
    if indicator.agenda2030:
        facts.append(("Agenda 2030", escape(join_swedish([agenda2030_text(g) for g in indicator.agenda2030]))))
    parts = ['<div class="tp-indicator">', _dl(facts, context=("Dokument", "Område"))]
    if indicator.definition:
        parts.append(f'<h2 id="definition">Definition</h2>{_md(indicator.definition, "def-")}')
    parts.append(_remark(indicator.remark))
    parts.append(shapes.render_observations(indicator))
    if has_values(indicator):  # no empty chart: without values the indicator says "inga värden ännu"
        parts.append('<h2 id="utveckling">Utveckling</h2>')
        svg_href = urls.href(page, svg_path(muni, indicator))
        parts.append(f'<figure class="tp-chart-figure">{charts.render_chart(indicator, muni.name)}'
                     f'<figcaption>Samma värden finns i tabellen under diagrammet. '
                     f'<a href="{escape(svg_href)}" download>Ladda ner diagrammet (SVG)</a></figcaption></figure>')
        parts.append(indicator_table(indicator))
    elif not indicator.observations:
        parts.append('<h2 id="utveckling">Utveckling</h2>')
        parts.append('<p class="tp-no-values">Inga värden ännu. Kommunen har inte redovisat några värden för '
                     "indikatorn.</p>")
    parts.append('<h2 id="mal">Mål och bedömning</h2>')
    results = measure.indicator_progress(indicator)
    comments = [(f, c) for f in sorted(doc.followups, key=lambda f: f.period) for c in f.indicators
                if c.indicator == indicator.id]
    if comments:
        # The follow-up's own words about the development, next to the computed assessment.
        followup, comment = comments[-1]
        parts.append(f'<div class="tp-reported-development"><p><strong>Uppföljningen för '
                     f"{escape(swedish_period(followup.period))} skriver:</strong></p>"
                     f'{_md(comment.comment, f"u{followup.period}-")}</div>')
    if not has_values(indicator) and indicator.targets:
        parts.append("<p>Målen: " + escape("; ".join(t.text for t in indicator.targets))
                     + ". Utvecklingen kan inte bedömas förrän det finns värden.</p>")
    elif results:
        parts.extend(progress_block(r, indicator) for r in results)
    else:
        parts.append("<p>Indikatorn har inget målvärde, så utvecklingen bedöms inte.</p>")
        if indicator.assessment is not None:
            parts.append(f"<p>Kommunens egen bedömning: <strong>{escape(indicator.assessment.status)}</strong>. "
                         f"Motivering: {escape(indicator.assessment.justification)}</p>")
    parts.append(f'<details class="tp-method"><summary>Så bedöms utvecklingen</summary>'
                 f"<p>{escape(measure.PROGRESS_METHOD)}</p></details>")
    comments = [(f, c) for f in sorted(doc.followups, key=lambda f: f.period) for c in f.indicators
                if c.indicator == indicator.id]
    if comments:
        parts.append('<h2 id="kommentarer">Kommentarer i uppföljningar</h2>')
        for followup, comment in comments:
            link = urls.href(page, urls.followup_page(doc, followup.period))
            heading = escape(comment.heading) if comment.heading else f"Uppföljning {escape(swedish_period(followup.period))}"
            parts.append(f'<section class="tp-comment"><h3>{heading}</h3>{_md(comment.comment, f"k{followup.period}-")}'
                         f'<p><a href="{escape(link)}">Hela uppföljningen för {escape(swedish_period(followup.period))}</a></p>'
                         "</section>")
    parts.append("</div>")
    return _no_blank_lines("".join(parts))


def svg_path(muni: Municipality | str, indicator: Indicator) -> str:
    """Where the indicator's chart is published as a download (relative to the site root)."""
    page = urls.indicator_page(muni, indicator)
    return page[:-3] + ".svg"


def latest_value_text(indicator: Indicator) -> str:
    series = measure.kommun_series(indicator)
    values = [v for v in series.values if v.value is not None] if series else []
    if not values and indicator.observations:  # qualitative: the latest statement, as the source words it
        latest = indicator.observations[-1]
        return f"{latest.statement} ({swedish_period(latest.period)})"
    if not values:
        return "inga värden ännu"
    last = values[-1]
    prel = " (preliminärt)" if last.preliminary else ""
    return f"{format_value(last.value, indicator.unit)} ({swedish_period(last.period)}){prel}"


def render_indicators_index(project: Project, muni: Municipality, settings: SiteSettings) -> str:
    """Every indicator of a municipality, grouped by document and group, with progress."""
    page = urls.indicators_index_page(muni.id)
    parts = ['<div class="tp-indicator-index">']
    docs = [d for d in muni.documents.values() if d.indicators]
    if not docs:
        parts.append("<p>Det finns inga indikatorer för kommunen ännu.</p></div>")
        return "".join(parts)
    parts.append("<p>Indikatorerna följer upp målen i kommunens dokument. Bedömningen visar utvecklingen mot "
                 "målvärdet; hur den räknas står på varje indikators sida.</p>")
    for doc in sorted(docs, key=lambda d: d.display_title):
        parts.append(f'<section class="tp-indicator-doc"><h2 id="dokument-{escape(doc.id)}">'
                     f'<a href="{escape(urls.href(page, urls.document_page(doc)))}">{escape(doc.display_title)}</a></h2>')
        groups: dict[str, list[Indicator]] = {}
        for indicator in doc.indicators:
            groups.setdefault(indicator.group, []).append(indicator)
        for group, indicators in groups.items():
            title = group or "Indikatorer"
            if len(groups) > 1 or group:
                parts.append(f"<h3>{escape(title)}</h3>")
            rows = []
            for indicator in indicators:
                result = measure.measure_progress(indicator)
                target = result.target.text if result.target else "Inget mål"
                link = urls.href(page, urls.indicator_page(muni, indicator))
                rows.append(f'<tr><th scope="row"><a href="{escape(link)}">{escape(indicator.name)}</a></th>'
                            f"<td>{escape(latest_value_text(indicator))}</td><td>{escape(target)}</td>"
                            f"<td>{progress_badge(result.status)}</td></tr>")
            table = (f'<table><caption>{escape(doc.display_title)}: {escape(title.lower() if not group else title)}'
                     f'</caption><thead><tr><th scope="col">Indikator</th><th scope="col">Senaste värde</th>'
                     f'<th scope="col">Mål</th><th scope="col">Bedömning</th></tr></thead>'
                     f'<tbody>{"".join(rows)}</tbody></table>')
            parts.append(scroll_table(f"{doc.display_title}: {title}", table))
        parts.append("</section>")
    parts.append(f'<details class="tp-method"><summary>Så bedöms utvecklingen</summary>'
                 f"<p>{escape(measure.PROGRESS_METHOD)}</p></details>")
    parts.append("</div>")
    return _no_blank_lines("".join(parts))


# --- follow-up page ------------------------------------------------------------------------

def _sections(sections, level: int, prefix: str) -> str:
    out = []
    for section in sections:
        h = f"h{min(level, 6)}"
        out.append(f'<section class="tp-section"><{h} id="{escape(urls.section_anchor(section.id))}">'
                   f"{escape(section.title)}</{h}>{_md(section.body, f'{prefix}{section.id}-')}"
                   f"{_sections(section.sections, level + 1, prefix)}</section>")
    return "".join(out)


def _link(link: Link, project: Project, muni: Municipality, page: str) -> str:
    """A "Läs mer" link: the plan page when the document exists here, else the URL, else text."""
    title = escape(link.title)
    if link.document:
        target = project.document(link.document, muni.id)
        if target is not None:
            return f'<a href="{escape(urls.href(page, urls.document_page(target)))}">{title}</a>'
    if link.url:
        return f'<a href="{escape(link.url)}">{title}</a>'
    note = " (finns inte på den här webbplatsen)"
    return f"{title}{escape(note)}"


def action_report_block(project: Project, muni: Municipality, doc: Document, followup: FollowUp,
                        action, settings: SiteSettings, page: str) -> str:
    report = next((r for r in followup.actions if r.action == action.id), None)
    state = action_status.effective_status(action, doc, settings.today, followup.period)
    link = urls.href(page, urls.document_page(doc), urls.action_anchor(action.id))
    label = f"{escape(action.label)} " if action.label else ""
    parts = [f'<article class="tp-action-report" id="{escape(urls.action_anchor(action.id))}">'
             f'<h4>{label}<a href="{escape(link)}">{escape(action.title)}</a></h4>']
    parts.append(f"<p>Status: {state_tag(state)}</p>")
    if report is None:
        parts.append(f"<p>Åtgärden finns inte med i uppföljningen för {escape(swedish_period(followup.period))}.</p>")
    else:
        if report.rating:
            parts.append(f"<p>Uppföljning i källan: {escape(shapes.rating_text(report.rating))}</p>")
        rows = [("Vad har genomförts", _md(report.done, f"{action.id}-d-")),
                ("Nästa steg", _md(report.next, f"{action.id}-n-")),
                ("Hinder", _md(report.obstacles, f"{action.id}-h-")),
                ("Rapporterad av", escape(person_text(report.reported_by, muni, settings))),
                ("Rapporterad", escape(swedish_date(report.reported_at)))]
        parts.append(_dl(rows, "tp-facts tp-report"))
        parts.append(_remark(report.remark))
    parts.append("</article>")
    return "".join(parts)


def status_changes_table(doc: Document, period: str) -> str:
    frame = action_status.status_changes(doc)
    frame = frame[frame["to_period"] == period]
    if frame.empty:
        return ""
    rows = "".join(
        f'<tr><th scope="row">{escape(row.title)}</th><td>{escape(row.from_status)}</td><td>{escape(row.to_status)}</td></tr>'
        for row in frame.itertuples())
    before = swedish_period(str(frame.iloc[0]["from_period"]))
    table = (f"<table><caption>Ändrad status från {escape(before)} till {escape(swedish_period(period))}</caption>"
             f'<thead><tr><th scope="col">Åtgärd</th><th scope="col">Från</th><th scope="col">Till</th></tr></thead>'
             f"<tbody>{rows}</tbody></table>")
    return scroll_table(f"Ändrad status {before}–{swedish_period(period)}", table)


def render_followup(project: Project, muni: Municipality, doc: Document, followup: FollowUp,
                    settings: SiteSettings) -> str:
    """The body of a follow-up page: everything the follow-up reports, faithfully."""
    page = urls.followup_page(doc, followup.period)
    reported_by = person_text(followup.reported_by, muni, settings)
    facts = [
        ("Dokument", f'<a href="{escape(urls.href(page, urls.document_page(doc)))}">{escape(doc.title)}</a>'),
        ("Period", escape(swedish_period(followup.period))),
        ("Redovisad för", escape(followup.reported_body)),
        ("Datum", escape(swedish_date(followup.reported_date))),
        ("Sammanställd av", escape(reported_by)),
        ("Diarienummer", escape(followup.reported_diarienummer)),
    ]
    others = [f for f in sorted(doc.followups, key=lambda f: f.period) if f.period != followup.period]
    if others:
        facts.append(("Andra uppföljningar", join_swedish([
            f'<a href="{escape(urls.href(page, urls.followup_page(doc, f.period)))}">{escape(swedish_period(f.period))}</a>'
            for f in others])))
    parts = ['<div class="tp-followup">', _dl(facts, context=("Dokument", "Andra uppföljningar"))]
    if followup.summary:
        parts.append(f'<h2 id="sammanfattning">Sammanfattning</h2>{_md(followup.summary, "sam-")}')
    parts.append(_sections(followup.sections, 2, "avs-"))

    # Indicators: the follow-up's comments first, then the document's other indicators.
    commented = [c.indicator for c in followup.indicators]
    rest = [i for i in doc.indicators if i.id not in commented]
    if followup.indicators or doc.indicators:
        parts.append('<h2 id="indikatorer">Indikatorer och mål</h2>')
    for comment in followup.indicators:
        indicator = doc.indicator(comment.indicator)
        if indicator is None:
            continue
        parts.append(_indicator_outcome(muni, indicator, page, comment.heading, comment.comment, followup.period))
    if rest and followup.indicators:
        parts.append("<h3>Övriga indikatorer i dokumentet</h3>")
    for indicator in rest:
        parts.append(_indicator_outcome(muni, indicator, page, "", "", followup.period, level=4 if followup.indicators else 3))

    if followup.areas:
        parts.append('<h2 id="omraden">Områden</h2>')
    for report in followup.areas:
        area = doc.area(report.area)
        title = area.title if area else report.area
        parts.append(f'<section class="tp-area-report" id="{escape(urls.area_anchor(report.area))}">'
                     f"<h3>{escape(title)}</h3>")
        if report.focus:
            parts.append(f"<h4>Inriktning</h4>{_md(report.focus, f'{report.area}-f-')}")
        if report.strategies:
            items = "".join(f"<li>{escape(s)}</li>" for s in report.strategies)
            parts.append(f"<h4>Strategi för insatser</h4><ul>{items}</ul>")
        if report.assessment:
            parts.append(f"<h4>Bedömning</h4>{_md(report.assessment, f'{report.area}-b-')}")
        for index, example in enumerate(report.good_examples):
            heading = escape(example.title) if example.title else "Gott exempel"
            parts.append(f'<section class="tp-good-example"><h4>{heading}</h4>'
                         f"{_md(example.body, f'{report.area}-e{index}-')}</section>")
        if report.agenda2030:
            items = "".join(f"<li>{escape(agenda2030_text(g))}</li>" for g in report.agenda2030)
            parts.append(f"<h4>Koppling till Agenda 2030</h4><ul>{items}</ul>")
        if report.related_documents:
            items = "".join(f"<li>{_link(link, project, muni, page)}</li>" for link in report.related_documents)
            parts.append(f"<h4>Läs mer</h4><ul>{items}</ul>")
        parts.append("</section>")

    parts.append(shapes.render_entries_section(followup, doc, page))
    if followup.round:  # a rolling document's round: only that round's actions, never another round's
        parts.append(shapes.render_round_actions(
            doc, followup, page, lambda a: action_report_block(project, muni, doc, followup, a, settings, page)))
        parts.append(about_the_data(followup.remark, getattr(followup, "editorial_note", "") or ""))
        return _no_blank_lines("".join(parts) + "</div>")
    parts.append('<h2 id="atgarder">Åtgärder</h2>')
    actions = doc.all_actions()
    if not actions:
        parts.append("<p>Dokumentet har inga enskilda åtgärder att följa upp.</p>")
    else:
        if not followup.actions:
            parts.append(f"<p>Uppföljningen för {escape(swedish_period(followup.period))} redovisar inga enskilda "
                         "åtgärder.</p>")
        parts.append(_period_counts(doc, followup, settings))
        parts.append(status_changes_table(doc, followup.period))
        for area in doc.all_areas():
            if not area.actions:
                continue
            parts.append(f'<section class="tp-area-actions"><h3>{escape(area.title)}</h3>')
            parts.extend(action_report_block(project, muni, doc, followup, a, settings, page) for a in area.actions)
            parts.append("</section>")
        parts.append(shapes.direct_actions_heading(doc))
        parts.extend(action_report_block(project, muni, doc, followup, a, settings, page) for a in doc.actions)
    parts.append(about_the_data(followup.remark, getattr(followup, "editorial_note", "") or ""))
    parts.append("</div>")
    return _no_blank_lines("".join(parts))


def about_the_data(remark: str, note: str = "") -> str:
    """Om uppgifterna: collapsed at the bottom; the only place with notes made while encoding."""
    body = ["<p>Uppgifterna kommer från kommunens dokument och har lästs in för hand. Originaldokumentet gäller "
            "alltid.</p>"]
    if remark:
        body.append(f"<p><strong>Om källan:</strong></p>{_md(remark, 'om-kallan-')}")
    if note:
        body.append(f"<p><strong>Anteckning från inläsningen:</strong></p>{_md(note, 'om-inlasningen-')}")
    return (f'<details class="tp-about-data" id="om-uppgifterna"><summary>Om uppgifterna</summary>'
            f'{"".join(body)}</details>')


def _period_counts(doc: Document, followup: FollowUp, settings: SiteSettings) -> str:
    """The same counts as the plan page (action_status.counts), for this follow-up's period."""
    result = action_status.counts(doc, settings.today, followup.period)
    roll = result.whole
    out = (f'<p><strong data-tp-reported="{roll.reported}" data-tp-total="{roll.total}">{roll.reported} av '
           f"{roll.total}</strong> åtgärder har en rapporterad status för "
           f"{escape(swedish_period(followup.period))}.</p>")
    return out + status_bar(roll, f"Åtgärder per status, {swedish_period(followup.period)}")


def _indicator_outcome(muni: Municipality, indicator: Indicator, page: str, heading: str, comment: str,
                       period: str, level: int = 3) -> str:
    h = f"h{level}"
    link = urls.href(page, urls.indicator_page(muni, indicator))
    result = measure.measure_progress(indicator)
    parts = [f'<section class="tp-indicator-outcome"><{h}>{escape(heading or indicator.name)}</{h}>']
    targets = "; ".join(t.text for t in indicator.targets) or "Inget mål"
    rows = [("Indikator", f'<a href="{escape(link)}">{escape(indicator.name)}</a>'),
            ("Senaste värde", escape(latest_value_text(indicator))),
            ("Mål", escape(targets)),
            ("Bedömning", progress_badge(result.status) + (
                f" (beräknad: {escape(result.computed_status)})" if result.differs else ""))]
    parts.append(_dl(rows))
    if comment:
        parts.append(_md(comment, f"ind-{indicator.id}-"))
    parts.append("</section>")
    return "".join(parts)


# --- plan dashboard ------------------------------------------------------------------------

#: A text symbol per state, shown next to the state's name (colour is never the only cue).
STATE_ICONS = {
    action_status.DONE: "✓", action_status.ONGOING: "↻", action_status.STARTED: "◐",
    action_status.NOT_STARTED: "○", action_status.LATE: "!", action_status.CANCELLED: "✕",
    action_status.NO_STATUS: "✎", action_status.DEADLINE_PASSED: "⌛", action_status.NO_REPORT: "–",
}


def state_tag(result: action_status.EffectiveStatus) -> str:
    """The state of one action as a tag: icon + text, with its date when the deadline passed."""
    icon = STATE_ICONS.get(result.status, "")
    return (f'<strong class="tp-tag tp-status--{_slug(result.status)}">'
            f'<span class="tp-tag-icon" aria-hidden="true">{escape(icon)}</span> '
            f"{escape(action_status.state_label(result))}</strong>")


def no_followup_line(doc: Document, roll: action_status.Rollup) -> str:
    """One line instead of bars of zeros when no follow-up has been reported."""
    text = (f"Ingen uppföljning är rapporterad för dokumentet ännu, så ingen av de {roll.total} åtgärderna "
            "har någon rapporterad status.") if roll.total != 1 else (
            "Ingen uppföljning är rapporterad för dokumentet ännu, så åtgärden har ingen rapporterad status.")
    if roll.deadline_passed:
        text += (f" För {roll.deadline_passed} av dem har tidsgränsen passerat."
                 if roll.deadline_passed != 1 else " För en av dem har tidsgränsen passerat.")
    return f'<p class="tp-no-followup" data-tp-reported="0" data-tp-total="{roll.total}">{escape(text)}</p>'


def status_bar(roll: action_status.Rollup, label: str) -> str:
    """One stacked bar (one scale for every state) plus a legend with the numbers as text."""
    segments, legend = [], []
    for status in roll.shown():
        count = roll.counts[status]
        width = count * 100 / roll.total if roll.total else 0
        segments.append(f'<span class="tp-seg tp-status--{_slug(status)}" style="width:{width:.3f}%"></span>')
        legend.append(f'<li class="tp-legend-item"><span class="tp-swatch tp-status--{_slug(status)}" aria-hidden="true">'
                      f"{escape(STATE_ICONS.get(status, ''))}</span> {escape(status.capitalize())}: "
                      f'<strong data-tp-state="{escape(status)}">{count}</strong> av {roll.total} '
                      f"({roll.shares[status]}\u00a0%)</li>")
    return (f'<figure class="tp-statusbar"><figcaption>{escape(label)}</figcaption>'
            f'<div class="tp-stack" aria-hidden="true">{"".join(segments)}</div>'
            f'<ul class="tp-legend">{"".join(legend)}</ul></figure>')


def area_counts_table(doc: Document, result: action_status.StatusCounts, caption: str) -> str:
    shown = result.whole.shown()
    rows = []
    for area_id, roll in result.per_area.items():
        area = doc.area(area_id)
        cells = "".join(f"<td>{roll.counts[s]}</td>" for s in shown)
        rows.append(f'<tr><th scope="row">{escape(area.title if area else area_id)}</th>{cells}<td>{roll.total}</td></tr>')
    head = "".join(f'<th scope="col">{escape(s.capitalize())}</th>' for s in shown)
    table = (f'<table class="tp-table tp-counts"><caption>{escape(caption)}</caption><thead><tr><th scope="col">Område</th>'
             f'{head}<th scope="col">Totalt</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')
    return scroll_table(caption, table)


def indicator_line(doc: Document, muni: Municipality, page: str) -> str:
    """Indicators: how many have values; "inga värden ännu" instead of empty charts."""
    if not doc.indicators:
        return ""
    without = [i for i in doc.indicators if not has_values(i)]
    link = urls.href(page, urls.indicators_index_page(muni.id), f"dokument-{doc.id}")
    total = len(doc.indicators)
    if len(without) == total:
        text = f"{total} indikatorer, inga värden ännu." if total != 1 else "En indikator, inga värden ännu."
        return f'<p>{escape(text.strip())} <a href="{escape(link)}">Indikatorerna</a></p>'
    summary = measure.indicator_summary(doc)
    text = (f"Indikatorer: {total}, varav {len(without)} med inga värden ännu. " if without
            else f"Indikatorer: {total}. ")
    assessed = summary.on_track + summary.off_track
    if assessed:
        text += f"På väg mot målet: {summary.on_track}, inte på väg mot målet: {summary.off_track}."
    return f'<p>{escape(text.strip())} <a href="{escape(link)}">Alla indikatorer</a></p>'


def has_values(indicator: Indicator) -> bool:
    return any(v.value is not None for s in indicator.series for v in s.values)


def render_dashboard(doc: Document, muni: Municipality, settings: SiteSettings) -> str:
    """The progress summary on a plan page (placed on urls.document_page(doc)).

    Counts come from action_status.counts, the same function every other page uses. Without
    a follow-up it is one line; with one, a stacked bar on one scale and a legend in text.
    """
    page = urls.document_page(doc)
    today: _dt.date = settings.today
    result = action_status.counts(doc, today)
    whole = result.whole
    latest = doc.latest_followup()
    hid = f"lage-{doc.id}"
    parts = [f'<section class="tp-dashboard" aria-labelledby="{escape(hid)}">',
             f'<h2 id="{escape(hid)}">Hur går det?</h2>']
    if not whole.total:
        parts.append("<p>Dokumentet har inga enskilda åtgärder att följa upp.</p>")
    elif latest is None:
        parts.append(no_followup_line(doc, whole))
    else:
        when = f", redovisad {escape(swedish_date(latest.reported_date))}" if latest.reported_date else ""
        link = urls.href(page, urls.followup_page(doc, latest.period))
        parts.append(f'<p>Enligt <a href="{escape(link)}">uppföljningen för {escape(swedish_period(latest.period))}</a>'
                     f"{when} har <strong data-tp-reported=\"{whole.reported}\" data-tp-total=\"{whole.total}\">"
                     f"{whole.reported} av {whole.total}</strong> åtgärder en rapporterad status.</p>")
        parts.append(status_bar(whole, f"Åtgärder per status, {swedish_period(latest.period)}"))
        if len(result.per_area) > 1:
            parts.append(f"<details><summary>Per område</summary>"
                         f"{area_counts_table(doc, result, 'Åtgärder per område och status')}</details>")
    parts.append(indicator_line(doc, muni, page))
    if latest is not None:
        parts.append(f'<details class="tp-method"><summary>Så räknas läget</summary><p>{escape(action_status.ROLLUP_METHOD)}</p>'
                     f"<p>{escape(measure.PROGRESS_METHOD)}</p><p>Beräknat {escape(swedish_date(today))}.</p></details>")
    parts.append("</section>")
    return _no_blank_lines("".join(parts))

"""The plan page: metadata, text, areas with goals, causes and actions, downloads and history."""

from __future__ import annotations

from dataclasses import dataclass, field

from tryggplan import urls
from tryggplan.authoring.history import Change
from tryggplan.formatting import join_swedish, swedish_date, swedish_period
from tryggplan.model import (
    Action,
    Activity,
    Area,
    Document,
    Goal,
    Indicator,
    Link,
    Municipality,
    Project,
    Section,
    Timing,
)
from tryggplan.settings import SiteSettings
from tryggplan.views import html as h
from tryggplan.views.shapes import NO_VALIDITY, document_facts, render_rounds
from tryggplan.views.status import KIND_LABELS, document_status, validity_text

PREVENTION = {"social": "social prevention", "situationell": "situationell prevention"}
WORK_TYPE = {"punktinsats": "Punktinsats (avgränsad insats)",
             "ordinarie arbete": "Ordinarie arbete (linjearbete)"}


def forum_anchor(forum_id: str) -> str:
    return f"forum-{forum_id}"


def method_anchor(method_id: str) -> str:
    return f"metod-{method_id}"


def indicator_index(muni: Municipality) -> dict[str, Indicator]:
    """Indicators of every document in the municipality, by id (ids are unique per municipality)."""
    return {i.id: i for doc in muni.documents.values() for i in doc.indicators}


@dataclass(slots=True)
class PlanContext:
    project: Project
    muni: Municipality
    doc: Document
    settings: SiteSettings
    changes: list[Change] = field(default_factory=list)
    page: str = ""
    indicators: dict[str, Indicator] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.page = self.page or urls.document_page(self.doc)
        self.indicators = self.indicators or indicator_index(self.muni)

    def href(self, to_page: str, anchor: str = "") -> str:
        return urls.href(self.page, to_page, anchor)

    def unit(self, unit_id: str) -> str:
        return h.unit_ref(self.muni, unit_id, self.page)

    def units(self, unit_ids: list[str]) -> str:
        return h.unit_refs(self.muni, unit_ids, self.page)

    def person(self, who) -> str:
        return h.person(self.muni, who, self.page, self.settings.show_person_names)

    def document_link(self, ref: str, text_html: str = "") -> str:
        """A link to another document in plans/, or the escaped text when it is not there."""
        target = self.project.document(ref, self.doc.municipality_id)
        if target is None:
            return text_html or h.esc(ref)
        return h.link(self.href(urls.document_page(target)), text_html or h.esc(target.display_title))

    def indicator_links(self, ids: list[str]) -> str:
        items = []
        for ind_id in ids:
            indicator = self.indicators.get(ind_id)
            if indicator is None:
                items.append(h.esc(ind_id))
            else:
                items.append(h.link(self.href(urls.indicator_page(self.muni, indicator)), h.esc(indicator.name)))
        return h.ul(items) if len(items) > 1 else "".join(items)


def render_document_page(project: Project, muni: Municipality, doc: Document, settings: SiteSettings,
                         changes: list[Change] | None = None) -> str:
    ctx = PlanContext(project, muni, doc, settings, list(changes or []))
    status = document_status(doc, settings.today)
    kind = KIND_LABELS.get(doc.kind, h.capitalise(doc.kind))
    parts = [h.title_block(doc.title, doc.summary or f"{kind} för {muni.name}")]
    parts.append(h.block(
        f'<p class="tp-kicker">{h.esc(kind)} · '
        f'{h.link(ctx.href(urls.municipality_page(muni.id)), h.esc(muni.name))}'
        f' · <span class="tp-status tp-status--{status.code}">{h.esc(status.one_line)}</span></p>'))
    for flag in status.warnings:
        parts.append(h.block(
            f'<div class="admonition warning tp-banner" role="status"><p class="admonition-title">'
            f"{h.esc(flag.label)}</p><p>{h.esc(flag.explanation)}</p></div>"))
    if doc.summary:
        parts.append(h.block(f'<p class="tp-summary">{h.esc(doc.summary)}</p>'))
    parts.append(h.block(metadata(ctx, status.one_line)))
    if (doc.all_actions() or doc.indicators) and not doc.rounds:  # a rolling document: per round, below
        from tryggplan.views.progress_html import render_dashboard  # the progress module imports plan views' helpers

        parts.append(h.block(render_dashboard(doc, muni, settings)))
    parts.append(h.block(quick_links(ctx)))
    parts.append(h.block(h.remark(doc.remark)))
    parts.append(h.block(table_of_contents(ctx)))
    parts.append(render_body(ctx))
    parts.append(render_rounds(doc, ctx.page, lambda action, level: render_action(ctx, _NO_AREA, action, level)))
    parts.append(related(ctx))
    parts.append(downloads(ctx))
    parts.append(revision_history(ctx))
    return "".join(parts)


_NO_AREA = Area("", "")


def render_body(ctx: PlanContext) -> str:
    """Sections, the document's goals, areas and actions directly under the document, in source order
    (doc.order); without an order: sections, goals, areas, actions."""
    doc = ctx.doc
    out = []
    goals_shown = False

    def goals() -> None:
        nonlocal goals_shown
        if goals_shown:
            return
        goals_shown = True
        if doc.goals:
            out.append(h.heading(2, "Mål", "mal"))
            out.append(h.block(goals_list(ctx, doc.goals)))
        if doc.indicator_ids:
            out.append(h.heading(2, "Indikatorer för hela dokumentet", "indikatorer"))
            out.append(h.block(f"<p>{ctx.indicator_links(doc.indicator_ids)}</p>"))

    for kind, item in doc.outline():
        if kind == "section":
            out.append(render_section(item, 2))
            continue
        goals()
        if kind == "area":
            out.append(render_area(ctx, item, 2))
        else:
            out.append(h.heading(2, "Åtgärder", "atgarder"))
            out += [render_action(ctx, _NO_AREA, action, 3) for action in item]
    goals()
    return "".join(out)


def metadata(ctx: PlanContext, status_line: str) -> str:
    doc, decision = ctx.doc, ctx.doc.decision
    validity = validity_text(doc)
    if doc.validity_text and doc.validity_text != validity:
        validity = (f"{h.esc(validity)} <span class=\"tp-source\">(i källan: {h.esc(doc.validity_text)})</span>"
                    if validity else h.esc(doc.validity_text))
    else:
        validity = h.esc(validity)
    replaces = ""
    if doc.replaces:
        text = doc.replaces.get("text") or join_swedish(
            [doc.replaces.get("body", ""), swedish_date(doc.replaces.get("date", "")), doc.replaces.get("paragraph", "")])
        replaces = (ctx.document_link(doc.replaces["document"], h.esc(text))
                    if doc.replaces.get("document") else h.esc(text))
    decided = h.esc(decision.body) if decision.body else ""
    if not decision and doc.status != "undertecknad":
        decided = "<em>Uppgift saknas i källan</em>"
    rows = [
        ("Dokumenttyp", h.esc(KIND_LABELS.get(doc.kind, doc.kind))),
        ("Status", h.esc(status_line)),
        ("Beslutat av", decided),
        ("Beslutsdatum", h.esc(swedish_date(decision.date))),
        ("Paragraf", h.esc(decision.paragraph)),
        ("Diarienummer", h.esc(doc.diarienummer or decision.diarienummer)),
        ("Beslut enligt källan", h.esc(decision.text)),
        ("Dokumentdatum", h.esc(swedish_date(doc.document_date))),
        ("Giltighet", validity or NO_VALIDITY),
        ("Ersätter", replaces),
        ("Dokumentägare", ctx.person(doc.owner)),
        ("Dokumentansvarig", ctx.person(doc.responsible)),
        ("Skrivet av", ctx.person(doc.created_by)),
        ("Revideras senast", h.esc(swedish_date(doc.revise_by))),
        ("Gäller för", ctx.unit(doc.organisation_unit) if doc.organisation_unit else ""),
        ("Överordnat dokument", ctx.document_link(doc.parent) if doc.parent else ""),
    ]
    rows += document_facts(doc, ctx.settings.show_person_names)
    return ('<section class="tp-card" aria-label="Uppgifter om dokumentet">'
            + h.dl(rows, "tp-dl tp-meta") + "</section>")


def quick_links(ctx: PlanContext) -> str:
    doc = ctx.doc
    items = []
    if doc.all_actions():
        items.append(h.link(ctx.href(urls.responsibility_page(doc)), "Vem gör vad? Ansvar per enhet och åtgärd"))
    if ctx.muni.forums or ctx.muni.methods:
        items.append(h.link(ctx.href(urls.forums_page(doc.municipality_id)), "Samverkansforum och metoder"))
    items.append(h.link(ctx.href(urls.units_index_page(doc.municipality_id)), "Enheter och parter"))
    items.append(h.link("#nedladdning", "Ladda ner planen som data (JSON, CSV)"))
    return h.ul(items, "tp-quicklinks")


def table_of_contents(ctx: PlanContext) -> str:
    doc = ctx.doc
    items = []
    for kind, item in doc.outline():  # the same order as the page body (render_body)
        if kind != "section" and doc.goals and h.link("#mal", "Mål") not in items:
            items.append(h.link("#mal", "Mål"))
        if kind == "section":
            items.append(h.link(f"#{urls.section_anchor(item.id)}", h.esc(item.title)))
        elif kind == "area":
            items.append(toc_area(item))
        else:
            items.append(h.link("#atgarder", "Åtgärder") + h.ul(h.link(f"#{urls.action_anchor(a.id)}", h.esc(a.title))
                                                                 for a in item))
    if doc.goals and h.link("#mal", "Mål") not in items:
        items.append(h.link("#mal", "Mål"))
    if doc.rounds:
        items.append(h.link("#omgangar", "Omgångar"))
    items += [h.link("#relaterade-dokument", "Relaterade dokument"), h.link("#nedladdning", "Ladda ner"),
              h.link("#historik", "Ändringshistorik")]
    return ('<nav class="tp-toc" aria-labelledby="tp-toc-rubrik"><h2 id="tp-toc-rubrik">Innehåll</h2><ol>'
            + "".join(f"<li>{i}</li>" for i in items) + "</ol></nav>")


def toc_area(area: Area) -> str:
    """An area with its actions and sub-areas: keyboard users reach every action from the contents list."""
    children = [h.link(f"#{urls.action_anchor(a.id)}", h.esc(a.title)) for a in area.actions]
    children += [toc_area(child) for child in area.areas]
    if area.order:  # the same order as the area on the page
        children = [h.link(f"#{urls.action_anchor(item.id)}", h.esc(item.title)) if kind == "action" else toc_area(item)
                    for kind, item in area.outline() if kind != "text"]
    return h.link(f"#{urls.area_anchor(area.id)}", h.esc(area.title)) + h.ul(children)


def render_section(section: Section, level: int) -> str:
    out = h.heading(level, section.title, urls.section_anchor(section.id))
    out += h.block(f'<div class="tp-text">{h.md(section.body, id_prefix=f"{section.id}-")}</div>')
    for sub in section.sections:
        out += render_section(sub, min(level + 1, 6))
    return out


def goals_list(ctx: PlanContext, goals: list[Goal]) -> str:
    items = []
    for goal in goals:
        extra = []
        if goal.measurement:
            extra.append(f"<p class=\"tp-small\">Mäts med: {h.esc(goal.measurement)}</p>")
        if goal.indicators:
            extra.append(f'<div class="tp-small">Indikatorer: {ctx.indicator_links(goal.indicators)}</div>')
        extra.append(h.remark(goal.remark))
        items.append(f'<span id="mal-{h.esc(goal.id)}">{h.esc(goal.text)}</span>' + "".join(extra))
    return h.ul(items, "tp-goals")


def render_area(ctx: PlanContext, area: Area, level: int) -> str:
    if area.order:
        return render_area_in_source_order(ctx, area, level)
    sub = min(level + 1, 6)
    out = h.heading(level, area.title, urls.area_anchor(area.id))
    intro = []
    if area.kind:
        intro.append(f'<p class="tp-kicker">{h.esc(h.capitalise(area.kind))}</p>')
    if area.description:
        intro.append(f'<div class="tp-text">{h.md(area.description, id_prefix=f"{area.id}-beskrivning-")}</div>')
    intro.append(h.remark(area.remark))
    out += h.block("".join(intro))
    parts_shown = False
    if area.situation:
        out += h.heading(sub, "Lägesbild", urls.area_part_anchor(area.id, "lagesbild"))
        out += h.block(f'<div class="tp-text">{h.md(area.situation, id_prefix=f"{area.id}-lagesbild-")}</div>')
        parts_shown = True
    if area.definitions:
        out += h.heading(sub, "Definitioner", urls.area_part_anchor(area.id, "definitioner"))
        out += h.block(f'<div class="tp-text">{h.md(area.definitions, id_prefix=f"{area.id}-definitioner-")}</div>')
        parts_shown = True
    if area.goals:
        out += h.heading(sub, "Övergripande mål", urls.area_part_anchor(area.id, "mal"))
        out += h.block(goals_list(ctx, area.goals))
        parts_shown = True
    if area.indicators:
        out += h.block(f'<div class="tp-small">Indikatorer för området: {ctx.indicator_links(area.indicators)}</div>')
    if area.causes:
        out += h.heading(sub, "Orsaker", urls.area_part_anchor(area.id, "orsaker"))
        out += h.block(causes_list(area))
        parts_shown = True
    if area.action_summary:
        out += h.heading(sub, "Åtgärder i korthet", urls.area_part_anchor(area.id, "i-korthet"))
        out += h.block(h.ul(h.esc(text) for text in area.action_summary))
        parts_shown = True
    if area.actions:
        action_level = sub
        if parts_shown:
            out += h.heading(sub, "Åtgärder", urls.area_part_anchor(area.id, "atgarder"))
            action_level = min(sub + 1, 6)
        for action in area.actions:
            out += render_action(ctx, area, action, action_level)
    for child in area.areas:
        out += render_area(ctx, child, sub)
    return out


def render_area_in_source_order(ctx: PlanContext, area: Area, level: int) -> str:
    """An area whose text fields, actions and sub-areas follow area.order (the source's order)."""
    sub = min(level + 1, 6)
    anchor = urls.area_anchor(area.id)
    out = h.heading(level, area.title, anchor)
    intro = [f'<p class="tp-kicker">{h.esc(h.capitalise(area.kind))}</p>' if area.kind else "", h.remark(area.remark)]
    out += h.block("".join(intro))
    texts = {
        "description": lambda: h.block(f'<div class="tp-text">{h.md(area.description, id_prefix=f"{area.id}-beskrivning-")}</div>')
        if area.description else "",
        "situation": lambda: (h.heading(sub, "Lägesbild", f"{anchor}-lagesbild")
                              + h.block(f'<div class="tp-text">{h.md(area.situation, id_prefix=f"{area.id}-lagesbild-")}</div>'))
        if area.situation else "",
        "definitions": lambda: (h.heading(sub, "Definitioner", f"{anchor}-definitioner")
                                + h.block(f'<div class="tp-text">{h.md(area.definitions, id_prefix=f"{area.id}-definitioner-")}</div>'))
        if area.definitions else "",
        "goals": lambda: (h.heading(sub, "Övergripande mål", f"{anchor}-mal") + h.block(goals_list(ctx, area.goals))
                          + (h.block(f'<div class="tp-small">Indikatorer för området: {ctx.indicator_links(area.indicators)}</div>')
                             if area.indicators else "")) if area.goals else "",
        "causes": lambda: (h.heading(sub, "Orsaker", f"{anchor}-orsaker") + h.block(causes_list(area))) if area.causes else "",
        "action_summary": lambda: (h.heading(sub, "Åtgärder i korthet", f"{anchor}-i-korthet")
                                   + h.block(h.ul(h.esc(text) for text in area.action_summary)))
        if area.action_summary else "",
    }
    shown_text = False
    actions_heading = False
    for kind, item in area.outline():
        if kind == "text":
            html = texts[item]()
            shown_text = shown_text or bool(html)
            out += html
        elif kind == "action":
            if shown_text and not actions_heading:
                out += h.heading(sub, "Åtgärder", f"{anchor}-atgarder")
                actions_heading = True
            out += render_action(ctx, area, item, min(sub + 1, 6) if actions_heading else sub)
        else:
            out += render_area(ctx, item, sub)
    if area.indicators and not area.goals:
        out += h.block(f'<div class="tp-small">Indikatorer för området: {ctx.indicator_links(area.indicators)}</div>')
    return out


def cause_label(cause, index: int) -> str:
    return f"Orsak {cause.number if cause.number is not None else index}"


def causes_list(area: Area) -> str:
    items = []
    for index, cause in enumerate(area.causes, start=1):
        items.append(f'<li id="{urls.cause_anchor(cause.id)}" value="{cause.number or index}">'
                     f"{h.esc(cause.text)}{h.remark(cause.remark)}</li>")
    note = ('<p class="tp-derived">Numreringen av orsakerna är gjord vid inläsningen; källan numrerar dem inte.</p>'
            if any(cause.number_assigned for cause in area.causes) else "")
    return '<ol class="tp-causes">' + "".join(items) + "</ol>" + note


def timing_text(timing: Timing) -> str:
    parts = []
    if timing.text:
        parts.append(h.esc(timing.text))
    structured: list[str] = []
    if timing.start:
        structured.append(f"start {swedish_date(timing.start)}")
    if timing.deadline:
        structured.append(f"klar senast {swedish_date(timing.deadline)}")
    if timing.recurrence and not timing.text:
        structured.append(timing.recurrence)
    if timing.continuous and not timing.text:
        structured.append("löpande")
    if structured:
        text = h.esc(h.capitalise(", ".join(structured)))
        parts.append(f'<span class="tp-source">({text})</span>' if timing.text else text)
    return " ".join(parts)


def responsibility_text(ctx: PlanContext, lead: list[str], participants: list[str], partners: list[str],
                        source_text: str, description: str = "") -> str:
    lines = []
    if lead:
        lines.append(f"<strong>Ansvarig:</strong> {ctx.units(lead)}")
    medverkande = [p for p in participants if p not in lead]
    if medverkande:
        lines.append(f"<strong>Medverkande:</strong> {ctx.units(medverkande)}")
    others = [p for p in partners if p not in lead and p not in medverkande]
    if others:
        lines.append(f"<strong>Samarbetspartner:</strong> {ctx.units(others)}")
    if description:
        lines.append(h.esc(description))
    if source_text and source_text.strip() != description.strip():
        lines.append(f'<span class="tp-source">Enligt källan: {h.esc(source_text)}</span>')
    return "<br>".join(lines)


def activities_table(ctx: PlanContext, action: Action) -> str:
    has_timing = any(a.timing for a in action.activities)
    head = '<th scope="col">Aktivitet</th><th scope="col">Ansvar</th>'
    head += '<th scope="col">När</th>' if has_timing else ""
    rows = []
    for activity in action.activities:
        rows.append(activity_row(ctx, activity, has_timing))
    table = (f'<table class="tp-table"><caption>Aktiviteter i åtgärden</caption><thead><tr>{head}</tr></thead>'
             f"<tbody>{''.join(rows)}</tbody></table>")
    return h.scroll_table(table, f"Aktiviteter: {action.title}")


def activity_row(ctx: PlanContext, activity: Activity, has_timing: bool) -> str:
    who = responsibility_text(ctx, activity.responsible.lead, activity.responsible.participants, [],
                              activity.responsible_text, activity.responsible.description)
    cells = (f'<th scope="row" id="aktivitet-{h.esc(activity.id)}">{h.esc(activity.title)}'
             f"{h.remark(activity.remark)}</th><td>{who}</td>")
    if has_timing:
        cells += f"<td>{timing_text(activity.timing)}</td>"
    return f"<tr>{cells}</tr>"


def followup_status(ctx: PlanContext, action: Action) -> str:
    """The status in the latest follow-up (of the action's own round, for a rolling document); a
    narrative entry gives no status and is said to be one."""
    latest = ctx.doc.latest_followup()
    if action.round_id:
        own = [f for f in ctx.doc.followups if f.round == action.round_id]
        latest = max(own, key=lambda f: f.period) if own else None
    if latest is None:
        return "Ingen uppföljning rapporterad"
    for report in latest.actions:
        if report.action == action.id:
            return f"{h.esc(h.capitalise(report.status))} ({h.esc(swedish_period(latest.period))})"
    if any(action.id in entry.actions for entry in latest.entries):
        return f"Uppföljd i text, utan status ({h.esc(swedish_period(latest.period))})"
    return f"Ingen uppföljning rapporterad för åtgärden ({h.esc(swedish_period(latest.period))})"


def render_action(ctx: PlanContext, area: Area, action: Action, level: int) -> str:
    muni = ctx.muni
    causes = []
    for cause in ctx.doc.all_causes():
        if cause.id in action.causes:
            index = next((i for i, c in enumerate(area.causes, start=1) if c.id == cause.id), 0)
            causes.append(h.link(f"#{urls.cause_anchor(cause.id)}", h.esc(cause_label(cause, index)))
                          + f": {h.esc(cause.text)}")
    forums_page = urls.forums_page(muni.id)
    methods = [h.link(ctx.href(forums_page, method_anchor(m)), _named(muni.methods.get(m), m)) for m in action.methods]
    forums = [h.link(ctx.href(forums_page, forum_anchor(f)), _named(muni.forums.get(f), f)) for f in action.forums]
    rows = [
        ("Rubrik i källan", h.esc(action.label)),
        ("Mål", h.ul(h.esc(g) for g in action.goals) if len(action.goals) > 1
         else h.esc(action.goals[0]) if action.goals else ""),
        ("Operativt mål", h.esc(action.operational_goal)),
        ("Orsaker som åtgärden riktar sig mot", h.ul(causes) if len(causes) > 1 else "".join(causes)),
        ("Ansvar", responsibility_text(ctx, action.responsible.lead, action.responsible.participants,
                                       action.partners, action.responsible_text, action.responsible.description)),
        ("När", timing_text(action.timing)),
        ("Typ av insats", h.esc(WORK_TYPE.get(action.work_type, action.work_type))),
        ("Preventionstyp", h.esc(h.capitalise(join_swedish([PREVENTION.get(p, p) for p in action.prevention])))),
        ("Metoder", join_swedish(methods)),
        ("Samverkansforum", join_swedish(forums)),
        ("Indikatorer", ctx.indicator_links(action.indicators)),
        ("Förslag till detaljerad åtgärdsplan", h.esc(action.detailed_plan_proposal)),
        ("Planerad uppföljning", h.esc(action.followup_plan)),
        ("Senaste uppföljning", followup_status(ctx, action)),
    ]
    body = []
    if action.description:
        body.append(f'<div class="tp-text">{h.md(action.description, id_prefix=f"{action.id}-")}</div>')
    body.append(h.dl(rows, "tp-dl tp-action-facts"))
    if action.activities:
        body.append(activities_table(ctx, action))
    body.append(h.remark(action.remark))
    return (h.heading(level, action.title, urls.action_anchor(action.id), "tp-action-title")
            + h.block(f'<div class="tp-action">{"".join(body)}</div>'))


def _named(item, fallback: str) -> str:
    if item is None:
        return h.esc(fallback)
    if item.abbreviation and item.abbreviation != item.name:
        return f'<abbr title="{h.esc(item.name)}">{h.esc(item.abbreviation)}</abbr>'
    return h.esc(item.name)


def link_item(ctx: PlanContext, link: Link) -> str:
    title = h.esc(link.title)
    if link.document:
        title = ctx.document_link(link.document, title)
    elif link.url:
        title = h.external_link(link.url, title)
    desc = f'<br><span class="tp-small">{h.esc(link.description)}</span>' if link.description else ""
    return title + desc


def related(ctx: PlanContext) -> str:
    doc = ctx.doc
    groups = [
        ("Rättslig grund", doc.legal_basis),
        ("Relation till andra styrdokument", doc.related_documents),
        ("Underliggande dokument", doc.child_documents),
    ]
    out = []
    if doc.parent:
        out.append(f"<p><strong>Överordnat dokument:</strong> {ctx.document_link(doc.parent)}</p>")
    children = [d for d in ctx.muni.documents.values() if d.parent in (doc.id, doc.key) and d.id != doc.id]
    listed = {link.document for link in doc.child_documents}
    children = [d for d in children if d.id not in listed and d.key not in listed]
    if children:
        out.append("<p><strong>Dokument som bygger på detta:</strong></p>"
                   + h.ul(h.link(ctx.href(urls.document_page(d)), h.esc(d.display_title)) for d in children))
    for title, links in groups:
        if links:
            out.append(f"<p><strong>{h.esc(title)}:</strong></p>" + h.ul(link_item(ctx, x) for x in links))
    if not out:
        out.append("<p>Dokumentet hänvisar inte till några andra dokument.</p>")
    return h.heading(2, "Relaterade dokument", "relaterade-dokument") + h.block("".join(out))


def downloads(ctx: PlanContext) -> str:
    doc = ctx.doc
    json_href = ctx.href(urls.download_path(doc, "json"))
    csv_href = ctx.href(urls.download_path(doc, "csv"))
    xlsx_href = ctx.href(urls.download_path(doc, "xlsx"))
    licence = h.external_link(ctx.settings.licence_url, h.esc(ctx.settings.licence)) \
        if ctx.settings.licence_url else h.esc(ctx.settings.licence)
    items = [f'<a href="{h.esc(xlsx_href)}" download>Excel</a> – åtgärder och aktiviteter med ansvar, tid och status',
             f'<a href="{h.esc(csv_href)}" download>CSV</a> – samma tabell som textfil (semikolonseparerad, '
             "öppnas i Excel)",
             f'<a href="{h.esc(json_href)}" download>JSON</a> – all information i planen, för utvecklare']
    items += [f'<a href="{h.esc(ctx.href(urls.indicator_download_path(ctx.muni, i)))}" download>'
              f"{h.esc(i.name)}</a> – indikatorns värden (CSV)" for i in doc.indicators]
    body = ("<p>Planen som filer att ladda ner:</p>" + h.ul(items)
            + f'<p class="tp-small">{licence} Varje fil anger källan.</p>')
    return h.heading(2, "Ladda ner", "nedladdning") + h.block(body)


def revision_history(ctx: PlanContext) -> str:
    doc = ctx.doc
    out = []
    if doc.revisions:
        rows = "".join(
            f"<tr><td>{h.esc(swedish_date(r.date))}</td><td>{h.esc(r.paragraph)}</td>"
            f"<td>{h.esc(r.description)}</td><td>{h.esc(r.diarienummer)}</td></tr>" for r in doc.revisions)
        table = ('<table class="tp-table"><caption>Beslutade revideringar</caption><thead><tr>'
                 '<th scope="col">Datum</th><th scope="col">Paragraf</th><th scope="col">Vad som ändrades</th>'
                 f'<th scope="col">Diarienummer</th></tr></thead><tbody>{rows}</tbody></table>')
        out.append(h.scroll_table(table, "Beslutade revideringar"))
    else:
        out.append("<p>Källan redovisar inga beslutade revideringar.</p>")
    if ctx.changes:
        out.append(f"<p><strong>Senast ändrad här:</strong> {h.esc(swedish_date(ctx.changes[0].date))}</p>")
        out.append('<p>Ändringar i uppgifterna på den här webbplatsen:</p>'
                   + h.ul((f"<time datetime=\"{h.esc(c.date)}\">{h.esc(swedish_date(c.date))}</time>: "
                           f"{h.esc(c.subject)}") for c in ctx.changes[:20]))
    return h.heading(2, "Ändringshistorik", "historik") + h.block("".join(out))

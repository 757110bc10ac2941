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
from tryggplan.views.status import (
    DERIVED_MARK,
    KIND_LABELS,
    derived_note,
    derived_note_short,
    document_status,
    validity_text,
)

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
    statuses: dict = field(default_factory=dict)
    summaries: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.page = self.page or urls.document_page(self.doc)
        self.indicators = self.indicators or indicator_index(self.muni)

    def href(self, to_page: str, anchor: str = "") -> str:
        return urls.href(self.page, to_page, anchor)

    def unit(self, unit_id: str, full: bool = False) -> str:
        return h.unit_ref(self.muni, unit_id, self.page, full=full)

    def units(self, unit_ids: list[str], full: bool = False) -> str:
        return h.unit_refs(self.muni, unit_ids, self.page, full=full)

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
                         changes: list[Change] | None = None, summaries: dict[str, list[str]] | None = None) -> str:
    """Answer first: summary, progress, the actions per area; background and details after.

    changes: commits that touched the document's files (newest first); summaries: commit ->
    Swedish sentences from the semantic diff (never commit messages).
    """
    ctx = PlanContext(project, muni, doc, settings, list(changes or []), summaries=dict(summaries or {}))
    status = document_status(doc, settings.today)
    draft = doc.status == "utkast"
    parts = [h.title_block(doc.title, doc.summary or f"{kind_label(doc)} för {muni.name}",
                           browser_title=f"{doc.title} – {muni.name}", robots="noindex" if draft else "",
                           breadcrumbs=breadcrumb_trail(ctx))]
    if draft:
        parts.append(h.block(
            '<div class="tp-banner tp-banner--draft" role="note"><p><strong>Utkast – inte beslutat.</strong> '
            "Dokumentet är ett utkast. Det har inte beslutats och kan ändras.</p></div>"))
    for flag in status.warnings:
        if flag.code == "utkast":
            continue
        parts.append(h.block(
            f'<div class="tp-banner tp-banner--warning" role="status"><p><strong>{h.esc(flag.tag_text)}.</strong> '
            f"{h.esc(flag.explanation)}</p></div>"))
    if doc.summary:
        parts.append(h.block(f'<p class="tp-lead">{h.esc(doc.summary)}</p>'))
    parts.append(h.block(summary_list(ctx, status)
                         + h.details("Fler uppgifter om dokumentet", metadata(ctx, status.tag_text), "tp-more")))
    if (doc.all_actions() or doc.indicators) and not doc.rounds:  # a rolling document: per round, below
        from tryggplan.views.progress_html import render_dashboard  # the progress module imports plan views' helpers

        parts.append(h.block(render_dashboard(doc, muni, settings)))
    if doc.order:  # the encoder kept the source's order: follow it, with the text collapsed
        parts.append(ordered_body(ctx))
    else:
        parts.append(actions_section(ctx))
    parts.append(render_rounds(doc, ctx.page, lambda action, level: h.block(action_card(ctx, _NO_AREA, action, level))))
    parts.append(h.block(quick_links(ctx)))
    if not doc.order:
        parts.append(background_section(ctx))
    parts.append(related(ctx))
    parts.append(downloads(ctx))
    parts.append(revision_history(ctx))
    parts.append(h.block(about_the_data(ctx)))
    return "".join(parts)


_NO_AREA = Area("", "")


def kind_label(doc: Document) -> str:
    return KIND_LABELS.get(doc.kind, h.capitalise(doc.kind))


def breadcrumb_trail(ctx: PlanContext) -> list[tuple[str, str]]:
    return [("Start", "index.md"), ("Kommuner", "kommuner/index.md"),
            (ctx.muni.name, urls.municipality_page(ctx.muni.id)), (ctx.doc.display_title, ctx.page)]


def decided_text(doc: Document) -> str:
    d = doc.decision
    if not d and doc.status == "undertecknad":
        return ""  # a signed document: the signing row says who signed it
    if not d:
        return "<em>Anges inte i källan</em>"
    parts = [p for p in (d.body, swedish_date(d.date)) if p]
    text = " ".join(parts) or d.text
    extra = [p for p in (d.paragraph, doc.diarienummer or d.diarienummer) if p]
    if extra and text != d.text:
        text += f" ({', '.join(extra)})"
    return h.esc(text)


def responsible_unit_id(doc: Document) -> str:
    for who in (doc.responsible, doc.owner):
        if who is not None and who.unit:
            return who.unit
    return doc.organisation_unit


def contact_html(ctx: PlanContext, unit_id: str) -> str:
    """Contact details of the responsible unit from organisation.yaml (email, phone, web page), or ""."""
    unit = ctx.muni.unit(unit_id) if unit_id else None
    links = h.contact_links(getattr(unit, "contact", None) or {}) if unit is not None else ""
    return f"{h.unit_ref(ctx.muni, unit_id, ctx.page, full=True)}: {links}" if links else ""


def summary_list(ctx: PlanContext, status) -> str:
    """GOV.UK-style summary list: what it is, who decided, validity, actions, latest follow-up."""
    doc = ctx.doc
    validity = validity_text(doc) or doc.validity_text
    validity_html = h.esc(validity) if validity else f"<em>{h.esc(NO_VALIDITY)}</em>"
    validity_html += f' <span class="tp-tag tp-doc-status--{h.esc(status.code)}">{h.esc(status.tag_text)}</span>'
    if status.derived:
        validity_html += f' <span class="tp-derived-note">{h.esc(derived_note_short(ctx.settings.today))}</span>'
    actions = doc.all_actions()
    areas = [a for a in doc.all_areas() if a.actions]
    if actions:
        count = f"{len(actions)} åtgärder" if len(actions) != 1 else "1 åtgärd"
        if len(areas) > 1:
            count += f" inom {len(areas)} områden"
        actions_html = h.link("#atgarder", h.esc(count))
    else:
        actions_html = "Dokumentet anger inga enskilda åtgärder"
    latest = doc.latest_followup()
    if latest is not None:
        followup_html = h.link(ctx.href(urls.followup_page(doc, latest.period)),
                               h.esc(f"Uppföljning {swedish_period(latest.period)}"))
        if latest.reported_date:
            followup_html += h.esc(f", redovisad {swedish_date(latest.reported_date)}")
    else:
        followup_html = "Ingen uppföljning rapporterad ännu"
    rows = [
        ("Typ av dokument", h.esc(kind_label(doc))),
        ("Beslutat av", decided_text(doc)),
        ("Giltighet", validity_html),
        ("Åtgärder", actions_html),
        ("Senaste uppföljning", followup_html),
        ("Ansvarig för dokumentet", ctx.person(doc.responsible) or ctx.person(doc.owner)),
        ("Kontakt", contact_html(ctx, responsible_unit_id(doc))),
    ]
    rows += document_facts(doc, ctx.settings.show_person_names)  # parter, undertecknande, förnyas, källa
    rows.append(("Senast ändrad här", h.esc(swedish_date(ctx.changes[0].date)) if ctx.changes else ""))
    return ('<section class="tp-summary-card" aria-label="Sammanfattning av dokumentet">'
            + h.dl(rows, "tp-summary-list") + "</section>")


def actions_section(ctx: PlanContext) -> str:
    doc = ctx.doc
    if not (doc.actions or any(a.actions for a in doc.all_areas())):
        return ""  # a rolling document's actions are shown per round
    from tryggplan.progress import status as action_status

    ctx.statuses = action_status.counts(doc, ctx.settings.today).statuses
    out = h.heading(2, "Åtgärder", "atgarder")
    if doc.actions:  # actions directly under the document, without an area
        out += h.block('<ul class="tp-action-list">'
                       + "".join(f"<li>{action_card(ctx, _NO_AREA, a, 3)}</li>" for a in doc.actions) + "</ul>")
    empty = []
    for area in doc.areas:
        if area_has_content(area):
            out += h.block(area_block(ctx, area, 3))
        else:
            empty.append(area.title)
    if empty:
        out += h.block("<p>Områden i dokumentet utan åtgärder eller text: " + h.esc(join_swedish(empty)) + ".</p>")
    return out


def render_area(ctx: PlanContext, area: Area, level: int) -> str:
    """One area as on the plan page (cards with vem, när, status), as a Markdown-safe HTML block."""
    if not ctx.statuses:
        from tryggplan.progress import status as action_status

        ctx.statuses = action_status.counts(ctx.doc, ctx.settings.today).statuses
    return h.block(area_block(ctx, area, level)) if area_has_content(area) else ""


def area_has_content(area: Area) -> bool:
    return bool(area.actions or area.description or area.situation or area.definitions or area.goals
                or area.causes or area.action_summary or area.indicators
                or any(area_has_content(child) for child in area.areas))


def area_block(ctx: PlanContext, area: Area, level: int) -> str:
    """An area: its title, its background collapsed, its actions as cards, then its sub-areas."""
    hl = min(level, 6)
    out = [f'<section class="tp-area" aria-labelledby="{h.esc(urls.area_anchor(area.id))}">'
           f'<h{hl} id="{h.esc(urls.area_anchor(area.id))}" class="tp-area-title">{h.esc(area.title)}</h{hl}>']
    if area.kind:
        out.append(f'<p class="tp-kicker">{h.esc(h.capitalise(area.kind))}</p>')
    out.append(h.details("Om området: bakgrund, mål och orsaker", area_background(ctx, area), "tp-area-background"))
    outline = area.outline()  # the source's order of actions and sub-areas (area.order), if any
    actions = [item for kind, item in outline if kind == "action"]
    if actions:
        out.append('<ul class="tp-action-list">'
                   + "".join(f"<li>{action_card(ctx, area, a, hl + 1)}</li>" for a in actions) + "</ul>")
    for child in [item for kind, item in outline if kind == "area"]:
        if area_has_content(child):
            out.append(area_block(ctx, child, level + 1))
    out.append("</section>")
    return "".join(out)


def area_background(ctx: PlanContext, area: Area) -> str:
    """The area's text (description, lägesbild, definitions, goals, causes, in short) in the
    source's order when the area has one (area.order), collapsed under the area's title."""
    texts = {
        "description": lambda: (f'<div class="tp-text">{h.md(area.description, id_prefix=f"{area.id}-beskrivning-")}</div>'
                                if area.description else ""),
        "situation": lambda: (f'<h4 class="tp-minor">Lägesbild</h4><div class="tp-text">'
                              f'{h.md(area.situation, id_prefix=f"{area.id}-lagesbild-")}</div>' if area.situation else ""),
        "definitions": lambda: (f'<h4 class="tp-minor">Definitioner</h4><div class="tp-text">'
                                f'{h.md(area.definitions, id_prefix=f"{area.id}-definitioner-")}</div>'
                                if area.definitions else ""),
        "goals": lambda: ('<h4 class="tp-minor">Övergripande mål</h4>' + goals_list(ctx, area.goals)) if area.goals else "",
        "causes": lambda: ('<h4 class="tp-minor">Orsaker</h4>' + causes_list(area)) if area.causes else "",
        "action_summary": lambda: ('<h4 class="tp-minor">Åtgärder i korthet</h4>'
                                   + h.ul(h.esc(t) for t in area.action_summary)) if area.action_summary else "",
    }
    parts = [texts[name]() for kind, name in area.outline() if kind == "text" and name in texts]
    if area.indicators:
        parts.append(f'<div class="tp-small">Indikatorer för området: {ctx.indicator_links(area.indicators)}</div>')
    parts.append(h.remark(area.remark))
    return "".join(parts)


def who_text(ctx: PlanContext, action: Action) -> str:
    """Vem: full unit names (abbreviation in parentheses), lead first; the source's words if no units."""
    lead = [u for u in action.units() if action.role_of(u) == "lead"]
    others = [u for u in action.units() if u not in lead]
    lines = []
    if lead:
        lines.append(f'<span class="tp-role-label">Ansvarig:</span> {ctx.units(lead, full=True)}')
    if others:
        lines.append(f'<span class="tp-role-label">Medverkar:</span> {ctx.units(others, full=True)}')
    if not lines and (action.responsible.description or action.responsible_text):
        lines.append(h.esc(action.responsible.description or action.responsible_text))
    return "<br>".join(lines) or "<em>Ansvar anges inte i planen</em>"


def when_text(action: Action) -> str:
    text = timing_text(action.timing)
    if text:
        return text
    if any(a.timing for a in action.activities):
        return "Se aktiviteterna under <em>Mer om åtgärden</em>"
    return '<span class="tp-missing">Tidpunkt anges inte i planen</span>'


def action_card(ctx: PlanContext, area: Area, action: Action, level: int) -> str:
    from tryggplan.progress import status as action_status
    from tryggplan.views.progress_html import state_tag

    state = ctx.statuses.get(action.id) or action_status.effective_status(action, ctx.doc, ctx.settings.today)
    hl = min(level, 6)
    # The source's row label, unless it only repeats the title (Kungsholmen: "ANDTS-programmet").
    repeats = action.label.strip().casefold() == action.title.strip().casefold()
    label = f'<span class="tp-action-label">{h.esc(action.label)}</span> ' if action.label and not repeats else ""
    status_html = state_tag(state)
    if state.deadline_passed and state.status not in action_status.UNREPORTED_STATES:
        status_html += f' <span class="tp-small">Tidsgränsen {h.esc(swedish_date(action.timing.deadline))} har passerat (beräknat).</span>'
    rows = [("Vem", who_text(ctx, action)), ("När", when_text(action)), ("Status", status_html)]
    details = action_details(ctx, area, action)
    more = (f'<details class="tp-more"><summary>Mer om åtgärden<span class="tp-vh">: '
            f"{h.esc(action.title)}</span></summary>{details}</details>") if details else ""
    return (f'<article class="tp-action-card">'
            f'<h{hl} id="{h.esc(urls.action_anchor(action.id))}" class="tp-action-title">{label}{h.esc(action.title)}</h{hl}>'
            f'{h.dl(rows, "tp-summary-list tp-action-summary")}{more}</article>')


def action_details(ctx: PlanContext, area: Area, action: Action) -> str:
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
    source_who = ""
    if action.responsible_text and action.responsible_text.strip() != action.responsible.description.strip():
        source_who = h.esc(action.responsible_text)
    rows = [
        ("Mål", h.ul(h.esc(g) for g in action.goals) if len(action.goals) > 1
         else h.esc(action.goals[0]) if action.goals else ""),
        ("Operativt mål", h.esc(action.operational_goal)),
        ("Orsaker som åtgärden riktar sig mot", h.ul(causes) if len(causes) > 1 else "".join(causes)),
        ("Ansvar med källans ord", source_who),
        ("Om ansvaret", h.esc(action.responsible.description) if action.units() else ""),
        ("Typ av insats", h.esc(WORK_TYPE.get(action.work_type, action.work_type))),
        ("Preventionstyp", h.esc(h.capitalise(join_swedish([PREVENTION.get(p, p) for p in action.prevention])))),
        ("Metoder", join_swedish(methods)),
        ("Samverkansforum", join_swedish(forums)),
        ("Indikatorer", ctx.indicator_links(action.indicators)),
        ("Förslag till detaljerad åtgärdsplan", h.esc(action.detailed_plan_proposal)),
        ("Planerad uppföljning", h.esc(action.followup_plan)),
    ]
    body = []
    if action.description:
        body.append(f'<div class="tp-text">{h.md(action.description, id_prefix=f"{action.id}-")}</div>')
    body.append(h.dl(rows, "tp-dl tp-action-facts"))
    if action.activities:
        body.append(activities_table(ctx, action))
    body.append(h.remark(action.remark))
    return "".join(b for b in body if b)


def ordered_body(ctx: PlanContext) -> str:
    """The document in source order (doc.order): sections collapsed, areas and actions as cards."""
    doc = ctx.doc
    from tryggplan.progress import status as action_status

    ctx.statuses = action_status.counts(doc, ctx.settings.today).statuses
    out = []
    pending: list[Section] = []

    def flush() -> None:
        """Consecutive sections: one collapsed block when there are several (the actions stay near the top)."""
        if len(pending) == 1:
            out.append(h.block(h.details(pending[0].title, section_html(pending[0], 3) + goals_after(ctx, pending[0]),
                                         "tp-area-background tp-section")))
        elif pending:
            inner = "".join(h.details(sec.title, section_html(sec, 4) + goals_after(ctx, sec), "tp-area-background tp-section")
                            for sec in pending)
            out.append(h.block(h.details(f"Dokumentets text: {len(pending)} avsnitt ({pending[0].title} …)", inner,
                                         "tp-area-background tp-sections")))
        pending.clear()

    heading_done = False
    for kind, item in doc.outline():
        if kind == "section":
            if section_has_content(item):
                pending.append(item)
            continue
        flush()
        if not heading_done:
            out.append(h.heading(2, "Åtgärder", "atgarder"))
            heading_done = True
        if kind == "area":
            out.append(render_area(ctx, item, 3))
        else:
            out.append(h.block('<ul class="tp-action-list">'
                               + "".join(f"<li>{action_card(ctx, _NO_AREA, a, 3)}</li>" for a in item) + "</ul>"))
    flush()
    if doc.goals and not goals_placed(doc):
        out.append(h.heading(2, "Mål", "mal"))
        out.append(h.block(goals_list(ctx, doc.goals)))
    return "".join(out)


def section_html(section: Section, level: int) -> str:
    hl = min(level, 6)
    out = f'<div class="tp-text" id="{h.esc(urls.section_anchor(section.id))}">{h.md(section.body, id_prefix=f"{section.id}-")}</div>'
    for sub in section.sections:
        out += f"<h{hl} class=\"tp-minor\">{h.esc(sub.title)}</h{hl}>" + section_html(sub, level + 1)
    return out


def background_section(ctx: PlanContext) -> str:
    """The document's own text (inledning, syfte, lägesbild …) and goals, after the actions."""
    doc = ctx.doc
    out = ""
    if not (doc.sections or doc.goals or doc.indicator_ids):
        return out
    heading = "Bakgrund och mål" if doc.all_actions() else "Dokumentets innehåll"
    out += h.heading(2, heading, "bakgrund")
    for section in doc.sections:
        if section_has_content(section):
            out += render_section(section, 3) + goals_after(ctx, section)
    if doc.goals and not goals_placed(doc):
        out += h.heading(3, "Mål", "mal")
        out += h.block(goals_list(ctx, doc.goals))
    if doc.indicator_ids:
        out += h.heading(3, "Indikatorer för hela dokumentet", "indikatorer")
        out += h.block(f"<p>{ctx.indicator_links(doc.indicator_ids)}</p>")
    return out


def goals_placed(doc: Document) -> bool:
    """The goals follow the section that introduces them ("Målet … är att:"), as in the source."""
    return bool(doc.goals_section) and any(s.id == doc.goals_section for s in doc.sections)


def goals_after(ctx: PlanContext, section: Section) -> str:
    if not ctx.doc.goals or section.id != ctx.doc.goals_section:
        return ""
    return h.block(goals_list(ctx, ctx.doc.goals))


def section_has_content(section: Section) -> bool:
    return bool(section.body.strip() or any(section_has_content(s) for s in section.sections))


def about_the_data(ctx: PlanContext) -> str:
    """Om uppgifterna: collapsed at the bottom; the only place with notes made while encoding."""
    doc = ctx.doc
    notes: list[tuple[str, str]] = []

    def add(where: str, obj) -> None:
        text = getattr(obj, "editorial_note", "") or ""
        if text:
            notes.append((where, text))

    add("Dokumentet", doc)
    for area in doc.all_areas():
        add(f"Området {area.title}", area)
        for goal in area.goals:
            add(f"Mål i {area.title}", goal)
        for cause in area.causes:
            add(f"Orsak i {area.title}", cause)
        for action in area.actions:
            add(f"Åtgärden {action.title}", action)
            for activity in action.activities:
                add(f"Aktiviteten {activity.title}", activity)
    for goal in doc.goals:
        add("Mål", goal)
    body = ["<p>Uppgifterna på sidan kommer från kommunens beslutade dokument och har lästs in för hand. "
            "Det beslutade originaldokumentet gäller alltid.</p>"]
    if doc.remark:
        body.append(f"<p><strong>Om källan:</strong> {h.esc(doc.remark)}</p>")
    if notes:
        body.append("<p><strong>Anteckningar från inläsningen:</strong></p>")
        body.append("<dl class=\"tp-dl tp-notes\">" + "".join(
            f"<div><dt>{h.esc(where)}</dt><dd>{h.md(text, id_prefix=f'not-{i}-')}</dd></div>"
            for i, (where, text) in enumerate(notes)) + "</dl>")
    return (f'<details class="tp-about-data" id="om-uppgifterna"><summary>Om uppgifterna</summary>'
            f'{"".join(body)}</details>')


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
        ("Status", h.esc(status_line) + (f'<br><span class="tp-derived-note">{h.esc(derived_note(ctx.settings.today))}</span>'
                                          if DERIVED_MARK in status_line else "")),
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
    return h.dl(rows, "tp-dl tp-meta")


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
        items = []
        for change in ctx.changes[:8]:
            lines = ctx.summaries.get(change.commit) or ["Uppgifterna ändrades."]
            items.append(f'<time datetime="{h.esc(change.date)}">{h.esc(swedish_date(change.date))}</time>: '
                         + " ".join(h.esc(line) for line in lines))
        out.append("<p>Ändringar i uppgifterna på den här webbplatsen:</p>" + h.ul(items))
    return h.heading(2, "Ändringshistorik", "historik") + h.block("".join(out))

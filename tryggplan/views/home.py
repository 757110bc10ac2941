"""Overview of municipalities and documents: the start page list, "Kommuner" and each municipality."""

from __future__ import annotations

import datetime as _dt

from tryggplan import urls
from tryggplan.formatting import swedish_date
from tryggplan.model import Document, Municipality, Project
from tryggplan.progress import status as action_status
from tryggplan.views import html as h
from tryggplan.views.shapes import NO_VALIDITY, parties_text
from tryggplan.views.status import (
    DERIVED_CODES,
    DERIVED_MARK,
    KIND_LABELS,
    STANDING_LABELS,
    derived_note,
    document_status,
    marked,
    standing,
    validity_text,
)

MUNICIPALITIES_INDEX = "kommuner/index.md"
OVERVIEW_PAGE = "oversikt.md"  # "oversikt" is in urls.RESERVED_TOP_LEVEL


def decision_text(doc: Document) -> str:
    d = doc.decision
    if not d and doc.status == "undertecknad":
        return "Undertecknat" + (f" {swedish_date(doc.signed.date)}" if doc.signed and doc.signed.date else "")
    if not d:
        return "Beslut saknas i källan"
    parts = [p for p in (d.body, swedish_date(d.date), d.paragraph) if p]
    return " ".join(parts) if parts else d.text


def document_card(doc: Document, from_page: str, today: _dt.date, heading_level: int = 3) -> str:
    status = document_status(doc, today)
    title = h.link(urls.href(from_page, urls.document_page(doc)), h.esc(doc.title))
    facts = [
        ("Typ", h.esc(KIND_LABELS.get(doc.kind, doc.kind))),
        ("Giltighet", h.esc(validity_text(doc) or doc.validity_text or NO_VALIDITY)),
        ("Parter", parties_text(doc)),
        ("Beslut", h.esc(decision_text(doc))),
        ("Status", f'<span class="tp-tag tp-doc-status--{status.code}">{h.esc(status.tag_text)}</span>'),
        ("Åtgärder", _actions_fact(doc, today)),
    ]
    summary = f"<p>{h.esc(doc.summary)}</p>" if doc.summary else ""
    return (f'<article class="tp-doc-card"><h{heading_level} class="tp-doc-title">{title}</h{heading_level}>'
            f"{h.dl(facts, 'tp-dl tp-dl--compact')}{summary}</article>")


def _actions_fact(doc: Document, today: _dt.date) -> str:
    counts = action_status.counts(doc, today).whole
    if not counts.total:
        return ""
    return h.esc(f"{counts.total}, varav {counts.reported} med rapporterad status")


def overview(project: Project, from_page: str, today: _dt.date) -> str:
    """Every municipality with every document, for the start page (HTML, no headings from YAML in Markdown)."""
    out = []
    for muni in sorted(project.municipalities.values(), key=lambda m: m.name.casefold()):
        docs = sorted(project.documents_for(muni.id), key=lambda d: (d.validity_start, d.title), reverse=True)
        link = h.link(urls.href(from_page, urls.municipality_page(muni.id)), h.esc(muni.name))
        cards = "".join(document_card(d, from_page, today) for d in docs)
        out.append(f'<section class="tp-muni" aria-label="{h.esc(muni.name)}"><h2>{link}</h2>{cards}</section>')
    return "".join(out)


def render_municipalities_index(project: Project) -> str:
    page = MUNICIPALITIES_INDEX
    out = [h.title_block("Kommuner", "Alla kommuner med brottsförebyggande planer på webbplatsen.",
                         breadcrumbs=[("Start", "index.md"), ("Kommuner", page)])]
    out.append(h.block("<p>Kommuner vars brottsförebyggande planer och program finns här. "
                       "Välj en kommun för att se dess dokument, enheter och samverkan.</p>"))
    items = []
    for muni in sorted(project.municipalities.values(), key=lambda m: m.name.casefold()):
        count = len(project.documents_for(muni.id))
        items.append(h.link(urls.href(page, urls.municipality_page(muni.id)), h.esc(muni.name))
                     + f' <span class="tp-small">– {count} {"dokument" if count != 1 else "dokument"}</span>')
    out.append(h.block(h.ul(items, "tp-muni-list")))
    out.append(h.block(f'<p>{h.link(urls.href(page, OVERVIEW_PAGE), "Översikt över alla planer")}: vilka som gäller, '
                       "upphör snart eller har upphört, och hur många åtgärder som har en rapporterad status.</p>"))
    return "".join(out)


def render_municipality_page(muni: Municipality, today: _dt.date, documents: list[Document] | None = None) -> str:
    """documents: every document the municipality takes part in (Project.documents_for), own ones by default."""
    page = urls.municipality_page(muni.id)
    out = [h.title_block(muni.name, f"Brottsförebyggande planer och program i {muni.name}.",
                         browser_title=f"{muni.name}: brottsförebyggande planer",
                         breadcrumbs=[("Start", "index.md"), ("Kommuner", MUNICIPALITIES_INDEX), (muni.name, page)])]
    facts = [("Kommunkod", h.esc(muni.code)),
             ("Webbplats", h.external_link(muni.website, h.esc(muni.website)) if muni.website else "")]
    out.append(h.block(h.dl(facts) + h.remark(muni.remark)))
    docs = sorted(muni.documents.values() if documents is None else documents,
                  key=lambda d: (d.validity_start, d.title), reverse=True)
    out.append(h.heading(2, "Översikt", "oversikt"))
    out.append(h.block(overview_table(docs, page, today, with_municipality=False)))
    out.append(h.heading(2, "Dokument", "dokument"))
    out.append(h.block("".join(document_card(d, page, today) for d in docs)))
    out.append(h.heading(2, "Organisation och samverkan", "organisation"))
    links = [h.link(urls.href(page, urls.units_index_page(muni.id)), "Enheter och parter")
             + " – vem ansvarar för vad i planerna"]
    if muni.forums or muni.methods:
        links.append(h.link(urls.href(page, urls.forums_page(muni.id)), "Samverkan")
                     + " – samverkansforum och metoder")
    for doc in docs:
        if doc.all_actions():
            links.append(h.link(urls.href(page, urls.responsibility_page(doc)),
                                f"Vem gör vad? {h.esc(doc.display_title)}"))
    if any(doc.indicators for doc in docs):
        links.append(h.link(urls.href(page, urls.indicators_index_page(muni.id)), "Indikatorer")
                     + " – mått som följer upp planerna")
    out.append(h.block(h.ul(links)))
    return "".join(out)


# --- overview across plans -------------------------------------------------------------------

OVERVIEW_ORDER = ("galler", "upphor-snart", "har-upphort", "kommande", "okand", "upphavd", "utkast")


def overview_table(docs: list[Document], from_page: str, today: _dt.date, *, with_municipality: bool,
                   project: Project | None = None) -> str:
    """Which documents are in force, expiring within six months, expired, revision overdue, and
    how many actions have a reported status (from action_status.counts, like every other page)."""
    if not docs:
        return "<p>Det finns inga dokument ännu.</p>"
    tally = {code: 0 for code in OVERVIEW_ORDER}
    overdue = reported = total = 0
    rows = []
    for doc in docs:
        place = standing(doc, today)
        tally[place.state] += 1
        overdue += place.revision_overdue
        counts = action_status.counts(doc, today).whole
        reported += counts.reported
        total += counts.total
        latest = doc.latest_followup()
        follow = (h.link(urls.href(from_page, urls.followup_page(doc, latest.period)), h.esc(latest.period))
                  if latest else "Ingen")
        state = f'<span class="tp-tag tp-doc-status--{h.esc(_tag_code(place.state))}">{h.esc(place.tag_text)}</span>'
        if place.revision_overdue:
            state += f' <span class="tp-tag tp-doc-status--revidering-forsenad">{marked("Revidering försenad", True)}</span>'
        muni_cell = ""
        if with_municipality and project is not None:
            muni = project.municipalities.get(doc.municipality_id)
            name = muni.name if muni else doc.municipality_id
            muni_cell = f"<td data-label=\"Kommun\">{h.link(urls.href(from_page, urls.municipality_page(doc.municipality_id)), h.esc(name))}</td>"
        actions = (f'<span data-tp-reported="{counts.reported}" data-tp-total="{counts.total}">'
                   f"{counts.reported} av {counts.total}</span>") if counts.total else "–"
        rows.append(f'<tr><th scope="row">{h.link(urls.href(from_page, urls.document_page(doc)), h.esc(doc.display_title))}'
                    f"</th>{muni_cell}<td data-label=\"Giltighet\">"
                    f"{h.esc(validity_text(doc) or doc.validity_text or NO_VALIDITY)}</td>"
                    f'<td data-label="Läge">{state}</td><td data-label="Åtgärder med rapporterad status" class="tp-num">'
                    f'{actions}</td><td data-label="Senaste uppföljning">{follow}</td></tr>')
    head = ('<th scope="col">Dokument</th>' + ('<th scope="col">Kommun</th>' if with_municipality else "")
            + '<th scope="col">Giltighet</th><th scope="col">Läge</th>'
            '<th scope="col">Åtgärder med rapporterad status</th><th scope="col">Senaste uppföljning</th>')
    facts = [(_marked(code), str(tally[code])) for code in OVERVIEW_ORDER if tally[code]]
    facts.append((marked("Revidering försenad", True), str(overdue)))
    facts.append(("Åtgärder med rapporterad status", f"{reported} av {total}"))
    summary = (h.dl(facts, "tp-summary-list tp-overview-summary")
               + f'<p class="tp-derived-note">{h.esc(f"({DERIVED_MARK}): " + derived_note(today))}</p>')
    table = (f'<table class="tp-table tp-overview"><caption>Dokumenten och deras läge den {h.esc(swedish_date(today.isoformat()))}'
             f"</caption><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    return summary + f'<div class="tp-overview-wrap">{table}</div>'


def _marked(state: str) -> str:
    """The overview label, with "(beräknat)" when tryggplan computed the state from the dates."""
    return marked(STANDING_LABELS[state], state in DERIVED_CODES)


def _tag_code(state: str) -> str:
    return {"okand": "beslut-saknas"}.get(state, state)


def render_overview_page(project: Project, today: _dt.date) -> str:
    page = OVERVIEW_PAGE
    docs = sorted(project.documents(), key=lambda d: (d.municipality_id, d.display_title))
    out = [h.title_block("Översikt över alla planer", "Vilka planer som gäller, upphör snart, har upphört eller "
                         "borde ha reviderats, och hur många åtgärder som har en rapporterad status.",
                         breadcrumbs=[("Start", "index.md"), ("Översikt", page)])]
    out.append(h.block("<p>Läget för varje dokument på webbplatsen: giltighet enligt dokumentet, om revideringen är "
                       "försenad och hur många åtgärder som har en status från en uppföljning. Läget märkt "
                       f"”{DERIVED_MARK}” har tryggplan räknat fram ur dokumentets datum; det står inte i källan. "
                       "En åtgärd utan rapport räknas aldrig som försenad.</p>"))
    out.append(h.block(overview_table(docs, page, today, with_municipality=True, project=project)))
    return "".join(out)

"""Overview of municipalities and documents: the start page list, "Kommuner" and each municipality."""

from __future__ import annotations

import datetime as _dt

from tryggplan import urls
from tryggplan.formatting import swedish_date
from tryggplan.model import Document, Municipality, Project
from tryggplan.views import html as h
from tryggplan.views.shapes import NO_VALIDITY, parties_text
from tryggplan.views.status import KIND_LABELS, document_status, validity_text

MUNICIPALITIES_INDEX = "kommuner/index.md"


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
        ("Status", f'<span class="tp-status tp-status--{status.code}">{h.esc(status.one_line)}</span>'),
        ("Åtgärder", str(len(doc.all_actions())) if doc.all_actions() else ""),
    ]
    summary = f"<p>{h.esc(doc.summary)}</p>" if doc.summary else ""
    return (f'<article class="tp-doc-card"><h{heading_level} class="tp-doc-title">{title}</h{heading_level}>'
            f"{h.dl(facts, 'tp-dl tp-dl--compact')}{summary}</article>")


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
    out = [h.title_block("Kommuner", "Alla kommuner med brottsförebyggande planer på webbplatsen.")]
    out.append(h.block("<p>Kommuner vars brottsförebyggande planer och program finns här. "
                       "Välj en kommun för att se dess dokument, enheter och samverkan.</p>"))
    items = []
    for muni in sorted(project.municipalities.values(), key=lambda m: m.name.casefold()):
        count = len(project.documents_for(muni.id))
        items.append(h.link(urls.href(page, urls.municipality_page(muni.id)), h.esc(muni.name))
                     + f' <span class="tp-small">– {count} {"dokument" if count != 1 else "dokument"}</span>')
    out.append(h.block(h.ul(items, "tp-muni-list")))
    return "".join(out)


def render_municipality_page(muni: Municipality, today: _dt.date, documents: list[Document] | None = None) -> str:
    """documents: every document the municipality takes part in (Project.documents_for), own ones by default."""
    page = urls.municipality_page(muni.id)
    out = [h.title_block(muni.name, f"Brottsförebyggande planer och program i {muni.name}.")]
    facts = [("Kommunkod", h.esc(muni.code)),
             ("Webbplats", h.external_link(muni.website, h.esc(muni.website)) if muni.website else "")]
    out.append(h.block(h.dl(facts) + h.remark(muni.remark)))
    out.append(h.heading(2, "Dokument", "dokument"))
    docs = sorted(muni.documents.values() if documents is None else documents,
                  key=lambda d: (d.validity_start, d.title), reverse=True)
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

"""Vem gör vad: a matrix of actions × units with the role written in each cell."""

from __future__ import annotations

from tryggplan import urls
from tryggplan.model import Area, Document, Municipality
from tryggplan.views import html as h
from tryggplan.views import shapes

ROLE_TEXT = {"lead": "Ansvarig", "participant": "Medverkar"}


def units_in(doc_actions, muni: Municipality) -> list[str]:
    """Units involved in the actions, the municipality's own first, then external partners."""
    seen: dict[str, None] = {}
    for action in doc_actions:
        for unit in action.units():
            seen.setdefault(unit)
    ids = [u for u in seen if muni.unit(u) is not None]
    return sorted(ids, key=lambda u: (muni.units[u].external, list(muni.units).index(u)))


def render_responsibility_page(muni: Municipality, doc: Document) -> str:
    page = urls.responsibility_page(doc)
    title = f"Vem gör vad? {doc.display_title}"
    out = [h.title_block(title, f"Vilka enheter och parter som ansvarar för och medverkar i åtgärderna i {doc.title}.")]
    out.append(h.block(
        f"<p>Tabellerna visar för varje åtgärd i "
        f"{h.link(urls.href(page, urls.document_page(doc)), h.esc(doc.title))} vilka enheter som är "
        "<strong>ansvariga</strong> och vilka som <strong>medverkar</strong>, i åtgärden eller i någon av "
        "dess aktiviteter. Externa parter som samarbetar räknas som medverkande. Tabellerna kan rullas i sidled.</p>"))
    groups: list[tuple[Area, list]] = []
    for area in doc.areas:
        actions = area.all_actions()
        if actions:
            groups.append((area, actions))
    groups += shapes.extra_action_groups(doc)
    for area, actions in groups:
        out.append(h.heading(2, area.title, urls.area_anchor(area.id)))
        out.append(h.block(matrix(muni, doc, page, area, actions)))
    if not groups:
        out.append(h.block("<p>Dokumentet innehåller inga åtgärder med angivet ansvar.</p>"))
    out.append(h.block(
        f'<p>{h.link(urls.href(page, urls.units_index_page(muni.id)), "Alla enheter och parter")} '
        f"i {h.esc(muni.name)} med allt de ansvarar för.</p>"))
    return "".join(out)


def matrix(muni: Municipality, doc: Document, page: str, area: Area, actions: list) -> str:
    units = units_in(actions, muni)
    head = '<th scope="col">Åtgärd</th>' + "".join(
        f'<th scope="col">{h.unit_ref(muni, u, page)}</th>' for u in units)
    rows = []
    doc_page = urls.document_page(doc)
    for action in actions:
        cells = []
        for unit in units:
            role = action.role_of(unit)
            text = ROLE_TEXT.get(role, "")
            css = f' class="tp-role tp-role--{role}"' if role else ""
            cells.append(f"<td{css}>{text}</td>")
        link = h.link(urls.href(page, doc_page, urls.action_anchor(action.id)), h.esc(action.label or action.title))
        rows.append(f'<tr><th scope="row">{link}</th>{"".join(cells)}</tr>')
    table = (f'<table class="tp-table tp-matrix"><caption>Ansvar för åtgärderna inom {h.esc(area.title)}</caption>'
             f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    return h.scroll_table(table, f"Vem gör vad: {area.title}")

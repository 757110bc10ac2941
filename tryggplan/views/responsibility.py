"""Vem gör vad: per unit a list of its actions (narrow screens, print), and per area a matrix.

Size stays linear as plans grow: the lists have one line per (action, unit) pair, and a matrix
is only drawn for an area with at most MAX_MATRIX_UNITS units, so it has at most
MAX_MATRIX_UNITS cells per action (never actions × all units). Areas with more units show the
list on wide screens too.
"""

from __future__ import annotations

from tryggplan import urls
from tryggplan.model import Action, Area, Document, Municipality
from tryggplan.views import html as h
from tryggplan.views import shapes

ROLE_TEXT = {"lead": "Ansvarig", "participant": "Medverkar"}
MAX_MATRIX_UNITS = 10


def units_in(doc_actions, muni: Municipality) -> list[str]:
    """Units involved in the actions, the municipality's own first, then external partners."""
    seen: dict[str, None] = {}
    for action in doc_actions:
        for unit in action.units():
            seen.setdefault(unit)
    order = {u: i for i, u in enumerate(muni.units)}
    ids = [u for u in seen if muni.unit(u) is not None]
    return sorted(ids, key=lambda u: (muni.units[u].external, order.get(u, 0)))


def render_responsibility_page(muni: Municipality, doc: Document) -> str:
    page = urls.responsibility_page(doc)
    title = f"Vem gör vad? {doc.display_title}"
    trail = [("Start", "index.md"), ("Kommuner", "kommuner/index.md"), (muni.name, urls.municipality_page(muni.id)),
             (doc.display_title, urls.document_page(doc)), ("Vem gör vad?", page)]
    out = [h.title_block(title, f"Vilka enheter och parter som ansvarar för och medverkar i åtgärderna i {doc.title}.",
                         browser_title=f"{title} – {muni.name}", breadcrumbs=trail,
                         robots="noindex" if doc.status == "utkast" else "")]
    out.append(h.block(
        f"<p>För varje enhet och part: de åtgärder i "
        f"{h.link(urls.href(page, urls.document_page(doc)), h.esc(doc.title))} som den är "
        "<strong>ansvarig</strong> för eller <strong>medverkar</strong> i, i åtgärden eller i någon av dess "
        "aktiviteter. Externa parter som samarbetar räknas som medverkande.</p>"))
    groups: list[tuple[Area, list]] = [(area, area.all_actions()) for area in doc.areas if area.all_actions()]
    groups += shapes.extra_action_groups(doc)
    if not groups:
        out.append(h.block("<p>Dokumentet innehåller inga åtgärder med angivet ansvar.</p>"))
        return "".join(out)
    wide = [(area, actions) for area, actions in groups if len(units_in(actions, muni)) <= MAX_MATRIX_UNITS]
    narrow_only = len(wide) < len(groups)
    # Narrow screens and print: one list per unit over the whole document.
    css = "tp-resp-list" + ("" if narrow_only else " tp-resp-list--narrow")
    out.append(h.block(f'<div class="{css}">{unit_lists(muni, doc, page, [a for _, acts in groups for a in acts])}</div>'))
    if not narrow_only:
        parts = []
        for area, actions in wide:
            parts.append(f'<h2 id="{h.esc(urls.area_anchor(area.id))}">{h.esc(area.title)}</h2>'
                         + matrix(muni, doc, page, area, actions))
        out.append(h.block(f'<div class="tp-resp-matrix">{"".join(parts)}</div>'))
    out.append(h.block(
        f'<p>{h.link(urls.href(page, urls.units_index_page(muni.id)), "Alla enheter och parter")} '
        f"i {h.esc(muni.name)} med allt de ansvarar för.</p>"))
    return "".join(out)


def unit_lists(muni: Municipality, doc: Document, page: str, actions: list) -> str:
    """Unit -> its actions with role: one list item per (action, unit) pair."""
    by_unit: dict[str, list[tuple[str, Action]]] = {}
    for action in actions:
        for unit in action.units():
            if muni.unit(unit) is not None:
                by_unit.setdefault(unit, []).append((action.role_of(unit), action))
    doc_page = urls.document_page(doc)
    out = []
    for unit in units_in(actions, muni):
        items = []
        for role, action in sorted(by_unit.get(unit, []), key=lambda pair: pair[0] != "lead"):
            link = h.link(urls.href(page, doc_page, urls.action_anchor(action.id)), h.esc(action.title))
            items.append(f'<span class="tp-resp-role">{ROLE_TEXT.get(role, "")}:</span> {link}')
        out.append(f'<h3 id="enhet-{h.esc(unit)}">{h.unit_ref(muni, unit, page, full=True)}</h3>' + h.ul(items))
    return "".join(out)


def matrix(muni: Municipality, doc: Document, page: str, area: Area, actions: list) -> str:
    units = units_in(actions, muni)
    head = '<th scope="col">Åtgärd</th>' + "".join(
        f'<th scope="col">{h.unit_ref(muni, u, page, full=True)}</th>' for u in units)
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

"""Unit pages, the units index and the samverkan page (forums and methods)."""

from __future__ import annotations

from tryggplan import urls
from tryggplan.formatting import join_swedish
from tryggplan.model import Municipality, Unit
from tryggplan.views import html as h
from tryggplan.views.plan import PREVENTION, forum_anchor, method_anchor

KIND_GROUPS = {False: "Kommunens organisation", True: "Externa parter"}


def unit_title(unit: Unit) -> str:
    return f"{unit.name} ({unit.abbreviation})" if unit.abbreviation and unit.abbreviation != unit.name else unit.name


def responsibilities(muni: Municipality, unit_id: str) -> list[tuple]:
    """(document, [(action, role)]) for every document where the unit has a role."""
    out = []
    for doc in muni.documents.values():
        roles = [(a, a.role_of(unit_id)) for a in doc.all_actions()]
        roles = [(a, r) for a, r in roles if r]
        if roles:
            out.append((doc, roles))
    return out


def render_unit_page(muni: Municipality, unit: Unit) -> str:
    page = urls.unit_page(muni.id, unit.id)
    out = [h.title_block(unit_title(unit), f"Vad {unit.name} ansvarar för och medverkar i, {muni.name}.",
                         browser_title=f"{unit_title(unit)} – {muni.name}",
                         breadcrumbs=[("Start", "index.md"), ("Kommuner", "kommuner/index.md"),
                                      (muni.name, urls.municipality_page(muni.id)),
                                      ("Enheter och parter", urls.units_index_page(muni.id)), (unit_title(unit), page)])]
    kind = "Extern part" if unit.external else "Del av kommunens organisation"
    facts = [
        ("Typ", h.esc(f"{h.capitalise(unit.kind) if unit.kind else 'Anges inte i källan'} ({kind.lower()})")),
        ("Förkortning", f'<abbr title="{h.esc(unit.name)}">{h.esc(unit.abbreviation)}</abbr>'
         if unit.abbreviation else ""),
        ("Ingår i", h.unit_ref(muni, unit.parent, page) if unit.parent else ""),
        ("Ingående enheter", h.unit_refs(muni, [u.id for u in muni.units.values() if u.parent == unit.id], page)),
        ("Kontakt", h.contact_links(getattr(unit, "contact", None) or {})),
    ]
    out.append(h.block(
        f'<p class="tp-kicker">{h.link(urls.href(page, urls.units_index_page(muni.id)), "Enheter och parter")}'
        f" i {h.link(urls.href(page, urls.municipality_page(muni.id)), h.esc(muni.name))}</p>"
        + h.dl(facts)))
    if unit.description:
        out.append(h.block(f'<div class="tp-text">{h.md(unit.description, id_prefix="enhet-")}</div>'))
    out.append(h.block(h.remark(unit.remark)))
    out.append(h.heading(2, "Ansvar i planerna", "ansvar"))
    found = responsibilities(muni, unit.id)
    if not found:
        out.append(h.block(f"<p>{h.esc(unit.name)} har inget utpekat ansvar för någon åtgärd i planerna här.</p>"))
    for doc, roles in found:
        doc_page = urls.document_page(doc)
        lists = []
        for role, label in (("lead", "Ansvarig för"), ("participant", "Medverkar i")):
            items = [h.link(urls.href(page, doc_page, urls.action_anchor(a.id)), h.esc(a.label or a.title))
                     for a, r in roles if r == role]
            if items:
                lists.append(f"<p><strong>{label} ({len(items)}):</strong></p>" + h.ul(items))
        out.append(h.heading(3, doc.title, f"dokument-{doc.id}"))
        out.append(h.block("".join(lists)))
    forums = [f for f in muni.forums.values() if unit.id in f.members or unit.id in f.convenor]
    if forums:
        out.append(h.heading(2, "Samverkansforum", "forum"))
        items = []
        for forum in forums:
            role = "sammankallande" if unit.id in forum.convenor else "deltar"
            items.append(h.link(urls.href(page, urls.forums_page(muni.id), forum_anchor(forum.id)),
                                h.esc(forum.name)) + f" ({role})")
        out.append(h.block(h.ul(items)))
    return "".join(out)


def render_units_index(muni: Municipality) -> str:
    page = urls.units_index_page(muni.id)
    out = [h.title_block(f"Enheter och parter i {muni.name}",
                         f"Kommunens enheter och externa parter som har ansvar i planerna för {muni.name}.")]
    out.append(h.block(
        "<p>Enheter, roller och externa parter som nämns i planerna. Antalet anger hur många åtgärder "
        f"enheten är ansvarig för respektive medverkar i. "
        f"{h.link(urls.href(page, urls.municipality_page(muni.id)), 'Tillbaka till ' + h.esc(muni.name))}.</p>"))
    for external, title in KIND_GROUPS.items():
        units = [u for u in muni.units.values() if u.external == external]
        if not units:
            continue
        out.append(h.heading(2, title, "externa-parter" if external else "organisation"))
        items = []
        for unit in sorted(units, key=lambda u: u.name.casefold()):
            lead = part = 0
            for _doc, roles in responsibilities(muni, unit.id):
                lead += sum(1 for _a, r in roles if r == "lead")
                part += sum(1 for _a, r in roles if r == "participant")
            counts = f'<span class="tp-small"> – ansvarig för {lead}, medverkar i {part}</span>' if lead or part else ""
            items.append(h.link(urls.href(page, urls.unit_page(muni.id, unit.id)), h.esc(unit_title(unit))) + counts)
        out.append(h.block(h.ul(items, "tp-unit-list")))
    return "".join(out)


def render_forums_page(muni: Municipality) -> str:
    page = urls.forums_page(muni.id)
    out = [h.title_block(f"Samverkan i {muni.name}",
                         f"Samverkansforum och metoder i det brottsförebyggande arbetet i {muni.name}.")]
    out.append(h.block(
        f"<p>Här beskrivs de råd, grupper och möten där arbetet samordnas och de metoder som planerna i "
        f"{h.link(urls.href(page, urls.municipality_page(muni.id)), h.esc(muni.name))} hänvisar till.</p>"))
    out.append(h.heading(2, "Samverkansforum", "forum"))
    if not muni.forums:
        out.append(h.block("<p>Inga samverkansforum finns beskrivna.</p>"))
    for forum in muni.forums.values():
        name = forum.name
        out.append(h.heading(3, name, forum_anchor(forum.id)))
        docs = [muni.documents.get(d.rpartition("/")[2]) for d in forum.documents]
        facts = [
            ("Förkortning", h.esc(forum.abbreviation)),
            ("Sammankallande", h.unit_refs(muni, forum.convenor, page)),
            ("Deltagare", h.unit_refs(muni, forum.members, page)),
            ("Sammansättning", h.esc(forum.members_description)),
            ("Möts", h.esc(forum.frequency)),
            ("Knutet till", h.unit_ref(muni, forum.reports_to, page) if forum.reports_to else ""),
            ("Metoder", join_swedish([h.link(f"#{method_anchor(m)}", h.esc(muni.methods[m].name))
                                      for m in forum.methods if m in muni.methods])),
            ("Beskrivs i", join_swedish([h.link(urls.href(page, urls.document_page(d)), h.esc(d.display_title))
                                         for d in docs if d is not None])),
        ]
        body = [f'<div class="tp-text">{h.md(forum.purpose, id_prefix=f"forum-{forum.id}-")}</div>'
                if forum.purpose else "", h.dl(facts)]
        if forum.tasks:
            body.append("<p><strong>Uppgifter:</strong></p>" + h.ul(h.esc(t) for t in forum.tasks))
        body.append(h.remark(forum.remark))
        out.append(h.block("".join(body)))
    out.append(h.heading(2, "Metoder", "metoder"))
    if not muni.methods:
        out.append(h.block("<p>Inga metoder finns beskrivna.</p>"))
    for method in muni.methods.values():
        out.append(h.heading(3, method.name, method_anchor(method.id)))
        docs = [muni.documents.get(d.rpartition("/")[2]) for d in method.documents]
        facts = [
            ("Förkortning", h.esc(method.abbreviation)),
            ("Preventionstyp", h.esc(h.capitalise(join_swedish([PREVENTION.get(p, p) for p in method.prevention])))),
            ("Mer information", h.external_link(method.url, h.esc(method.url)) if method.url else ""),
            ("Beskrivs i", join_swedish([h.link(urls.href(page, urls.document_page(d)), h.esc(d.display_title))
                                         for d in docs if d is not None])),
        ]
        body = [f'<div class="tp-text">{h.md(method.description, id_prefix=f"metod-{method.id}-")}</div>'
                if method.description else "", h.dl(facts), h.remark(method.remark)]
        out.append(h.block("".join(body)))
    return "".join(out)

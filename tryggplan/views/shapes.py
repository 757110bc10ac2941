"""HTML for the document shapes beyond a decided plan: parties, signing, provenance, rounds, narrative follow-up and qualitative observations.

Each function returns a fragment (or rows for a description list) and is called with one line from
the existing pages, so the page layouts can change without touching these renderers. Nothing here
invents a status, a number or a validity the source does not give.
"""

from __future__ import annotations

from collections.abc import Callable

from tryggplan import urls
from tryggplan.formatting import swedish_date, swedish_period
from tryggplan.model import ROLE_LABELS, Action, Area, Document, FollowUp, Indicator, Municipality
from tryggplan.views import html as h

TREND_LABELS = {"uppåt": "Uppåtgående", "nedåt": "Nedåtgående", "oförändrad": "Oförändrad", "varierande": "Varierande"}
RATING_LABELS = {"grön": "Grön", "gul": "Gul", "röd": "Röd"}
NO_VALIDITY = "Giltighetstid anges inte"


def parties_text(doc: Document) -> str:
    """"Norrvik (fiktiv) (ägare, undertecknare), Region Exempel (medverkande)" or ""."""
    items = []
    for party in doc.parties:
        roles = ", ".join(ROLE_LABELS.get(r, r).lower() for r in party.roles)
        items.append(f"{h.esc(party.label)} ({h.esc(roles)})" if roles else h.esc(party.label))
    return ", ".join(items)


def signing_text(doc: Document, show_names: bool) -> str:
    """When and by whom the document was signed; names only when the site shows person names."""
    signed = doc.signed
    if signed is None:
        return ""
    parts = []
    when = swedish_date(signed.date) if signed.date else "datum anges inte i källan"
    parts.append(f"<p>Undertecknat {h.esc(when)}{', ' + h.esc(signed.place) if signed.place else ''}.</p>")
    people = []
    for signatory in signed.signatories:
        text = h.esc(h.capitalise(signatory.role))
        if signatory.label:
            text += f", {h.esc(signatory.label)}"
        if show_names and signatory.person_name:
            text += f" – {h.esc(signatory.person_name)}"
        people.append(text)
    if people:
        parts.append(h.ul(people, "tp-signatories"))
    return "".join(parts)


def source_text(doc_or_followup: Document | FollowUp) -> str:
    """A link to the published document, with the day it was retrieved."""
    source = doc_or_followup.source
    if source is None:
        return ""
    text = h.external_link(source.url, h.esc(source.title or source.url))
    if source.retrieved:
        text += f' <span class="tp-small">(hämtad {h.esc(swedish_date(source.retrieved))})</span>'
    return text


def document_facts(doc: Document, show_names: bool) -> list[tuple[str, str]]:
    """Extra rows for the document's facts list: parties, signing, renewal, published source."""
    renewal = ""
    if doc.renewal:
        renewal = h.esc(h.capitalise(doc.renewal.cycle))
        if doc.rounds:
            renewal += f" ({len(doc.rounds)} {'omgångar' if len(doc.rounds) != 1 else 'omgång'} i källan)"
    return [
        ("Parter", parties_text(doc)),
        ("Undertecknande", signing_text(doc, show_names)),
        ("Förnyas", renewal),
        ("Publicerad källa", source_text(doc)),
    ]


def validity_or_unknown(text: str) -> str:
    """The validity text, or "Giltighetstid anges inte" when the source gives none (never "Gäller")."""
    return text or NO_VALIDITY


def joint_note(doc: Document, muni: Municipality) -> str:
    """On another municipality's page: says the document is joint and stored with its owner."""
    if doc.municipality_id == muni.id or not doc.is_joint():
        return ""
    return f'<p class="tp-small">Gemensamt dokument. Parter: {parties_text(doc)}.</p>'


def round_followups(doc: Document, round_id: str) -> list[FollowUp]:
    return sorted((f for f in doc.followups if f.round == round_id), key=lambda f: f.period, reverse=True)


def render_rounds(doc: Document, page: str, render_action: Callable[[Action, int], str], level: int = 2) -> str:
    """The rounds of a rolling document, the current (latest) one first, each with its own inriktning,
    actions and follow-up. A round's follow-up lists only that round's actions."""
    if not doc.rounds:
        return ""
    out = [h.heading(level, "Omgångar", "omgangar")]
    intro = "Dokumentet förnyas"
    intro += f" {h.esc(doc.renewal.cycle)}" if doc.renewal else ""
    out.append(h.block(f"<p>{intro}. Den senaste omgången står först.</p>"))
    sub = min(level + 1, 6)
    for index, rnd in enumerate(doc.rounds_newest_first()):
        period = swedish_period(rnd.period)
        title = rnd.title or h.capitalise(period)
        label = f"{title} (senaste omgången)" if index == 0 else title
        out.append(h.heading(sub, label, f"omgang-{rnd.id}"))
        body = [f'<p class="tp-kicker">Period: {h.esc(period)}</p>']
        if rnd.focus:
            body.append(f'<div class="tp-text"><p><strong>Inriktning:</strong></p>{h.md(rnd.focus)}</div>')
        body.append(h.remark(rnd.remark))
        out.append(h.block("".join(body)))
        for action in rnd.actions:
            out.append(render_action(action, min(sub + 1, 6)))
        for followup in round_followups(doc, rnd.id):
            out.append(h.block(
                f'<section class="tp-card" aria-label="Uppföljning {h.esc(swedish_period(followup.period))}">'
                f"<p><strong>Uppföljning {h.esc(swedish_period(followup.period))}</strong></p>"
                f"{render_entries(followup, doc, page)}</section>"))
    return "".join(out)


def render_entries(followup: FollowUp, doc: Document, page: str) -> str:
    """Narrative follow-up entries: text and the actions they concern, and no status."""
    if not followup.entries:
        return ""
    items = []
    for entry in followup.entries:
        parts = []
        if entry.heading:
            parts.append(f"<p><strong>{h.esc(entry.heading)}</strong></p>")
        parts.append(h.md(entry.text))
        links = []
        for action_id in entry.actions:
            action = doc.action(action_id)
            title = h.esc(action.title if action else action_id)
            links.append(h.link(urls.href(page, urls.document_page(doc), urls.action_anchor(action_id)), title))
        if links:
            parts.append(f'<p class="tp-small">Handlar om: {", ".join(links)}</p>')
        if entry.source_url:
            parts.append(f'<p class="tp-small">{h.external_link(entry.source_url, "Källa")}</p>')
        parts.append(h.remark(entry.remark))
        items.append("".join(parts))
    return ('<p class="tp-small">Uppföljningen är beskriven i text, utan status per åtgärd.</p>'
            + h.ul(items, "tp-entries"))


def rating_text(rating: str) -> str:
    """Brå's colour mark as the source gives it: "Grön (enligt källans färgmarkering)"."""
    return f"{RATING_LABELS.get(rating, rating)} (enligt källans färgmarkering)" if rating else ""


def render_observations(indicator: Indicator) -> str:
    """Qualitative outcomes as the source states them: trend statements and yes/no answers."""
    if not indicator.observations:
        return ""
    rows = []
    for obs in sorted(indicator.observations, key=lambda o: o.period, reverse=True):
        details = [h.esc(obs.statement)]
        if obs.trend:
            trend = TREND_LABELS.get(obs.trend, obs.trend)
            versus = f" jämfört med {h.esc(swedish_period(obs.compared_with))}" if obs.compared_with else ""
            details.append(f'<span class="tp-small">Trend: {h.esc(trend)}{versus}</span>')
        if obs.answer is not None:
            what = f" (mäts mot {h.esc(obs.list)})" if obs.list else ""
            details.append(f'<span class="tp-small">Svar: {"ja" if obs.answer else "nej"}{what}</span>')
        source = h.esc(obs.source_name)
        if obs.source_url:
            source = h.external_link(obs.source_url, source or "källans webbplats")
        if source:
            details.append(f'<span class="tp-small">Källa: {source}</span>')
        rows.append(f'<tr><th scope="row">{h.esc(swedish_period(obs.period))}</th>'
                    f'<td>{"<br>".join(details)}{h.remark(obs.remark)}</td></tr>')
    table = ('<table class="tp-table"><caption>Iakttagelser som källan anger dem, inga tal</caption>'
             '<thead><tr><th scope="col">Period</th><th scope="col">Iakttagelse</th></tr></thead>'
             f"<tbody>{''.join(rows)}</tbody></table>")
    return h.heading(2, "Iakttagelser", "iakttagelser") + h.block(h.scroll_table(table, f"Iakttagelser: {indicator.name}"))


def render_entries_section(followup: FollowUp, doc: Document, page: str) -> str:
    """The narrative part of a follow-up page, under its own heading."""
    if not followup.entries:
        return ""
    return '<h2 id="uppfoljning-i-text">Uppföljning i text</h2>' + render_entries(followup, doc, page)


def render_round_actions(doc: Document, followup: FollowUp, page: str, report_block: Callable[[Action], str]) -> str:
    """On a round's follow-up page: only that round's actions; a status only where the source reports one."""
    rnd = doc.round(followup.round)
    if rnd is None:
        return ""
    period = h.esc(swedish_period(rnd.period))
    out = [f'<h2 id="atgarder">Åtgärder i omgången {period}</h2>']
    reported = {r.action for r in followup.actions}
    mentioned = {a for e in followup.entries for a in e.actions}
    items = []
    for action in rnd.actions:
        if action.id in reported:
            out.append(report_block(action))
            continue
        link = h.link(urls.href(page, urls.document_page(doc), urls.action_anchor(action.id)), h.esc(action.title))
        note = "nämns i uppföljningen ovan" if action.id in mentioned else "nämns inte i uppföljningen"
        items.append(f'{link} <span class="tp-small">({note}, ingen status angiven)</span>')
    if items:
        out.append(h.ul(items, "tp-round-actions"))
    return "".join(out)


def direct_actions_heading(doc: Document) -> str:
    """Heading for a document's own actions (no area) in a follow-up's list of actions."""
    return "<h3>Åtgärder direkt under dokumentet</h3>" if doc.actions else ""


def extra_action_groups(doc: Document) -> list[tuple[Area, list[Action]]]:
    """Actions outside areas, as (pseudo-area, actions) groups for the responsibility page: the
    document's own actions, then each round's (newest first)."""
    groups: list[tuple[Area, list[Action]]] = []
    if doc.actions:
        groups.append((Area("atgarder", "Åtgärder direkt under dokumentet"), list(doc.actions)))
    for rnd in doc.rounds_newest_first():
        if rnd.actions:
            title = rnd.title or h.capitalise(swedish_period(rnd.period))
            groups.append((Area(f"omgang-{rnd.id}", f"Omgång: {title}"), list(rnd.actions)))
    return groups

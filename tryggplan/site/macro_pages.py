"""The generated catalogue of macros for staff, at bidra/makron.md: every macro, how to call it and an example."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tryggplan.model import Project
from tryggplan.settings import SiteSettings
from tryggplan.site.catalogue import MACROS, Macro
from tryggplan.site.pages import Page, provider
from tryggplan.views import html as h

MACRO_CATALOGUE_PAGE = "bidra/makron.md"
EXAMPLE_PAGE = "bidra/exempelsida.md"
PAGE_EXAMPLE = '---\nrender_macros: true\n---\n\n# Tryggt i Kungälv\n\n{{ framsteg("kungalv/program-social-hallbarhet") }}'
_CODE = re.compile(r"`([^`]+)`")


def macro_anchor(name: str) -> str:
    return f"makro-{name.replace('_', '-')}"


def _doc_html(text: str) -> str:
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
    return "".join("<p>" + _CODE.sub(r"<code>\1</code>", h.esc(p)) + "</p>" for p in paragraphs)


def render_macro(entry: Macro) -> str:
    return (h.heading(2, entry.name, macro_anchor(entry.name))
            + h.block(f'<p><code class="tp-signature">{h.esc(entry.signature)}</code></p>{_doc_html(entry.doc)}'
                      f"<p>Exempel:</p><pre><code>{h.esc('{{ ' + entry.example + ' }}')}</code></pre>"))


def render_macro_catalogue() -> str:
    intro = (
        "<p>En sida som du skriver själv under <code>docs/</code> kan visa samma delar som de genererade "
        "sidorna: en plans sammanfattning och åtgärder, vem gör vad, läget i genomförandet, ett diagram "
        "med sin tabell eller en hel uppföljning. Sidan börjar med <code>render_macros: true</code> i sitt "
        "sidhuvud och anropar makrona med id:n från <code>plans/</code> inom citattecken:</p>"
        "<pre><code>" + h.esc(PAGE_EXAMPLE).replace("\n", "&#10;") + "</code></pre>"
        "<p>Ett dokument anges som <code>kommun/dokument</code>, precis som mappen i <code>plans/</code>; en "
        "enhet som <code>kommun/enhet</code> och en indikator som <code>kommun/indikator</code> med id:t från "
        "<code>organisation.yaml</code> respektive <code>indicators.yaml</code>. Texten från planfilerna "
        "kommer med som den är och tolkas aldrig som makron. Ett id som inte finns stoppar bygget med ett "
        "felmeddelande som säger vilken sida, vilken rad och vilka id:n som finns.</p>"
        f'<p>{h.link("../exempelsida/", "Exempelsidan")} visar flera makron tillsammans.</p>'
    )
    index = h.ul(h.link(f"#{macro_anchor(name)}", f"<code>{h.esc(entry.signature)}</code>")
                 for name, entry in MACROS.items())
    out = [h.title_block("Makron för egna sidor",
                         "Alla makron som en egen sida kan använda för att visa planer, ansvar och uppföljning."),
           h.block(intro), h.heading(2, "Alla makron", "alla-makron"), h.block(index)]
    out.extend(render_macro(entry) for entry in MACROS.values())
    return "".join(out)


@provider
def macro_catalogue_page(project: Project, settings: SiteSettings) -> Iterator[Page]:
    yield Page(MACRO_CATALOGUE_PAGE, "Makron för egna sidor", render_macro_catalogue())

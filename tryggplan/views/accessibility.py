"""Tillgänglighetsredogörelse following Digg's template, from extra.tryggplan.accessibility."""

from __future__ import annotations

from tryggplan.formatting import swedish_date
from tryggplan.views import html as h

COMPLIANCE_TEXT = {
    "helt": "Den här webbplatsen är helt förenlig med lagen om tillgänglighet till digital offentlig service.",
    "delvis": "Den här webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service, "
              "på grund av de brister som beskrivs nedan.",
    "inte": "Den här webbplatsen är inte förenlig med lagen om tillgänglighet till digital offentlig service. "
            "Bristerna beskrivs nedan.",
}
DIGG_URL = "https://www.digg.se/tdosanmalan"


def render_accessibility_statement(config: dict, site_name: str) -> str:
    organisation = config["organisation"]
    service = config.get("service") or site_name
    out = [h.title_block("Tillgänglighetsredogörelse",
                         f"Hur tillgänglig {service} är och hur du rapporterar brister.")]
    out.append(h.block(
        f"<p>{h.esc(organisation)} står bakom webbplatsen {h.esc(service)}. Vi vill att så många som möjligt "
        "ska kunna använda den. Här beskriver vi hur webbplatsen uppfyller lagen (2018:1937) om tillgänglighet "
        "till digital offentlig service, kända brister och hur du kan rapportera problem så att vi kan åtgärda dem.</p>"))
    out.append(h.heading(2, "Hur tillgänglig är webbplatsen?", "hur-tillganglig"))
    gaps = [str(g) for g in config.get("known_gaps") or []]
    out.append(h.block(f"<p>{h.esc(COMPLIANCE_TEXT[config['compliance']])}</p>"))
    out.append(h.heading(2, "Vad kan du göra om du inte kan använda delar av webbplatsen?", "om-du-inte-kan"))
    out.append(h.block(
        "<p>Om du behöver innehåll i ett annat format kan du ladda ner varje plan som data (JSON och CSV) från "
        "planens sida, och de beslutade originaldokumenten finns hos respektive kommun. Du kan också kontakta oss:</p>"
        + contact(config)))
    out.append(h.heading(2, "Rapportera brister i webbplatsens tillgänglighet", "rapportera"))
    response = f" Vi svarar normalt inom {h.esc(config['response_time'])}." if config.get("response_time") else ""
    out.append(h.block(
        "<p>Vi strävar hela tiden efter att förbättra webbplatsens tillgänglighet. Om du upptäcker problem som inte "
        f"beskrivs på den här sidan, eller om du anser att vi inte uppfyller lagens krav, meddela oss så att vi "
        f"får veta att problemet finns.{response}</p>" + contact(config)))
    out.append(h.heading(2, "Tillsyn", "tillsyn"))
    out.append(h.block(
        "<p>Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn för lagen om tillgänglighet till "
        "digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du "
        f'<a href="{DIGG_URL}" rel="noopener noreferrer">kontakta Digg och påpeka det</a>.</p>'))
    out.append(h.heading(2, "Teknisk information om webbplatsens tillgänglighet", "teknisk-information"))
    out.append(h.block(f"<p>{h.esc(COMPLIANCE_TEXT[config['compliance']])}</p>"))
    out.append(h.heading(3, "Innehåll som inte är tillgängligt", "brister"))
    out.append(h.block(h.ul(h.esc(g) for g in gaps) if gaps else "<p>Vi känner inte till några brister.</p>"))
    out.append(h.heading(2, "Hur vi testat webbplatsen", "hur-vi-testat"))
    out.append(h.block(
        f"<p>{h.esc(config['method'])}</p>"
        f"<p>Senaste bedömningen gjordes den {h.esc(swedish_date(config['assessment_date']))}.</p>"
        + (f"<p>Webbplatsen publicerades den {h.esc(swedish_date(config['published']))}.</p>"
           if config.get("published") else "")
        + f"<p>Redogörelsen uppdaterades senast den {h.esc(swedish_date(config['updated']))}.</p>"))
    return "".join(out)


def contact(config: dict) -> str:
    items = []
    value = str(config["contact"])
    if "@" in value and " " not in value:
        items.append(f'E-post: <a href="mailto:{h.esc(value)}">{h.esc(value)}</a>')
    elif value.startswith(("https://", "http://")):
        items.append(h.external_link(value, h.esc(value)))
    else:
        items.append(h.esc(value))
    if config.get("contact_url"):
        items.append(h.external_link(str(config["contact_url"]), h.esc(config.get("contact_url_text")
                                                                        or config["contact_url"])))
    if config.get("phone"):
        items.append(f"Telefon: {h.esc(config['phone'])}")
    return h.ul(items)

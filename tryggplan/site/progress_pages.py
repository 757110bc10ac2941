"""Page providers for progress: one page per indicator (plus its chart as an SVG download),
an indicator index per municipality and one page per follow-up report."""

from __future__ import annotations

from collections.abc import Iterator

from tryggplan.progress import charts
from tryggplan.formatting import swedish_period
from tryggplan.model import Project
from tryggplan.views import html as h
from tryggplan.views import progress_html
from tryggplan.settings import SiteSettings
from tryggplan.site.pages import Download, Page, provider
from tryggplan import urls


def _page(path: str, title: str, body: str, description: str = "", page_title: str = "") -> Page:
    # The title is a Markdown heading; the body is one HTML block (never Jinja-rendered).
    # page_title (front matter) is the browser title: it names the municipality.
    return Page(path=path, title=title, description=description,
                content=h.front_matter(title, description, browser_title=page_title) + f"# {_md_escape(title)}\n\n{body}\n")


def _md_escape(text: str) -> str:
    """Plain text for a Markdown heading: HTML-escaped, Markdown punctuation backslashed."""
    out = progress_html.escape(text)
    for char in "\\`*_[]#!|{}":
        out = out.replace(char, "\\" + char)
    return out


@provider
def indicator_pages(project: Project, settings: SiteSettings) -> Iterator[Page | Download]:
    for muni in project.municipalities.values():
        indicators = [(doc, i) for doc in muni.documents.values() for i in doc.indicators]
        if not indicators:
            continue
        yield _page(urls.indicators_index_page(muni.id), f"Indikatorer – {muni.name}",
                    progress_html.render_indicators_index(project, muni, settings),
                    f"Indikatorer och utveckling mot målen i {muni.name}.")
        for doc, indicator in indicators:
            yield _page(urls.indicator_page(muni, indicator), indicator.name,
                        progress_html.render_indicator(project, muni, doc, indicator, settings),
                        f"{indicator.name}: värden, mål och bedömning ({muni.name}).",
                        page_title=f"{indicator.name} – {doc.display_title} – {muni.name}")
            if progress_html.has_values(indicator):
                yield Download(progress_html.svg_path(muni, indicator), charts.render_chart(indicator, muni.name) + "\n")


@provider
def followup_pages(project: Project, settings: SiteSettings) -> Iterator[Page]:
    for muni in project.municipalities.values():
        for doc in muni.documents.values():
            for followup in doc.followups:
                title = followup.title or f"Uppföljning {swedish_period(followup.period)}: {doc.display_title}"
                yield _page(urls.followup_page(doc, followup.period), title,
                            progress_html.render_followup(project, muni, doc, followup, settings),
                            f"Uppföljning av {doc.title} för {swedish_period(followup.period)}.",
                            page_title=f"{title} – {muni.name}")

"""Markdown from YAML fields the schema marks as Markdown, rendered to sanitised HTML.

Only fields with contentMediaType text/markdown go through here; everything else is escaped
with formatting.escape. Raw HTML in the Markdown is dropped, links may only be http(s),
mailto or in-page, and the result never contains Jinja delimiters that a template engine could
pick up (mkdocs-macros renders generated pages through Jinja).
"""

from __future__ import annotations

import re

import markdown as _markdown
import nh3

_ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote", "code", "pre", "hr",
    "h3", "h4", "h5", "h6", "sup", "sub", "div", "section", "table", "thead", "tbody", "tr", "th", "td", "abbr",
}
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id", "class"},
    "sup": {"id", "class"},
    "li": {"id"},
    "div": {"class"},
    "section": {"class"},
    "abbr": {"title"},
    "th": {"scope"},
    "td": set(),
    "ol": {"start"},
}
_URL_SCHEMES = {"http", "https", "mailto"}
_RAW_HTML = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*|/?)>|<!--.*?-->", re.DOTALL)


def _strip_raw_html(text: str) -> str:
    """Drop HTML tags written into Markdown so they show as nothing, not as markup."""
    return _RAW_HTML.sub("", text)


def _neutralise_jinja(html: str) -> str:
    return (html.replace("{{", "{&#8203;{").replace("}}", "}&#8203;}")
            .replace("{%", "{&#8203;%").replace("%}", "%&#8203;}")
            .replace("{#", "{&#8203;#").replace("#}", "#&#8203;}"))


_CONVERTER: list[_markdown.Markdown] = []


def _converter() -> _markdown.Markdown:
    """One Markdown instance, reset before each use: building a new one per field took about a
    quarter of page generation (extension set-up) in the build benchmark."""
    if not _CONVERTER:
        _CONVERTER.append(_markdown.Markdown(
            extensions=["footnotes", "tables", "sane_lists"],
            extension_configs={"footnotes": {"UNIQUE_IDS": False, "BACKLINK_TITLE": "Tillbaka till texten",
                                             "SUPERSCRIPT_TEXT": "{}"}},
            output_format="html",
        ))
    return _CONVERTER[0]


def render_markdown(text: str, *, id_prefix: str = "") -> str:
    """Markdown (with footnotes and tables) -> safe HTML. Footnote ids get a prefix so several
    fields on one page do not collide."""
    if not text:
        return ""
    html = _converter().reset().convert(_strip_raw_html(text))
    if id_prefix:
        html = html.replace('id="fn:', f'id="{id_prefix}fn:').replace('href="#fn:', f'href="#{id_prefix}fn:')
        html = html.replace('id="fnref:', f'id="{id_prefix}fnref:').replace('href="#fnref:', f'href="#{id_prefix}fnref:')
    clean = nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES, url_schemes=_URL_SCHEMES,
                      link_rel="noopener noreferrer")
    return _neutralise_jinja(clean)


def render_inline(text: str) -> str:
    """Markdown for a single line (no wrapping <p>)."""
    html = render_markdown(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html

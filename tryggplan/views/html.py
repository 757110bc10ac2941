"""Small building blocks for generated pages: escaping, headings, lists, unit references."""

from __future__ import annotations

import re
from collections.abc import Iterable

from tryggplan import urls
from tryggplan.formatting import escape, join_swedish
from tryggplan.markup import render_markdown
from tryggplan.model import Municipality, Person

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>])")


def esc(value: object) -> str:
    """Plain text from YAML, safe in HTML text and attributes."""
    return escape(value)


def md(text: str, id_prefix: str = "") -> str:
    """A Markdown field from YAML as sanitised HTML (only for contentMediaType text/markdown)."""
    return render_markdown(text, id_prefix=id_prefix)


def md_inline_text(value: object) -> str:
    """Plain text for a Markdown line (a heading): HTML-escaped, then Markdown syntax backslashed."""
    text = " ".join(escape(value).split())
    return _MD_SPECIAL.sub(r"\\\1", text)


def heading(level: int, text: str, anchor: str, css_class: str = "") -> str:
    """A Markdown heading with a stable id, so MkDocs' table of contents includes it."""
    attrs = f"#{anchor}" + (f" .{css_class}" if css_class else "")
    return f"\n{'#' * level} {md_inline_text(text)} {{ {attrs} }}\n\n"


def block(html: str) -> str:
    """An HTML block separated by blank lines so Markdown leaves it alone."""
    return f"\n{html.strip()}\n\n" if html.strip() else ""


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def ul(items: Iterable[str], css_class: str = "") -> str:
    """A list of already-safe HTML items."""
    items = [i for i in items if i]
    if not items:
        return ""
    cls = f' class="{css_class}"' if css_class else ""
    return f"<ul{cls}>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def dl(rows: Iterable[tuple[str, str]], css_class: str = "tp-dl") -> str:
    """A description list from (term, safe HTML) pairs; empty values are left out."""
    body = "".join(f"<div><dt>{esc(term)}</dt><dd>{value}</dd></div>" for term, value in rows if value)
    return f'<dl class="{css_class}">{body}</dl>' if body else ""


def link(href: str, text_html: str, css_class: str = "") -> str:
    cls = f' class="{css_class}"' if css_class else ""
    return f'<a href="{esc(href)}"{cls}>{text_html}</a>'


def external_link(url: str, text_html: str) -> str:
    """A link to another website (URLs are validated by the schema to be http or https)."""
    if not url.startswith(("https://", "http://")):
        return text_html
    return f'<a href="{esc(url)}" rel="noopener noreferrer">{text_html}</a>'


def unit_name(muni: Municipality, unit_id: str) -> str:
    """The unit's abbreviation with its full name in <abbr title>, or its name."""
    unit = muni.unit(unit_id)
    if unit is None:
        return esc(unit_id)
    if unit.abbreviation:
        return f'<abbr title="{esc(unit.name)}">{esc(unit.abbreviation)}</abbr>'
    return esc(unit.name)


def unit_full_name(muni: Municipality, unit_id: str) -> str:
    """"Sektor Trygghet och stöd (ToS)": the full name, the abbreviation in parentheses."""
    unit = muni.unit(unit_id)
    if unit is None:
        return esc(unit_id)
    if unit.abbreviation and unit.abbreviation != unit.name:
        return f"{esc(unit.name)} ({esc(unit.abbreviation)})"
    return esc(unit.name)


def unit_ref(muni: Municipality, unit_id: str, from_page: str, full: bool = False) -> str:
    """A unit as a link to its page: full name (abbreviation) or the abbreviation explained with <abbr>."""
    if muni.unit(unit_id) is None:
        return esc(unit_id)
    text = unit_full_name(muni, unit_id) if full else unit_name(muni, unit_id)
    return link(urls.href(from_page, urls.unit_page(muni.id, unit_id)), text)


def unit_refs(muni: Municipality, unit_ids: Iterable[str], from_page: str, full: bool = False) -> str:
    return join_swedish([unit_ref(muni, u, from_page, full=full) for u in unit_ids])


def person(muni: Municipality, who: Person | None, from_page: str, show_names: bool) -> str:
    """A role, its unit as a link, and the person's name only when the site shows names."""
    if who is None:
        return ""
    parts = [esc(capitalise(who.role))] if who.role else []
    if who.unit and muni.unit(who.unit) is not None and muni.units[who.unit].name != who.role:
        ref = unit_ref(muni, who.unit, from_page)
        parts.append(f"({ref})" if parts else ref)
    if show_names and who.person_name:
        parts.append(f"– {esc(who.person_name)}")
    return " ".join(parts)


def note(title: str, body_html: str, kind: str = "note") -> str:
    """A visible admonition box (Material's styling), e.g. "Anmärkning om källan"."""
    if not body_html:
        return ""
    return (f'<div class="admonition {kind}"><p class="admonition-title">{esc(title)}</p>'
            f"{body_html}</div>")


def remark(text: str) -> str:
    """A remark from YAML (Markdown) shown to the reader as a note about the source."""
    return note("Anmärkning om källan", md(text), "note tp-remark") if text else ""


def scroll_table(table_html: str, label: str) -> str:
    """A wide table inside a focusable, labelled scroll container, left out of the search index."""
    return (f'<div class="tp-scroll" tabindex="0" role="region" aria-label="{esc(label)}" '
            f"data-search-exclude>{table_html}</div>")


def front_matter(title: str, description: str = "", *, browser_title: str = "", robots: str = "",
                 breadcrumbs: list[tuple[str, str]] | None = None, from_page: str = "") -> str:
    """Front matter for a generated page: never rendered by Jinja, description pre-escaped.

    browser_title (tp_title) is the <title>, which names the municipality; the template escapes
    it. robots ("noindex") keeps drafts out of search engines.
    """
    import yaml

    data: dict[str, object] = {"render_macros": False}
    if description:
        data["description"] = " ".join(esc(description).split())
    if browser_title and browser_title != title:
        data["tp_title"] = " ".join(str(browser_title).split())
    if robots:
        data["robots"] = robots
    if breadcrumbs:
        page = from_page or breadcrumbs[-1][1]
        data["tp_breadcrumbs"] = [{"title": " ".join(str(label).split()),
                                   "url": "" if index == len(breadcrumbs) - 1 else urls.href(page, target)}
                                  for index, (label, target) in enumerate(breadcrumbs)]
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n\n"


def title_block(title: str, description: str = "", *, browser_title: str = "", robots: str = "",
                breadcrumbs: list[tuple[str, str]] | None = None) -> str:
    return (front_matter(title, description, browser_title=browser_title, robots=robots, breadcrumbs=breadcrumbs)
            + f"# {md_inline_text(title)}\n\n")


def details(summary: str, body_html: str, css_class: str = "", open_: bool = False) -> str:
    """A collapsed block (GOV.UK details): the summary is plain text, the body safe HTML."""
    if not body_html:
        return ""
    cls = f' class="{css_class}"' if css_class else ""
    return f'<details{cls}{" open" if open_ else ""}><summary>{esc(summary)}</summary>{body_html}</details>'


def contact_links(contact: dict) -> str:
    """A unit's contact (organisation.yaml: email, phone, url) as links, or ""."""
    contact = contact or {}
    bits = []
    if contact.get("email"):
        bits.append(f'<a href="mailto:{esc(contact["email"])}">{esc(contact["email"])}</a>')
    if contact.get("phone"):
        digits = "".join(c for c in str(contact["phone"]) if c.isdigit() or c == "+")
        bits.append(f'<a href="tel:{esc(digits)}">{esc(contact["phone"])}</a>')
    if contact.get("url"):
        bits.append(external_link(str(contact["url"]), "Webbsida"))
    return ", ".join(bits)

"""Markdown from YAML fields the schema marks as Markdown, rendered to sanitised HTML in bounded time.

Only fields with contentMediaType text/markdown go through here; everything else is escaped
with formatting.escape. Raw HTML in the Markdown is dropped and any `<` left over is shown as a
character (so a nested tag such as `<<a>a …>` cannot reassemble), links may only be http(s),
mailto or in-page, and one nh3 pass over the final HTML keeps an allow-list of tags and attributes
without `class`, `id` or `style`; the footnote ids and classes Python-Markdown makes are put back
afterwards from the footnote structure itself. The result never contains Jinja delimiters that a
template engine could pick up (mkdocs-macros renders generated pages through Jinja).

Python-Markdown is quadratic on some inputs (30 KB of `[` took over a minute): each inline match
re-slices the rest of its block, and at every `[` or `(` it looks ahead for the matching bracket.
So each block (text between blank lines) is costed before rendering as its length times its
inline tokens (characters that start inline syntax, with brackets that are never closed or nest
deeply counted extra). A block over the block budget, one indented deeper than MAX_INDENT, and
every block once the field's budget is spent are shown as plain text. The work per field is then
bounded, and linear in its length.
"""

from __future__ import annotations

import hashlib
import html as _html
import re
import secrets

import markdown as _markdown
import nh3

_ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote", "code", "pre", "hr",
    "h3", "h4", "h5", "h6", "sup", "sub", "div", "section", "table", "thead", "tbody", "tr", "th", "td", "abbr",
}
# No class, id or style: page furniture (Material's dialogs, anchors) cannot be imitated or targeted.
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"scope"},
    "td": set(),
    "ol": {"start"},
}
_URL_SCHEMES = {"http", "https", "mailto"}
# One linear pass: autolinks are kept, comments and tags dropped, any other "<" becomes a character.
# Each alternative stops at the next "<" or ">", so no attempt rescans text another one has seen.
_RAW_HTML = re.compile(
    r"(?P<auto><(?:https?://|mailto:)[^\s<>]*>)"
    r"|(?P<drop><!--[^<>]*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)"
    r"|(?P<lt><)")
# Characters that start inline syntax in Python-Markdown; each match re-slices the rest of the block.
_INLINE_SPECIAL = re.compile(r"[\[\]()<>*_`!\\&^|~]")
_BRACKETS = re.compile(r"[\[\]()]")
_BLOCK_SPLIT = re.compile(r"(\n[ \t]*\n)")
#: A bracket that scans ahead to the end of its block costs about this many ordinary tokens.
FAR_BRACKET_WEIGHT = 4
#: Budgets in length x tokens. The largest seed block costs about 0.2 million; a block at the
#: block budget takes Python-Markdown about 0.2 s on the worst input, and the field budget caps a
#: field at about 2 s whatever it holds.
BLOCK_BUDGET = 600_000
RENDER_BUDGET = 6_000_000
#: Deeper indentation than this (about ten nested lists) shows the block as plain text: nested
#: lists cost Python-Markdown the square of their depth.
MAX_INDENT = 40
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)


def _raw_html(match: re.Match) -> str:
    if match.group("auto"):
        return match.group("auto")
    return "" if match.group("drop") else "&lt;"


def _strip_raw_html(text: str) -> str:
    """Drop HTML tags written into Markdown so they show as nothing, not as markup; a stray "<" shows as is."""
    return _RAW_HTML.sub(_raw_html, text)


def _within_budget(text: str) -> tuple[str, list[str]]:
    """Replace blocks that would cost Python-Markdown too much by placeholders; returns the text and
    [placeholder prefix, plain blocks...], to be put back escaped after rendering."""
    if _cost(text) <= BLOCK_BUDGET and _indent(text) <= MAX_INDENT:
        return text, []
    parts = _BLOCK_SPLIT.split(text)
    # Letters only, so Markdown leaves it alone; random, so the text itself cannot contain it.
    token = "tpplain" + secrets.token_hex(8)
    plain: list[str] = [token]
    spent = 0
    for index in range(0, len(parts), 2):
        block = parts[index]
        cost = _cost(block)
        if cost > BLOCK_BUDGET or spent + cost > RENDER_BUDGET or _indent(block) > MAX_INDENT:
            parts[index] = f"{token}n{len(plain)}e"
            plain.append(block)
        else:
            spent += cost
    return "".join(parts), plain


#: Python-Markdown's footnotes look up every earlier reference to the same note, so references
#: cost the square of their number; those after this many in one field are shown as typed.
MAX_FOOTNOTE_REFERENCES = 200
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]\s]{0,100}\](?!:)")  # bounded: no rescanning


def _limit_footnote_references(text: str) -> str:
    count = 0

    def one(match: re.Match) -> str:
        nonlocal count
        count += 1
        return match.group() if count <= MAX_FOOTNOTE_REFERENCES else "\\" + match.group()
    return _FOOTNOTE_REFERENCE.sub(one, text) if text.count("[^") > MAX_FOOTNOTE_REFERENCES else text


def _cost(text: str) -> int:
    return len(text) * (len(_INLINE_SPECIAL.findall(text)) + FAR_BRACKET_WEIGHT * _far_brackets(text))


def _far_brackets(text: str) -> int:
    """Openers ([ or () that are never closed plus the deepest nesting: each makes the renderer
    scan ahead to the end of the block or past the nested part."""
    stack: list[str] = []
    unmatched = depth = 0
    for match in _BRACKETS.finditer(text):
        char = match.group()
        if char in "[(":
            stack.append(char)
            depth = max(depth, len(stack))
        elif stack:
            opener = "[" if char == "]" else "("
            while stack and stack[-1] != opener:  # an opener of the other kind left open
                stack.pop()
                unmatched += 1
            if stack:
                stack.pop()
    return unmatched + len(stack) + depth


def _indent(text: str) -> int:
    """The deepest indentation in text, a tab counted as four spaces."""
    return max((len(m.group().expandtabs(4)) for m in _INDENT.finditer(text)), default=0)


def _put_back(html: str, plain: list[str]) -> str:
    if len(plain) < 2:
        return html
    pattern = re.compile(plain[0] + "n([0-9]+)e")
    return pattern.sub(lambda m: _html.escape(plain[int(m.group(1))], quote=False).replace("\n", "<br>\n"), html)


_FOOTNOTE_REF = re.compile(r'<sup><a href="#([a-z0-9-]*)fn:([A-Za-z0-9_-]+)"')
_FOOTNOTE_BLOCK = re.compile(r'<div>\n<hr>\n<ol>\n(<li>.*</li>\n)</ol>\n</div>\Z', re.DOTALL)
_FOOTNOTE_ITEM = re.compile(r'<li>(?=(?:(?!</li>).)*?<a href="#([a-z0-9-]*)fnref:([A-Za-z0-9_-]+)" '
                            r'title="Tillbaka till texten")', re.DOTALL)
_BACKREF = re.compile(r'<a href="#([a-z0-9-]*fnref:[A-Za-z0-9_-]+)" title="Tillbaka till texten"')


def _restore_footnotes(html: str) -> str:
    """Put back the ids and classes of footnotes, which the sanitiser removed with all others.

    Raw HTML never reaches the renderer, so a <sup> holding a link and the closing <div> with a
    rule and a list can only come from the footnotes extension; ids are only ever "<prefix>fn:<label>"
    and "<prefix>fnref:<label>", which no page element uses.
    """
    if "fn:" not in html:
        return html
    html = _FOOTNOTE_REF.sub(r'<sup id="\1fnref:\2"><a class="footnote-ref" href="#\1fn:\2"', html)

    def block(match: re.Match) -> str:
        items = _FOOTNOTE_ITEM.sub(r'<li id="\1fn:\2">', match.group(1))
        items = _BACKREF.sub(r'<a class="footnote-backref" href="#\1" title="Tillbaka till texten"', items)
        return f'<div class="footnote">\n<hr>\n<ol>\n{items}</ol>\n</div>'
    return _FOOTNOTE_BLOCK.sub(block, html)


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
    if not id_prefix and "[^" in text:
        # Several fields on one page may each have a footnote 1: without a prefix from the caller,
        # one from the text keeps their ids apart (the same text twice gives the same footnotes).
        id_prefix = "n" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8] + "-"
    source, plain = _within_budget(_limit_footnote_references(text))
    html = _put_back(_converter().reset().convert(_strip_raw_html(source)), plain)
    if id_prefix:
        html = html.replace('href="#fn:', f'href="#{id_prefix}fn:').replace('href="#fnref:', f'href="#{id_prefix}fnref:')
    clean = nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES, url_schemes=_URL_SCHEMES,
                      link_rel="noopener noreferrer")
    return _neutralise_jinja(_restore_footnotes(clean))


def render_inline(text: str) -> str:
    """Markdown for a single line (no wrapping <p>)."""
    html = render_markdown(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html

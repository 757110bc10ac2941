"""Moves a rendered view from the page it was made for onto another page: body only, links rebased.

A view such as the "Vem gör vad" page computes its links relative to its own generated page. When
a macro puts the same view on a hand-written page, every relative link is rewritten so that it
points at the same target from the new page, and the page's own front matter and title are left
out (the hand-written page has its own).
"""

from __future__ import annotations

import posixpath
import re

from tryggplan import urls

_URL_ATTR = re.compile(r'\b(href|src)="([^"]*)"')
_IDS = re.compile(r'\bid="([^"]+)"|\{\s*#([^\s}]+)')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def body(content: str) -> str:
    """The content of a generated page without its front matter and its first-level heading."""
    if content.startswith("---\n"):
        end = content.find("\n---\n", 4)
        if end != -1:
            content = content[end + 5:]
    content = content.lstrip("\n")
    if content.startswith("# "):
        content = content.partition("\n")[2]
    return content


def served(page: str) -> str:
    """The directory a docs page is served from, relative to the site root ("" for the home page)."""
    url = urls.href("index.md", page)
    return "" if url == "./" else url.rstrip("/")


def rebase(html: str, origin: str, host: str) -> str:
    """Rewrite relative href/src values made for page `origin` so they work on page `host`.

    Links to anchors inside the fragment itself stay as they are; links to anchors on the origin
    page that the fragment does not contain point to the origin page.
    """
    if origin == host:
        return html
    own_ids = {a or b for a, b in _IDS.findall(html)}
    origin_dir, host_dir = served(origin), served(host)

    def fix(match: re.Match[str]) -> str:
        attr, url = match.groups()
        if not url or _SCHEME.match(url) or url.startswith("/"):
            return match.group(0)
        path, hash_, fragment = url.partition("#")
        if not path:
            if fragment in own_ids:
                return match.group(0)
            return f'{attr}="{urls.href(host, origin, fragment)}"'
        target = posixpath.normpath(posixpath.join(origin_dir, path))
        target = "" if target == "." else target
        new = posixpath.relpath(target or ".", host_dir or ".")
        if path.endswith("/") or path in (".", "./"):
            new = "./" if new == "." else new + "/"
        return f'{attr}="{new}{hash_}{fragment}"'

    return _URL_ATTR.sub(fix, html)
